import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Fetches a source's file when the machine is online, with a short timeout;
 * null (and a reason) when offline, so the CLI falls back to a local file.
 * For open.canada.ca datasets the CKAN API names the resource's current URL,
 * so no file address is hard-coded.
 */
export async function downloadSource(
  spec: { url?: string; openCanadaDataset?: string; resourceMatch?: RegExp },
  timeoutMs = 8000,
): Promise<{ file: string } | { error: string }> {
  try {
    let url = spec.url;
    if (!url && spec.openCanadaDataset) {
      const api = `https://open.canada.ca/data/api/action/package_show?id=${encodeURIComponent(spec.openCanadaDataset)}`;
      const res = await fetch(api, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) return { error: `open.canada.ca answered ${res.status}` };
      const body = (await res.json()) as { result?: { resources?: { url?: string; format?: string; name?: string }[] } };
      const match = spec.resourceMatch ?? /csv/i;
      const r = body.result?.resources?.find((x) => /csv/i.test(x.format ?? '') && match.test(`${x.name ?? ''} ${x.url ?? ''}`));
      url = r?.url;
      if (!url) return { error: 'no matching CSV resource in the dataset' };
    }
    if (!url) return { error: 'no download address' };
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs * 4) });
    if (!res.ok || !res.body) return { error: `${url} answered ${res.status}` };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finder-download-')), path.basename(new URL(url).pathname) || 'download');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return { file };
  } catch (err) {
    return { error: (err as Error).name === 'TimeoutError' ? 'timed out (offline?)' : (err as Error).message };
  }
}
