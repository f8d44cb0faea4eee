import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishTinyFeeds } from '../fixtures/tiny-feeds.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { axeViolations, BUILT } from './browser-helpers.js';

/** Moncton federal office, from the fixture: where "my location" is in the granted case. */
const MONCTON = { longitude: -64.7782, latitude: 46.0878 };
const FREDERICTON = '/en/?place=Fredericton&lon=-66.6431&lat=45.9636';

/**
 * The finder's filters other than the order of government, and "use my location" granted
 * and denied, each through the real app in Chromium. Expected names come from the fixture:
 * F1 Fredericton federal (passport, pensions; en, fr), F2 Moncton federal (pensions; en only),
 * P1 Fredericton provincial (health card, licence; fr only; wheelchair), P2 Saint John
 * provincial (health card; en, fr).
 */
describe.skipIf(!HAS_CHROMIUM || !BUILT)('finder filters and location in a real browser', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await publishTinyFeeds(t.db);
    server = await listen(testApp(t.db));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  const names = (page: Page) => page.getByTestId('result').locator('.result-name').allInnerTexts();
  /** Waits until the list shows exactly these names, in this order. */
  async function listIs(page: Page, expected: string[]): Promise<void> {
    await page
      .waitForFunction(
        (want) =>
          JSON.stringify(
            [...document.querySelectorAll('[data-testid="result"] .result-name')].map((e) => e.textContent?.trim()),
          ) === JSON.stringify(want),
        expected,
        { timeout: 15_000 },
      )
      .catch(() => undefined);
    expect(await names(page)).toEqual(expected);
  }

  it('filters by service, language, wheelchair access and open now, each kept in the URL', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${FREDERICTON}`);
    await listIs(page, [
      'Fredericton federal office',
      'Fredericton provincial centre',
      'Saint John provincial centre',
      'Moncton federal office',
    ]);
    // The finder's own filter panel (the who-handles panel has a "Service" select too), opened.
    const filters = page.locator('details.filters');
    await filters.locator('summary').click();
    await page.waitForFunction(() => document.querySelector('details.filters')?.hasAttribute('open'));

    await filters.getByLabel('Service', { exact: true }).selectOption('passport');
    await listIs(page, ['Fredericton federal office']);
    expect(new URL(page.url()).searchParams.get('category')).toBe('passport');
    await filters.getByLabel('Service', { exact: true }).selectOption('');

    await filters.getByLabel('Language of service').selectOption('fr');
    await listIs(page, ['Fredericton federal office', 'Fredericton provincial centre', 'Saint John provincial centre']);
    expect(new URL(page.url()).searchParams.get('language')).toBe('fr');
    await filters.getByLabel('Language of service').selectOption('en');
    await listIs(page, ['Fredericton federal office', 'Saint John provincial centre', 'Moncton federal office']);
    await filters.getByLabel('Language of service').selectOption('');

    await filters.getByRole('checkbox', { name: 'Wheelchair accessible' }).check();
    await listIs(page, ['Fredericton provincial centre']);
    expect(new URL(page.url()).searchParams.get('accessibility')).toBe('wheelchair');
    expect(await axeViolations(page)).toEqual([]);
    // A shared link restores the filter.
    const shared = await context.newPage();
    await shared.goto(page.url());
    await listIs(shared, ['Fredericton provincial centre']);
    await filters.getByRole('checkbox', { name: 'Wheelchair accessible' }).uncheck();

    // No fixture point publishes hours: "open now" cannot claim any of them is open.
    await filters.getByRole('checkbox', { name: 'Open now' }).check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('open_now') === 'true');
    await listIs(page, []);
    await context.close();
  });

  it('"use my location" searches from where the citizen is when the browser allows it', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      geolocation: MONCTON,
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/en/`);
    await page.getByRole('button', { name: 'Use my location' }).click();
    // By hand from the fixture's coordinates: Saint John about 135 km away, Fredericton about 145 km.
    await listIs(page, [
      'Moncton federal office',
      'Saint John provincial centre',
      'Fredericton federal office',
      'Fredericton provincial centre',
    ]);
    const url = new URL(page.url()).searchParams;
    expect([Number(url.get('lon')), Number(url.get('lat'))]).toEqual([MONCTON.longitude, MONCTON.latitude]);
    expect(await page.getByText('your location').first().isVisible()).toBe(true);
    await context.close();
  });

  it('"use my location" says so, in the citizen’s language, when the browser refuses', async () => {
    for (const [lang, button, message] of [
      ['en', 'Use my location', 'Your location is not available.'],
      ['fr', 'Utiliser ma position', 'Votre position n’est pas disponible.'],
    ] as const) {
      // No permission granted: Chromium refuses the position without asking.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: [] });
      const page = await context.newPage();
      await page.goto(`${server.url}/${lang}/`);
      await page.getByRole('button', { name: button }).click();
      await page.getByText(message).waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('result').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
