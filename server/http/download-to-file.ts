import {
  downloadToFile as download,
  SourceUrlProblem,
  type DownloadOptions,
} from '../../data-loaders/lib/fetch-public.js';
import { AppError } from './app-error.js';

export { isPrivateAddress } from '../../data-loaders/lib/public-address.js';
export type { DownloadOptions } from '../../data-loaders/lib/fetch-public.js';

/**
 * Downloads a steward's source URL for the feeds API (data-loaders/lib/fetch-public.ts:
 * public addresses only, one resolution, the connection to the address checked,
 * redirects checked the same way) and turns a refusal into the API's answer:
 * 400 naming source_url, 413 over the size limit, 502 when the source does not answer.
 */
export async function downloadToFile(
  source: string,
  dir: string,
  options: DownloadOptions,
): Promise<{ file: string; originalName: string }> {
  try {
    return await download(source, dir, options);
  } catch (err) {
    if (!(err instanceof SourceUrlProblem)) throw err;
    if (err.kind === 'too_large') throw new AppError(413, 'payload_too_large', 'upload_too_large');
    if (err.kind === 'unreachable') throw new AppError(502, 'bad_gateway', 'source_unreachable');
    throw new AppError(400, 'bad_request', 'invalid_parameters', [
      { field: 'source_url', message_en: err.en, message_fr: err.fr },
    ]);
  }
}
