import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import type { FeedSpec, PointRecord } from '../../data-loaders/lib/point-record.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import { insertUnits, publishFixtureFeeds, unitsMayBeUnlocated } from '../fixtures/analysis-fixture.js';
import { reportFor } from '../fixtures/tiny-feeds.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { axeViolations, BUILT, newPage, shot } from './browser-helpers.js';

/** A New Brunswick feed that already has one published version, as a steward would find it. */
const STEWARD_FEED: FeedSpec = {
  id: 'test-steward-nb',
  jurisdiction_id: 'ca-nb',
  name_en: 'Steward test centres',
  name_fr: 'Centres d’essai de l’intendant',
  format: 'csv',
  licence: 'Test licence',
};
const FIRST_VERSION: PointRecord[] = [
  {
    source_id: 'S1',
    name_en: 'Old Fredericton centre',
    categories: [],
    languages: ['en'],
    accessibility: [],
    lon: -66.64,
    lat: 45.96,
    geocode_quality: 'source',
    extra: {},
  },
];

const HEADER = 'name,address,city,province,postal_code,phone,email,website,latitude,longitude';
/** A row without a name, a broken e-mail, and a point in the Atlantic: three things the report must name. */
const BAD_CSV = [
  HEADER,
  ',1 Main St,Fredericton,NB,E3B 1A1,506-555-0101,ok@example.ca,https://example.ca,45.96,-66.64',
  'Bad e-mail centre,2 King St,Fredericton,NB,E3B 1B1,506-555-0102,not-an-email,https://example.ca,45.95,-66.65',
  'Ocean centre,3 Sea Rd,Fredericton,NB,E3B 1C1,506-555-0103,sea@example.ca,https://example.ca,30.0,-40.0',
].join('\n');
const GOOD_CSV = [
  HEADER,
  'Fredericton service centre,432 Queen St,Fredericton,NB,E3B 1B6,506-555-0111,fred@example.ca,https://example.ca/fred,45.9620,-66.6430',
  'Moncton service centre,770 Main St,Moncton,NB,E1C 1E7,506-555-0112,moncton@example.ca,https://example.ca/moncton,46.0890,-64.7760',
  'Saint John service centre,15 King St,Saint John,NB,E2L 1G4,506-555-0113,sj@example.ca,https://example.ca/sj,45.2730,-66.0630',
].join('\n');

describe.skipIf(!HAS_CHROMIUM || !BUILT)('the analysis and feeds views in a real browser', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let apiKey: string;
  let dir: string;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await insertUnits(t.db, await unitsMayBeUnlocated(t.db));
    await publishFixtureFeeds(t.db);
    await loadAndPublish(t.db, STEWARD_FEED, {
      checksum: 'v1',
      sourceName: 'v1.csv',
      records: FIRST_VERSION,
      report: reportFor(FIRST_VERSION),
    });
    apiKey = (await createApiKey(t.db, 'ca-nb', 'browser test')).key;
    server = await listen(testApp(t.db));
    browser = await launchBrowser();
    dir = fs.mkdtempSync('test-output/upload-');
    fs.writeFileSync(`${dir}/bad-centres.csv`, BAD_CSV);
    fs.writeFileSync(`${dir}/good-centres.csv`, GOOD_CSV);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an analyst sets 50 km, reads the coverage summary and the gap list, then exports CSV', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/en/analysis?threshold_km=25`);
    // The settings fold away beside the map; the analyst opens them.
    await page.locator('summary', { hasText: 'Analysis settings' }).click();
    const threshold = page.getByLabel('Distance threshold (km)');
    await threshold.fill('50');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('threshold_km') === '50');
    const api = await fetch(`${server.url}/api/coverage?threshold_km=50&group_by=province&lang=en`).then(
      (r) => r.json() as Promise<{ population_within: number; population_total: number }>,
    );
    const headline = page.getByTestId('coverage-headline');
    await headline.waitFor();
    expect(await page.getByRole('heading', { name: 'Coverage within 50 km' }).count()).toBe(1);
    expect(await headline.innerText()).toContain(
      `${new Intl.NumberFormat('en-CA').format(Math.round(api.population_within))} of ${new Intl.NumberFormat('en-CA').format(Math.round(api.population_total))}`,
    );
    // The chart has its table of figures.
    expect(await page.locator('figure.band-chart svg[role="img"]').count()).toBe(1);
    expect(await page.locator('figure.band-chart table tbody tr').count()).toBeGreaterThan(1);

    // The panel lists the ten highest-priority gaps (the whole list is the gaps layer's table).
    const gaps = await fetch(`${server.url}/api/gaps?threshold_km=50&limit=10&lang=en`).then(
      (r) => r.json() as Promise<{ results: { name: string }[] }>,
    );
    const rows = page.getByTestId('gap');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(gaps.results.length);
    expect(await rows.first().innerText()).toContain(gaps.results[0]?.name ?? '∅');
    await expectMissingShownAsMissing(page, 50);

    const link = page.getByRole('link', { name: 'Download gaps (CSV)' });
    const href = await link.getAttribute('href');
    expect(href).toContain('format=csv');
    expect(href).toContain('threshold_km=50');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(gaps.results[0]?.name ?? '∅');

    await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
    await shot(page, 'analysis-50km', true);
    expect(await axeViolations(page)).toEqual([]);

    // The state is the URL: the back button returns to 25 km.
    await page.goBack();
    await page.getByRole('heading', { name: 'Coverage within 25 km' }).waitFor();
    await page.getByRole('heading', { name: /farther than 25 km/ }).waitFor();
    await page.getByTestId('gap').first().waitFor();
    await expectMissingShownAsMissing(page, 25);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the analysis view passes axe in French', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/fr/analysis?threshold_km=50`);
    await page.getByTestId('coverage-headline').waitFor();
    await page.getByTestId('gap').first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Analyse de la couverture');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'analysis-fr');
    expect(errors).toEqual([]);
    await context.close();
  });

  /** Each gap whose indicator the API does not know says "missing" in that cell, never a blank or a zero. */
  async function expectMissingShownAsMissing(page: Page, km: number) {
    const gaps = await fetch(`${server.url}/api/gaps?threshold_km=${km}&limit=10&lang=en`).then(
      (r) => r.json() as Promise<{ results: { name: string; indicators: Record<string, unknown> }[] }>,
    );
    const rows = await page.getByTestId('gap').allInnerTexts();
    expect(rows.length).toBe(gaps.results.length);
    gaps.results.forEach((g, i) => {
      const missing = ['cwb', 'community_type'].filter(
        (k) => g.indicators[k] === null || g.indicators[k] === undefined,
      ).length;
      expect(rows[i]?.match(/missing/g)?.length ?? 0, g.name).toBe(missing);
    });
  }

  async function upload(page: Page, file: string, how: 'picker' | 'drop') {
    if (how === 'picker') {
      await page.getByTestId('drop-zone').locator('input[type="file"]').setInputFiles(file);
    } else {
      // Drag and drop, as a browser delivers it: a DataTransfer holding the file, dropped on the zone.
      const text = fs.readFileSync(file, 'utf8');
      const name = file.split('/').pop() ?? 'file.csv';
      const transfer = await page.evaluateHandle(
        ({ text, name }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], name, { type: 'text/csv' }));
          return dt;
        },
        { text, name },
      );
      await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    }
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes(`/api/feeds/${STEWARD_FEED.id}/versions`) && r.request().method() === 'POST',
      ),
      page.getByRole('button', { name: /Upload and check|Téléverser et vérifier/ }).click(),
    ]);
    await page.getByTestId('report').waitFor();
    return (await response.json()) as {
      version_id: string;
      status: string;
      counts: { rejected: number; accepted: number };
      issues: { message_en: string; message_fr: string }[];
    };
  }

  it('a steward uploads a file with errors, reads the report, uploads a good file, publishes, then rolls back', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/en/feeds`);
    await page.getByRole('textbox', { name: 'API key' }).fill(apiKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByTestId('api-key-set').waitFor();
    // The key stays in this tab's sessionStorage, never in the URL.
    expect(await page.evaluate(() => sessionStorage.getItem('finder.api_key'))).toBe(apiKey);
    expect(page.url()).not.toContain(apiKey);
    await page.getByRole('button', { name: `Manage ${STEWARD_FEED.name_en}` }).click();
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('feed') === id, STEWARD_FEED.id);

    const bad = await upload(page, `${dir}/bad-centres.csv`, 'picker');
    expect(bad.issues.length).toBeGreaterThan(0);
    const issueRows = page.getByTestId('issues').locator('tbody tr');
    expect(await issueRows.count()).toBe(bad.issues.length);
    expect(await page.getByTestId('issues').innerText()).toContain(bad.issues[0]?.message_en ?? '∅');
    expect(await page.getByTestId('count-rejected').innerText()).toBe(String(bad.counts.rejected));
    await shot(page, 'feeds-bad-report', true);
    expect(await axeViolations(page)).toEqual([]);

    // The same report reads in French when the steward switches language: each message in the steward's language.
    await page.getByRole('link', { name: 'Afficher en français' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page
      .getByTestId('issues')
      .getByText(bad.issues[0]?.message_fr ?? '∅')
      .first()
      .waitFor();
    expect(await page.getByTestId('report').innerText()).toContain('Rapport de validation');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'feeds-bad-report-fr', true);
    await page.getByRole('link', { name: 'Display in English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    const good = await upload(page, `${dir}/good-centres.csv`, 'drop');
    expect(good.status).toBe('staged');
    expect(good.counts.accepted).toBe(3);
    await page
      .locator('.preview-map [data-map-ready="true"], .preview-map canvas')
      .first()
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Publish this version' }).click();
    await page.getByTestId('feeds-message').getByText('The version is published.').waitFor();
    const history = page.getByTestId('history');
    await history.locator(`[data-testid="version"][data-status="published"]`).first().waitFor();
    expect(await history.locator('[data-testid="version"]').first().getAttribute('data-status')).toBe('published');
    await shot(page, 'feeds-published', true);

    await page.getByRole('button', { name: 'Roll back to the previous version' }).click();
    await page.getByTestId('feeds-message').getByText('The previous version is published again.').waitFor();
    const versions = await fetch(`${server.url}/api/feeds/${STEWARD_FEED.id}/versions`).then(
      (r) => r.json() as Promise<{ results: { version_id: string | number; status: string }[] }>,
    );
    const published = versions.results.find((v) => v.status === 'published');
    expect(String(published?.version_id)).not.toBe(String(good.version_id));
    await page.waitForFunction(
      (id) =>
        [...document.querySelectorAll('[data-testid="version"][data-status="published"]')].some((r) =>
          r.textContent?.includes(id),
        ),
      String(published?.version_id),
    );
    await shot(page, 'feeds-rolled-back', true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a steward’s key names the jurisdiction: the view shows it and creates a feed without asking for an id', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/en/feeds`);
    await page.getByRole('textbox', { name: 'API key' }).fill(apiKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    const acts = page.getByTestId('key-jurisdiction');
    await acts.waitFor();
    expect(await acts.innerText()).toBe('This key acts for New Brunswick (ca-nb).');
    await page.getByText('Create a feed').click();
    // Nothing asks for a jurisdiction id: the key already proved it.
    expect(await page.getByRole('textbox', { name: /jurisdiction/i }).count()).toBe(0);
    expect(await page.getByTestId('new-feed-jurisdiction').innerText()).toContain('New Brunswick');
    await page.getByRole('textbox', { name: 'Feed name' }).fill('Service New Brunswick centres');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/feeds') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Create the feed' }).click(),
    ]);
    expect(created.status()).toBe(201);
    expect(JSON.parse(created.request().postData() ?? '{}')).toEqual({ name: 'Service New Brunswick centres' });
    await page.waitForFunction(
      () => new URL(location.href).searchParams.get('feed') === 'ca-nb-service-new-brunswick-centres',
    );
    const row = page.getByTestId('feed-list').getByRole('row', { name: /Service New Brunswick centres/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('New Brunswick');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'feeds-key-jurisdiction', true);

    // In French, the same sentence in French.
    await page.getByRole('link', { name: 'Afficher en français' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.getByTestId('key-jurisdiction').getByText('Cette clé agit pour Nouveau-Brunswick (ca-nb).').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the feeds view passes axe in French before any key is given', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/fr/feeds`);
    await page.getByTestId('feed-list').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
