import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import type { FeedSpec, PointRecord } from '../../data-loaders/lib/point-record.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import { reportFor } from '../fixtures/tiny-feeds.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { axeViolations, BUILT, newPage, shot } from './browser-helpers.js';

const FEED: FeedSpec = {
  id: 'ca-nb-steward-day',
  jurisdiction_id: 'ca-nb',
  name_en: 'Steward day centres',
  name_fr: 'Centres de la journée du responsable',
  format: 'csv',
};

const point = (source_id: string, name_en: string, lon: number, lat: number): PointRecord => ({
  source_id,
  name_en,
  categories: ['health_card'],
  languages: ['en', 'fr'],
  accessibility: [],
  lon,
  lat,
  geocode_quality: 'source',
  extra: {},
});
/** Version 1: three centres. Version 2: A renamed, C closed, D opened (B the same). */
const V1 = [
  point('A', 'Fredericton Service Centre', -66.641, 45.962),
  point('B', 'Moncton Service Centre', -64.78, 46.089),
  point('C', 'Oromocto Service Centre', -66.479, 45.849),
];
const V2 = [
  point('A', 'Fredericton North Service Centre', -66.641, 45.962),
  point('B', 'Moncton Service Centre', -64.78, 46.089),
  point('D', 'Sussex Service Centre', -65.508, 45.723),
];
/** A file whose headers no synonym knows: the steward's mapping names them. */
const ODD_CSV = [
  'Ref,Site label,Northing,Easting,Prov,Floor',
  'R1,Fredericton Service Centre,45.9620,-66.6410,NB,Ground floor',
  'R2,Moncton Service Centre,46.0890,-64.7800,NB,',
].join('\n');

describe.skipIf(!HAS_CHROMIUM || !BUILT)('a steward’s day in the feeds view, in a real browser', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let apiKey: string;
  let dir: string;
  let v1: string;
  let v2: string;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    for (const [i, records] of [V1, V2].entries())
      await loadAndPublish(t.db, FEED, {
        checksum: `v${i + 1}`,
        sourceName: `v${i + 1}.csv`,
        records,
        report: reportFor(records),
      });
    const ids = await t.db.query<{ id: string }>('SELECT id::text FROM feed_versions WHERE feed_id = $1 ORDER BY id', [
      FEED.id,
    ]);
    [v1, v2] = ids.rows.map((r) => r.id) as [string, string];
    apiKey = (await createApiKey(t.db, 'ca-nb', 'browser test')).key;
    server = await listen(testApp(t.db));
    browser = await launchBrowser();
    fs.mkdirSync('test-output', { recursive: true });
    dir = fs.mkdtempSync('test-output/steward-');
    fs.writeFileSync(`${dir}/odd-centres.csv`, ODD_CSV);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openFeed(page: Page, lang: 'en' | 'fr') {
    const en = lang === 'en';
    await page.getByRole('textbox', { name: en ? 'API key' : 'Clé d’API' }).fill(apiKey);
    await page.getByRole('button', { name: en ? 'Use this key' : 'Utiliser cette clé' }).click();
    await page.getByTestId('api-key-set').waitFor();
    await page.getByRole('button', { name: en ? `Manage ${FEED.name_en}` : `Gérer ${FEED.name_fr}` }).click();
    await page.getByTestId('feed-settings').waitFor();
  }

  it('sets the settings, previews the mapping, diffs two versions and republishes one, by keyboard, in English', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/en/feeds`);
    await openFeed(page, 'en');
    const settings = page.getByTestId('feed-settings');

    // A source URL on the private network is refused beside its field, and nothing is saved.
    await settings.getByLabel('Licence').fill('Open Government Licence - New Brunswick');
    await settings.getByLabel('Source URL').fill('http://127.0.0.1:5432/centres.csv');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('The address is on a private or local network.').first().waitFor();
    expect(await settings.getByLabel('Source URL').getAttribute('aria-invalid')).toBe('true');
    expect((await t.db.query('SELECT licence FROM feeds WHERE id = $1', [FEED.id])).rows[0]).toEqual({ licence: null });
    expect(await axeViolations(page)).toEqual([]);

    // The rest by keyboard alone: type, Tab from field to field, Enter to save.
    await settings.getByLabel('Source URL').fill('');
    await settings.getByLabel('Source URL').focus();
    await page.keyboard.type('https://gnb.example.ca/open-data/centres.csv');
    await settings.getByLabel('Attribution (English)').focus();
    await page.keyboard.type('Contains information licensed under the OGL-NB.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Contient des informations sous licence OGL-NB.');
    for (const [field, column] of [
      ['Identifier', 'Ref'],
      ['Name (English)', 'Site label'],
      ['Latitude', 'Northing'],
      ['Longitude', 'Easting'],
    ] as const) {
      await settings.getByRole('textbox', { name: field, exact: true }).focus();
      await page.keyboard.type(column);
    }
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-message').getByText('The settings are saved.').waitFor();
    const stored = await t.db.query<{ licence: string; source_url: string; mapping: object; attribution_fr: string }>(
      'SELECT licence, source_url, mapping, attribution_fr FROM feeds WHERE id = $1',
      [FEED.id],
    );
    expect(stored.rows[0]).toEqual({
      licence: 'Open Government Licence - New Brunswick',
      source_url: 'https://gnb.example.ca/open-data/centres.csv',
      attribution_fr: 'Contient des informations sous licence OGL-NB.',
      mapping: { id: 'Ref', name: 'Site label', lat: 'Northing', lon: 'Easting' },
    });

    // The preview reads the first rows with that mapping; the column it does not use is flagged.
    await settings.getByLabel('File to preview').setInputFiles(`${dir}/odd-centres.csv`);
    await settings.getByRole('button', { name: 'Preview the first rows' }).click();
    const preview = page.getByTestId('mapping-preview');
    await preview.getByRole('table', { name: 'The first 2 rows as this mapping reads them' }).waitFor();
    const head = await preview.locator('thead').innerText();
    expect(head).toContain('Name (English)');
    expect(head).toContain('from column “Site label”, by your mapping');
    expect(head).toContain('from column “Prov”, recognised by its header');
    expect(head).toContain('“Floor”: not used');
    expect(await preview.locator('tbody tr').first().innerText()).toContain('Fredericton Service Centre');
    expect(await page.getByTestId('unmapped-columns').innerText()).toContain('Floor');
    await shot(page, 'feeds-steward-settings', true);
    expect(await axeViolations(page)).toEqual([]);

    // Compare version 1 with version 2 (the defaults: the newest against the one before).
    const diff = page.getByTestId('version-diff');
    expect(await diff.getByLabel('From version').inputValue()).toBe(v1);
    expect(await diff.getByLabel('To version').inputValue()).toBe(v2);
    await diff.getByRole('button', { name: 'Compare' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('diff-totals').getByText('Added: 1, removed: 1, changed: 1, unchanged: 1.').waitFor();
    const rows = await diff.locator('[data-testid="diff-table"] tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').slice(0, 3).join('|'))).toEqual([
      'D|Sussex Service Centre|Added',
      'C|Oromocto Service Centre|Removed',
      'A|Fredericton North Service Centre|Changed',
    ]);
    expect(rows[2]).toContain('Fredericton Service Centre');
    await shot(page, 'feeds-steward-diff', true);
    expect(await axeViolations(page)).toEqual([]);

    // Publish version 1 again from the history, by keyboard.
    await page.getByRole('button', { name: `Publish version ${v1} again` }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('feeds-message').getByText(`Version ${v1} is published again.`).waitFor();
    await page.locator(`[data-testid="version"][data-status="published"]`).getByText(v1, { exact: true }).waitFor();
    const published = await t.db.query<{ name_en: string }>(
      'SELECT name_en FROM service_points WHERE feed_id = $1 AND is_published ORDER BY name_en',
      [FEED.id],
    );
    expect(published.rows.map((r) => r.name_en)).toContain('Oromocto Service Centre');
    expect(await page.getByRole('button', { name: `Publish version ${v2} again` }).count()).toBe(1);
    await shot(page, 'feeds-steward-republished', true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads the same in French: settings, preview and difference, axe clean', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/fr/feeds`);
    await openFeed(page, 'fr');
    const settings = page.getByTestId('feed-settings');
    await settings.getByRole('heading', { name: 'Paramètres du flux' }).waitFor();
    await settings.getByLabel('Adresse source (URL)').fill('http://[::1]/centres.csv');
    await settings.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await settings.getByText('L’adresse est sur un réseau privé ou local.').first().waitFor();

    await settings.getByLabel('Fichier à prévisualiser').setInputFiles(`${dir}/odd-centres.csv`);
    await settings.getByRole('button', { name: 'Prévisualiser les premières lignes' }).click();
    const preview = page.getByTestId('mapping-preview');
    await preview
      .getByRole('table', { name: 'Les 2 premières lignes telles que cette correspondance les lit' })
      .waitFor();
    expect(await preview.locator('thead').innerText()).toContain('« Floor » : non utilisée');

    const diff = page.getByTestId('version-diff');
    await diff.getByLabel('De la version').selectOption(v2);
    await diff.getByLabel('À la version').selectOption(v1);
    await diff.getByRole('button', { name: 'Comparer' }).click();
    await page.getByTestId('diff-totals').getByText('Ajoutés : 1, retirés : 1, modifiés : 1, inchangés : 1.').waitFor();
    await diff.getByRole('table', { name: `Ce qui a changé de la version ${v2} à la version ${v1}` }).waitFor();
    expect(await diff.locator('tbody').innerText()).toContain('Ajouté');
    await shot(page, 'feeds-steward-fr', true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
