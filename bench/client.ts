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

/**
 * Time from navigation to a map drawn with the search's result markers beside the list of results,
 * in headless Chromium: the map has finished its first load (`data-map-ready`), the list shows a
 * result, the map has placed a marker for a result or a cluster of them (it places them once the
 * points' data is on the map), and the frame after that has been painted. Median of `runs`; every
 * run is kept in `runs`.
 */
export async function firstMapRender(baseUrl: string, runs = 5): Promise<{ median: number; runs: number[] }> {
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
      await page.waitForSelector('[data-testid="map"] :is(.point-marker, .cluster-marker)', { timeout: 60_000 });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      times.push(Date.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), runs: times };
}
