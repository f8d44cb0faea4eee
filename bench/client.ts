import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchBrowser } from '../tests/support/browser.js';
import { percentile } from './figures.js';

/** Bytes of JavaScript the first page load fetches (entry script + module preloads), gzipped. */
export function initialJsGzip(dist = 'dist/client'): { bytes: number; files: string[] } {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  let bytes = 0;
  for (const f of new Set(files)) bytes += zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
  return { bytes, files: [...new Set(files)] };
}

/** Time from navigation to a rendered map with a list of results, median of `runs`, in headless Chromium. */
export async function firstMapRender(baseUrl: string, runs = 3): Promise<number> {
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(`${baseUrl}/?place=Fredericton&lon=-66.64&lat=45.96`);
      await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
      await page.waitForSelector('[data-testid="result"]', { timeout: 60_000 });
      times.push(Date.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50);
}
