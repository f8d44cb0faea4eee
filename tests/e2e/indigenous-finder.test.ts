import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/auth/api-keys.js';
import { bootstrapEmptyDatabase } from '../../server/bootstrap.js';
import { createLogger } from '../../server/logger.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { axeViolations, BUILT, newPage, shot } from './browser-helpers.js';

/** The band office of the Abénakis de Wôlinak (band 71), made here for the test. */
const BAND_OFFICE = [
  'id,name,name_fr,address,city,province,postal_code,lat,lon',
  'W-1,Wôlinak band office,Bureau du conseil des Abénakis de Wôlinak,10120 rue Kolipaïo,Wôlinak,QC,G0X 1B0,46.3214,-72.4396',
].join('\n');

// A First Nation publishes its band office through the API on a first-started
// database; a citizen near Trois-Rivières sees it as Indigenous, under the First Nation's name.
describe.skipIf(!HAS_CHROMIUM || !BUILT)('a First Nation’s point in the finder, in a real browser', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await bootstrapEmptyDatabase(t.db, createLogger('silent'));
    const key = (await createApiKey(t.db, 'ca-fn-71', 'band office')).key;
    const app = testApp(t.db);
    const auth = { Authorization: `Bearer ${key}` };
    const feed = await request(app)
      .post('/api/feeds')
      .set(auth)
      .send({ jurisdiction_id: 'ca-fn-71', name: 'Band office', name_fr: 'Bureau du conseil' })
      .expect(201);
    const staged = await request(app)
      .post(`/api/feeds/${feed.body.id}/versions`)
      .set(auth)
      .attach('file', Buffer.from(BAND_OFFICE), 'bureau.csv')
      .expect(201);
    await request(app)
      .post(`/api/feeds/${feed.body.id}/versions/${staged.body.version_id}/publish`)
      .set(auth)
      .expect(200);
    server = await listen(app);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  async function searchTroisRivieres(page: Page) {
    const box = page.getByRole('combobox', { name: /Community or postal code|Collectivité ou code postal/ });
    await box.fill('Trois-Rivi');
    await page
      .getByRole('option', { name: /Trois-Rivières, QC/ })
      .first()
      .waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.getByTestId('result').first().waitFor();
  }

  it('shows the band office as Indigenous, named for the First Nation, in English and French', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/en/`);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
    await searchTroisRivieres(page);
    const first = await page.getByTestId('result').first().innerText();
    expect(first).toContain('Wôlinak band office');
    expect(first).toContain('Indigenous');
    expect(first).toContain('Premiere Nation des Abenakis de Wôlinak');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'finder-first-nation-en');

    await page.goto(`${server.url}/fr/`);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
    await searchTroisRivieres(page);
    const premier = await page.getByTestId('result').first().innerText();
    expect(premier).toContain('Bureau du conseil des Abénakis de Wôlinak');
    expect(premier).toContain('Autochtone');
    expect(premier).toContain('Premiere Nation des Abenakis de Wôlinak');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'finder-first-nation-fr');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
