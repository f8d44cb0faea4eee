import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import type { FeedSpec, PointRecord } from '../../data-loaders/lib/point-record.js';
import { loadNpmGazetteer } from '../../data-loaders/sources/gazetteer-npm.js';
import { FEDERAL_FEED, FEDERAL_POINTS, PROVINCIAL_FEED, PROVINCIAL_POINTS, reportFor } from '../fixtures/tiny-feeds.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { axeViolations, BUILT, newPage, shot } from './browser-helpers.js';

if (!HAS_CHROMIUM) console.warn('Skipping browser tests: /usr/bin/chromium is not installed.');
if (!BUILT) console.warn('Skipping browser tests: the client is not built (npx vite build).');

/** A feed whose name and point try to inject markup: the page must show it as text. */
const HOSTILE_FEED: FeedSpec = {
  id: 'test-hostile',
  jurisdiction_id: 'ca-nb',
  name_en: '<script>window.__injected = 1</script> Hostile feed',
  name_fr: '<script>window.__injected = 1</script> Flux hostile',
  format: 'csv',
  licence: '<b>bold licence</b>',
};
const HOSTILE_POINTS: PointRecord[] = [
  {
    source_id: 'H1',
    name_en: '<img src=x onerror="window.__injected=2"> Oromocto office',
    categories: [],
    languages: ['en'],
    accessibility: [],
    lon: -66.47,
    lat: 45.85,
    geocode_quality: 'source',
    extra: {},
    website: 'javascript:window.__injected=3',
  },
];
/** Opening hours on every day, so the detail always has a "today" row to highlight. */
const EVERY_DAY = {
  text: 'Mon-Sun 8:30-16:30',
  weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '08:30', closes: '16:30' })),
};

/** Presses `key` until the focused element satisfies `test` (at most `max` presses). */
async function tabTo(page: Page, test: string, key = 'Tab', max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate((src) => Boolean(new Function('el', `return ${src}`)(document.activeElement)), test))
      return;
    await page.keyboard.press(key);
  }
  throw new Error(`focus never reached ${test}`);
}

describe.skipIf(!HAS_CHROMIUM || !BUILT)('the finder in a real browser', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await loadNpmGazetteer(t.db);
    const federal = FEDERAL_POINTS.map((p) => ({
      ...p,
      hours: EVERY_DAY,
      phone: '506-555-0100',
      email: 'office@example.ca',
    }));
    await loadAndPublish(t.db, FEDERAL_FEED, {
      checksum: 'f',
      sourceName: 'f',
      records: federal,
      report: reportFor(federal),
    });
    await loadAndPublish(t.db, PROVINCIAL_FEED, {
      checksum: 'p',
      sourceName: 'p',
      records: PROVINCIAL_POINTS,
      report: reportFor(PROVINCIAL_POINTS),
    });
    await loadAndPublish(t.db, HOSTILE_FEED, {
      checksum: 'h',
      sourceName: 'h',
      records: HOSTILE_POINTS,
      report: reportFor(HOSTILE_POINTS),
    });
    server = await listen(testApp(t.db));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  async function searchFredericton(page: Page) {
    const box = page.getByRole('combobox', { name: /Community or postal code|Collectivité ou code postal/ });
    await box.fill('Frederict');
    await page.getByRole('option', { name: /Fredericton, NB/ }).waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.getByTestId('result').first().waitFor();
  }

  it('a citizen searches a community, opens the nearest point, switches to French and sees the same point in French', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/`);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
    expect(await page.locator('canvas.maplibregl-canvas').count()).toBe(1);

    await searchFredericton(page);
    // Focus moved to the results heading, and the count was announced.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results');
    expect(await page.getByTestId('live-count').innerText()).toMatch(/\d+ service points? found near Fredericton/);
    const results = page.getByTestId('result');
    expect(await results.count()).toBeGreaterThan(3);
    const first = await results.first().innerText();
    expect(first).toMatch(/km/);
    expect(first).toMatch(/Federal|Provincial|Municipal/);
    expect(page.url()).toContain('lon=');
    expect(await axeViolations(page)).toEqual([]);

    // Open the nearest point: its detail takes the focus, and its id goes into the URL.
    await results.first().getByRole('button').click();
    const heading = page.locator('#detail-title');
    await heading.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
    const id = new URL(page.url()).searchParams.get('point');
    expect(id).toBeTruthy();
    const detail = page.getByTestId('detail');
    expect(await detail.innerText()).toMatch(/Straight-line|straight-line/);
    expect(await detail.getByRole('link', { name: /Directions on OpenStreetMap/ }).getAttribute('href')).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/directions\?route=/,
    );
    await shot(page, 'finder-citizen-en');
    expect(await axeViolations(page)).toEqual([]);

    // The back button closes the detail; forward opens it again.
    await page.goBack();
    await page.locator('#results').waitFor();
    expect(await page.getByTestId('detail').count()).toBe(0);
    await page.goForward();
    await heading.waitFor();

    await page.getByRole('link', { name: 'Afficher en français' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    const fr = await fetch(`${server.url}/api/service-points/${id}?lang=fr`).then(
      (r) => r.json() as Promise<{ name: string; level: string }>,
    );
    await page.locator('#detail-title', { hasText: fr.name }).waitFor();
    expect(new URL(page.url()).searchParams.get('point')).toBe(id);
    expect(new URL(page.url()).pathname).toBe('/fr/');
    const frText = await page.getByTestId('detail').innerText();
    expect(frText).toMatch(/Adresse/);
    expect(frText).toMatch(/Retour aux résultats/);
    expect(frText).toMatch(/Fédéral|Provincial|Municipal/);
    expect(frText).toMatch(/vol d’oiseau/);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
    await shot(page, 'finder-citizen-fr');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows opening hours with today highlighted, a tel: link and an e-mail link', async () => {
    const { page, context } = await newPage(browser, `${server.url}/en/?place=Fredericton&lon=-66.6431&lat=45.9636`);
    await page.getByRole('button', { name: 'Fredericton federal office' }).click();
    const today = page.locator('tr[aria-current="date"]');
    await today.waitFor();
    expect(await today.innerText()).toMatch(/today[\s\S]*08:30–16:30/);
    expect(await page.getByRole('link', { name: '506-555-0100' }).getAttribute('href')).toBe('tel:5065550100');
    expect(await page.getByRole('link', { name: 'office@example.ca' }).getAttribute('href')).toBe(
      'mailto:office@example.ca',
    );
    expect(await page.getByTestId('result').count()).toBe(0);
    await context.close();
  });

  it('filters by order of government and keeps the filter in the URL', async () => {
    const { page, context } = await newPage(browser, `${server.url}/en/?place=Fredericton&lon=-66.6431&lat=45.9636`);
    await page.getByTestId('result').first().waitFor();
    await page.getByText('Filters').click();
    await page.getByRole('checkbox', { name: 'Provincial' }).check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('level') === 'provincial');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="result"]')].every((r) => r.textContent?.includes('Provincial')),
    );
    const api = await fetch(
      `${server.url}/api/service-points/nearest?lon=-66.6431&lat=45.9636&limit=20&level=provincial`,
    ).then((r) => r.json() as Promise<{ results: unknown[] }>);
    expect(await page.getByTestId('result').count()).toBe(api.results.length);
    expect(api.results.length).toBeGreaterThanOrEqual(PROVINCIAL_POINTS.length);
    await context.close();
  });

  it('a citizen uses a life event', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/en/`);
    await searchFredericton(page);
    // The seeded life event "I lost my wallet" (0022_seed_service_taxonomy.sql): its chip must be there.
    const wallet = page.getByRole('button', { name: /wallet/i });
    await wallet.first().waitFor();
    await wallet.first().click();
    const result = page.getByTestId('life-event');
    await result.getByTestId('need').first().waitFor({ timeout: 15_000 });
    expect(await result.getByTestId('need').count()).toBeGreaterThan(0);
    expect(await result.innerText()).toMatch(/run by/);
    expect(new URL(page.url()).searchParams.get('event')).toBeTruthy();
    await shot(page, 'finder-life-event');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the citizen journey with the keyboard alone', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/en/`);
    await page.getByRole('combobox', { name: 'Community or postal code' }).waitFor();
    // From the top of the page: the skip link first, then through the header to the search box.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.getAttribute('role'))) !== 'combobox' && guard++ < 15)
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.keyboard.type('Frederict');
    await page.getByRole('option', { name: /Fredericton, NB/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('result').first().waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'results');
    // The focus ring is visible on the next control.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { text: el.textContent, outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused.outline).not.toBe('none');
    const firstName = await page.getByTestId('result').first().getByRole('button').innerText();
    expect(focused.text).toBe(firstName);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'detail-title');
    // Back to the list with the keyboard: the focus returns to the point it came from.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Back to the results');
    await page.keyboard.press('Enter');
    await page.waitForFunction((name) => document.activeElement?.textContent === name, firstName);
    await shot(page, 'finder-keyboard');

    // Open the nearest point again, then switch to French with the keyboard: the same point, in French.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'detail-title');
    const id = new URL(page.url()).searchParams.get('point');
    expect(id).toBeTruthy();
    await tabTo(page, `el && el.classList.contains('lang-switch')`, 'Shift+Tab');
    expect(
      await page.evaluate(
        () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent,
      ),
    ).toMatch(/français/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    const fr = await fetch(`${server.url}/api/service-points/${id}?lang=fr`).then(
      (r) => r.json() as Promise<{ name: string }>,
    );
    await page.locator('#detail-title', { hasText: fr.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/fr/');
    expect(new URL(page.url()).searchParams.get('point')).toBe(id);
    const frText = await page.getByTestId('detail').innerText();
    expect(frText).toMatch(/Adresse/);
    expect(frText).toMatch(/Fédéral|Provincial|Municipal/);
    // Still usable by keyboard in French: back to the results, the focus on the same point.
    await tabTo(page, `el && el.textContent === 'Retour aux résultats'`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="result"]') !== null);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(fr.name);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'finder-keyboard-fr');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a feed name containing <script> as text and never runs it', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/en/?place=Oromocto&lon=-66.47&lat=45.85`);
    const first = page.getByTestId('result').first();
    await first.waitFor();
    expect(await first.innerText()).toContain('<img src=x onerror="window.__injected=2"> Oromocto office');
    await first.getByRole('button').click();
    const detail = page.getByTestId('detail');
    await detail.waitFor();
    expect(await detail.innerText()).toContain('<script>window.__injected = 1</script> Hostile feed');
    expect(await detail.innerText()).toContain('<b>bold licence</b>');
    // A javascript: website is shown as text, not as a link.
    expect(await detail.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    await shot(page, 'finder-script-name');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a phone, the list and the map are one toggle apart', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/en/?place=Fredericton&lon=-66.6431&lat=45.9636`);
    await page.getByTestId('result').first().waitFor();
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('result').first().isVisible()).toBe(false);
    expect(await page.getByTestId('map').isVisible()).toBe(true);
    await shot(page, 'finder-phone-map');
    await page.getByRole('button', { name: 'List', exact: true }).click();
    expect(await page.getByTestId('result').first().isVisible()).toBe(true);
    await context.close();
  });
});

// Kept here so the output folder exists even when every browser test is skipped.
fs.mkdirSync('test-output', { recursive: true });
