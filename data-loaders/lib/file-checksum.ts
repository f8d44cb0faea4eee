import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** SHA-256 of files' bytes, read as streams. */
export async function fileChecksum(...files: string[]): Promise<string> {
  const h = createHash('sha256');
  for (const file of files) {
    for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  }
  return h.digest('hex');
}
