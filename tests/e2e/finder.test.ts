import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSource } from '../../data-loaders/load-dir.js';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import { loadNpmGazetteer } from '../../data-loaders/sources/gazetteer-npm.js';
import { serviceCanadaOffices } from '../../data-loaders/sources/service-canada-offices.js';
import { FEDERAL_FEED, FEDERAL_POINTS, reportFor } from '../fixtures/tiny-feeds.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, sharedFile, type TestDatabase } from '../support/test-database.js';

const BUILT = fs.existsSync('dist/client/index.html');
if (!HAS_CHROMIUM) console.warn('Skipping browser tests: /usr/bin/chromium is not installed.');
if (!BUILT) console.warn('Skipping browser tests: the client is not built (npm run build).');

async function axeViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!HAS_CHROMIUM || !BUILT)('the finder in a real browser', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await loadNpmGazetteer(t.db);
    const index = sharedFile('service-points', 'service-canada', 'file-index.csv');
    if (index) await runSource(serviceCanadaOffices, { db: t.db, file: index, log: () => undefined });
    else await loadAndPublish(t.db, FEDERAL_FEED, { checksum: 'x', sourceName: 'x', records: FEDERAL_POINTS, report: reportFor(FEDERAL_POINTS) });
    server = await listen(testApp(t.db));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('renders the map, finds Fredericton, lists the nearest points, and passes axe in both languages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
    expect(await page.locator('canvas.maplibregl-canvas').count()).toBe(1);

    const box = page.getByRole('combobox', { name: 'Community or postal code' });
    await box.fill('Frederict');
    await page.getByRole('option', { name: /Fredericton, NB/ }).waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.getByTestId('result').first().waitFor();
    const first = await page.getByTestId('result').first().innerText();
    expect(first).toMatch(/Fredericton/);
    expect(first).toMatch(/Federal/);
    expect(await page.getByTestId('result').count()).toBeGreaterThan(3);
    // Focus moved to the results heading after the search.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results');
    expect(page.url()).toContain('lon=');
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-output/finder-en.png' });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Afficher en français' }).click();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
    await page.getByTestId('result').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.getByRole('heading', { level: 2, name: /Points de service les plus proches de Fredericton/ }).count()).toBe(1);
    expect(await page.getByTestId('result').first().innerText()).toMatch(/Fédéral/);
    await page.screenshot({ path: 'test-output/finder-fr.png' });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
