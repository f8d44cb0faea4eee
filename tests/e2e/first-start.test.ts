import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapEmptyDatabase } from '../../server/bootstrap.js';
import { checkFeedCatalog, newCatalogCheck } from '../../server/feed-catalog-check.js';
import { createLogger } from '../../server/logger.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { axeViolations, BUILT, newPage, shot } from './browser-helpers.js';

// The first start of `npm start` on a fresh machine: the reference data of data/
// and the npm gazetteer's places, no service point feed, and a catalog whose
// feeds offer no download.
describe.skipIf(!HAS_CHROMIUM || !BUILT)('the first start, with no feed loaded, in a real browser', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await bootstrapEmptyDatabase(t.db, createLogger('silent'));
    const catalog = await checkFeedCatalog(t.db, createLogger('silent'), newCatalogCheck());
    server = await listen(testApp(t.db, undefined, catalog));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('says plainly that no feed is loaded, why the catalog gave none, and how to load one, in both languages', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/en/`);
    const notice = page.getByTestId('empty-notice');
    await notice.getByRole('listitem').first().waitFor();
    const text = await notice.innerText();
    expect(text).toContain('No service point feed is loaded yet');
    expect(text).toContain('Service Canada offices (office list): the publisher offers no open-data file to download.');
    expect(text).toContain('npm run load -- service-canada-offices --file');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'first-start-en');
    // The upload route is one link away, and works with the keyboard.
    await notice.getByRole('link', { name: 'feeds view' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/feeds$/);

    await page.goto(`${server.url}/fr/`);
    const avis = page.getByTestId('empty-notice');
    await avis.getByRole('listitem').first().waitFor();
    const texte = await avis.innerText();
    expect(texte).toContain('Aucun flux de points de service n’est encore chargé');
    expect(texte).toContain(
      'Bureaux de Service Canada (liste des bureaux)\u00a0: l’éditeur n’offre aucun fichier de données ouvertes à télécharger.',
    );
    expect(await avis.getByRole('link', { name: 'vue des flux' }).getAttribute('href')).toBe('/fr/feeds');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'first-start-fr');
    expect(errors).toEqual([]);
    await context.close();
  });
});
