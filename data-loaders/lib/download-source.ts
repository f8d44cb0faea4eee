import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fetchPublic, saveBody, SourceUrlProblem, type Resolver } from './fetch-public.js';

/** A catalog file larger than this is not a service-point list. */
const MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024;
const MAX_API_BYTES = 5 * 1024 * 1024;

function reason(err: unknown): string {
  if (err instanceof SourceUrlProblem) return err.en;
  return (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError'
    ? 'timed out (offline?)'
    : (err as Error).message;
}

/**
 * Fetches a source's file when the machine is online, with a short timeout;
 * null (and a reason) when offline, so the CLI falls back to a local file.
 * For open.canada.ca datasets the CKAN API names the resource's current URL,
 * so no file address is hard-coded. Every request, redirects included, goes
 * through the same public-address rules as the feeds API (fetchPublic): a
 * catalog entry or an API answer cannot send the loader to a private address.
 */
export async function downloadSource(
  spec: { url?: string; openCanadaDataset?: string; resourceMatch?: RegExp },
  timeoutMs = 8000,
  /** `allowPrivate`: tests that serve a publisher's file on loopback; never set in production. */
  options: { resolve?: Resolver; allowPrivate?: boolean } = {},
): Promise<{ file: string } | { error: string }> {
  try {
    let url = spec.url;
    if (!url && spec.openCanadaDataset) {
      const api = `https://open.canada.ca/data/api/action/package_show?id=${encodeURIComponent(spec.openCanadaDataset)}`;
      const { res } = await fetchPublic(api, {
        timeoutMs,
        resolve: options.resolve,
        allowPrivate: options.allowPrivate,
      });
      if (res.statusCode !== 200) {
        res.resume();
        return { error: `open.canada.ca answered ${res.statusCode}` };
      }
      let text = '';
      for await (const chunk of res) {
        text += String(chunk);
        if (text.length > MAX_API_BYTES) {
          res.destroy();
          return { error: 'open.canada.ca answered more than 5 MB' };
        }
      }
      const body = JSON.parse(text) as { result?: { resources?: { url?: string; format?: string; name?: string }[] } };
      const match = spec.resourceMatch ?? /csv/i;
      const r = body.result?.resources?.find(
        (x) => /csv/i.test(x.format ?? '') && match.test(`${x.name ?? ''} ${x.url ?? ''}`),
      );
      url = r?.url;
      if (!url) return { error: 'no matching CSV resource in the dataset' };
    }
    if (!url) return { error: 'no download address' };
    const { res, url: final } = await fetchPublic(url, {
      timeoutMs: timeoutMs * 4,
      resolve: options.resolve,
      allowPrivate: options.allowPrivate,
    });
    if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode >= 300) {
      res.resume();
      return { error: `${url} answered ${res.statusCode}` };
    }
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'finder-download-')),
      path.basename(final.pathname) || 'download',
    );
    await saveBody(res, file, MAX_DOWNLOAD_BYTES);
    return { file };
  } catch (err) {
    return { error: reason(err) };
  }
}
