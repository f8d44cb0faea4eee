import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from './app-error.js';

/** Addresses a server must not be made to fetch from on a caller's behalf (SSRF). */
export function isPrivateAddress(address: string): boolean {
  const v4 = net.isIPv4(address) ? address : /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  const v6 = address.toLowerCase();
  return v6 === '::' || v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80') || v6.startsWith('ff');
}

const badUrl = (en: string, fr: string) =>
  new AppError(400, 'bad_request', 'invalid_parameters', [{ field: 'source_url', message_en: en, message_fr: fr }]);

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs?: number;
  /** Tests and closed networks may fetch from private addresses; the public server must not. */
  allowPrivate?: boolean;
}

async function assertPublic(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw badUrl('The host name does not resolve.', 'Le nom d’hôte ne se résout pas.');
  if (addresses.some(isPrivateAddress)) {
    throw badUrl('The address is on a private or local network.', 'L’adresse est sur un réseau privé ou local.');
  }
}

/**
 * Downloads a feed URL (http or https) to `dir`, streaming, with a size limit
 * (413), a time limit and at most three redirects, each checked against
 * private addresses. Returns the file and the name to guess its format from.
 */
export async function downloadToFile(source: string, dir: string, options: DownloadOptions): Promise<{ file: string; originalName: string }> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw badUrl('Not a valid URL.', 'Adresse URL invalide.');
  }
  const signal = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  for (let hop = 0; hop <= 3; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badUrl('Only http and https URLs can be fetched.', 'Seules les adresses http et https peuvent être téléchargées.');
    if (!options.allowPrivate) await assertPublic(url);
    let res: Response;
    try {
      res = await fetch(url, { redirect: 'manual', signal });
    } catch {
      throw new AppError(502, 'bad_gateway', 'source_unreachable');
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    if (!res.ok || !res.body) throw new AppError(502, 'bad_gateway', 'source_unreachable');
    if (Number(res.headers.get('content-length') ?? 0) > options.maxBytes) throw new AppError(413, 'payload_too_large', 'upload_too_large');
    const file = path.join(dir, 'download');
    let bytes = 0;
    const limited = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
    limited.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > options.maxBytes) limited.destroy(new AppError(413, 'payload_too_large', 'upload_too_large'));
    });
    try {
      await pipeline(limited, fs.createWriteStream(file));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError(502, 'bad_gateway', 'source_unreachable');
    }
    return { file, originalName: path.basename(url.pathname) || 'download' };
  }
  throw new AppError(502, 'bad_gateway', 'source_unreachable');
}
