import type { Request } from 'express';
import type { z } from 'zod';
import { AppError } from './app-error.js';
import { downloadToFile } from './download-to-file.js';
import { parseBody } from './parse-query.js';
import { receiveUpload, tempUploadDir, type ReceivedUpload } from './receive-upload.js';

/**
 * A steward's file for a feed, however it comes: a multipart upload (the
 * field `file`, the other form fields in `fields`), or a JSON body naming a
 * `source_url`, or no body at all for the URL stored with the feed, which is
 * then downloaded under the public-address rules. Any other body is a 415.
 * The parsed JSON body comes back too, for the route's other settings. The
 * caller removes the file with `received.cleanup()`.
 */
export async function receiveFeedFile<S extends z.ZodType<{ source_url?: string | null | undefined }>>(
  req: Request,
  options: { maxBytes: number; allowPrivate: boolean; storedUrl: string | null; body: S },
): Promise<{ received: ReceivedUpload; body: z.output<S> | null }> {
  if (req.is('multipart/form-data')) return { received: await receiveUpload(req, options.maxBytes), body: null };
  if (!req.is('application/json') && req.headers['content-type']) {
    throw new AppError(415, 'unsupported_media_type', 'file_required');
  }
  const body = parseBody(options.body, req);
  const url = body.source_url ?? options.storedUrl;
  if (!url)
    throw new AppError(400, 'bad_request', 'file_required', [
      {
        field: 'source_url',
        message_en: 'Give a file, or a source_url (the feed has none).',
        message_fr: 'Fournissez un fichier, ou une source_url (le flux n’en a pas).',
      },
    ]);
  const tmp = await tempUploadDir();
  try {
    const file = await downloadToFile(url, tmp.dir, { maxBytes: options.maxBytes, allowPrivate: options.allowPrivate });
    return { received: { ...file, fields: {}, cleanup: tmp.cleanup }, body };
  } catch (err) {
    await tmp.cleanup();
    throw err;
  }
}
