import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish, stablePointId } from '../../data-loaders/lib/publish-feed.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import {
  FEDERAL_FEED,
  FEDERAL_POINTS,
  ONTARIO_FEED,
  ONTARIO_POINTS,
  PROVINCIAL_FEED,
  PROVINCIAL_POINTS,
  reportFor,
} from '../fixtures/tiny-feeds.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { axeViolations, BUILT, newPage, shot } from './browser-helpers.js';

/** Fredericton's offices open every day, so the detail always has a week of hours. */
const EVERY_DAY = {
  text: 'Mon-Sun 8:30-16:30',
  weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '08:30', closes: '16:30' })),
};
const FREDERICTON = '?lon=-66.6431&lat=45.9636&place=Fredericton';

/** Today's date on a wall clock of `zone`, as the feed's column of closed dates writes it. */
function todayIn(zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

async function useKey(page: Page, key: string): Promise<void> {
  await page.evaluate((k) => sessionStorage.setItem('finder.api_key', k), key);
}

describe.skipIf(!HAS_CHROMIUM || !BUILT)('citizens and stewards in a real browser', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let nbKey: string;
  let onKey: string;
  const nbPoint = stablePointId('test-nb', 'P1');
  const unlocated = stablePointId('test-federal', 'F3');

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    const federal = FEDERAL_POINTS.map((p) => ({ ...p, hours: EVERY_DAY, phone: '506-555-0100' }));
    await loadAndPublish(t.db, FEDERAL_FEED, {
      checksum: 'f',
      sourceName: 'f',
      records: federal,
      report: reportFor(federal),
    });
    const provincial = PROVINCIAL_POINTS.map((p) => ({ ...p, hours: EVERY_DAY }));
    await loadAndPublish(t.db, PROVINCIAL_FEED, {
      checksum: 'p',
      sourceName: 'p',
      records: provincial,
      report: reportFor(provincial),
    });
    await loadAndPublish(t.db, ONTARIO_FEED, {
      checksum: 'o',
      sourceName: 'o',
      records: ONTARIO_POINTS,
      report: reportFor(ONTARIO_POINTS),
    });
    // A wait the federal office pushed five minutes ago.
    await t.db.query(
      `INSERT INTO service_performance (target_kind, target_id, jurisdiction_id, wait_minutes, measured_at, valid_until)
       VALUES ('point', $1, 'ca', 12, now() - interval '5 minutes', now() + interval '1 hour')`,
      [stablePointId('test-federal', 'F1')],
    );
    nbKey = (await createApiKey(t.db, 'ca-nb', 'test')).key;
    onKey = (await createApiKey(t.db, 'ca-on', 'test')).key;
    const federalKey = (await createApiKey(t.db, 'ca', 'test')).key;
    const app = testApp(t.db);
    // A feed with a closure today, on the office's own calendar (Vancouver's), uploaded as a steward would.
    await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${federalKey}`)
      .send({
        jurisdiction_id: 'ca',
        id: 'ca-test-closures',
        name_en: 'Federal offices with closures',
        name_fr: 'Bureaux fédéraux et fermetures',
      })
      .expect(201);
    const csv = `id,name,address,city,province,lat,lon,hours,closed dates\nV1,Vancouver federal office,1 Main St,Vancouver,BC,49.2827,-123.1207,Mon-Sun 0:00-24:00,${todayIn('America/Vancouver')}\n`;
    await request(app)
      .post('/api/feeds/ca-test-closures/versions?publish=true')
      .set('Authorization', `Bearer ${federalKey}`)
      .attach('file', Buffer.from(csv), 'closures.csv')
      .expect(201);
    server = await listen(app);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('a report made in the finder (in French) reaches New Brunswick’s inbox and not Ontario’s; the steward resolves it', async () => {
    const { page, errors, context } = await newPage(browser, `${server.url}/fr/${FREDERICTON}&point=${nbPoint}`);
    await page.getByRole('heading', { level: 2, name: 'Fredericton provincial centre' }).waitFor();
    await page.getByRole('button', { name: /Signaler un problème/ }).click();
    const message = page.getByLabel('Qu’est-ce qui ne va pas? (obligatoire)');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await axeViolations(page)).toEqual([]);
    await message.fill('Le centre a déménagé au 200, rue King.');
    await page.getByLabel('Votre courriel (facultatif)').fill('resident@example.org');
    // The robots' field is out of sight (off screen, hidden from assistive technology) and out of the tab order.
    const trap = page.locator('input[name="website"]');
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    expect((await trap.boundingBox())!.x).toBeLessThan(0);
    expect(await page.locator('.trap').getAttribute('aria-hidden')).toBe('true');
    await shot(page, 'citizens-report-form-fr');
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.getByTestId('report-sent').waitFor();
    expect(await page.getByTestId('report-sent').innerText()).toContain('Merci');
    expect(await axeViolations(page)).toEqual([]);

    // New Brunswick's steward sees it in the feeds view, in English.
    await page.goto(`${server.url}/feeds?feed=test-nb`);
    await useKey(page, nbKey);
    await page.reload();
    const inbox = page.getByTestId('reports-inbox');
    await inbox.getByTestId('citizen-report').first().waitFor();
    expect(await inbox.getByTestId('citizen-report').count()).toBe(1);
    expect(await inbox.innerText()).toContain('Le centre a déménagé au 200, rue King.');
    expect(await inbox.innerText()).toContain('resident@example.org');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'citizens-inbox-en', true);
    await inbox.getByRole('button', { name: 'Resolve the report about Fredericton provincial centre' }).click();
    await inbox.getByText('The report about Fredericton provincial centre is now resolved.').waitFor();
    // "Open" shows new and acknowledged reports only.
    await inbox.getByText('No open report.').waitFor();
    expect(await inbox.getByTestId('citizen-report').count()).toBe(0);
    await inbox.getByRole('button', { name: 'All', exact: true }).click();
    await inbox.getByText('resolved', { exact: true }).waitFor();

    // Ontario's steward: an empty inbox of their own, and New Brunswick's is refused.
    await useKey(page, onKey);
    await page.goto(`${server.url}/fr/feeds?feed=test-on`);
    await page.getByTestId('reports-inbox').getByText('Aucun signalement ouvert.').waitFor();
    await page.goto(`${server.url}/fr/feeds?feed=test-nb`);
    await page.getByTestId('reports-inbox').getByRole('alert').waitFor();
    expect(await page.getByTestId('reports-inbox').innerText()).not.toContain('rue King');
    expect(await page.getByTestId('reports-inbox').innerText()).toContain('autre administration');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a feed’s closed date shows "closed" today, on the office’s own calendar, in the list and the detail, in both languages', async () => {
    for (const [prefix, closedNow, closure] of [
      ['', 'Closed now', 'closure'],
      ['/fr', 'Fermé en ce moment', 'fermeture'],
    ] as const) {
      const { page, errors, context } = await newPage(
        browser,
        `${server.url}${prefix}/?lon=-123.12&lat=49.28&place=Vancouver`,
      );
      const result = page.getByTestId('result').filter({ hasText: 'Vancouver federal office' });
      await result.waitFor();
      expect(await result.innerText()).toContain(closedNow);
      expect(await result.innerText()).toContain(`(${closure})`);
      await result.getByRole('button').click();
      const week = page.getByTestId('hours-week');
      await week.waitFor();
      const today = week.locator('tr[aria-current="date"]');
      expect(await today.innerText()).toContain(closure);
      // Tomorrow it is open round the clock again.
      expect(await week.locator('tr').nth(1).innerText()).toMatch(/00:00(–| à )24:00/);
      expect(await page.locator('.hint', { hasText: 'America/Vancouver' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `citizens-closure${prefix.replace('/', '-') || '-en'}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('a shared link to an unlocated point renders its page, without a map position or directions', async () => {
    for (const [prefix, note] of [
      ['', 'no map position'],
      ['/fr', 'pas de position sur la carte'],
    ] as const) {
      const { page, errors, context } = await newPage(browser, `${server.url}${prefix}/?point=${unlocated}`);
      await page.getByRole('heading', { level: 2, name: 'Unlocated federal office' }).waitFor();
      expect(await page.getByTestId('unlocated').innerText()).toContain(note);
      expect(await page.getByRole('link', { name: /OpenStreetMap/ }).count()).toBe(0);
      expect(await page.getByTestId('panel-error').count()).toBe(0);
      await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `citizens-unlocated${prefix.replace('/', '-') || '-en'}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('the detail shows the point’s other channels and its latest wait with its age', async () => {
    const { page, errors, context } = await newPage(
      browser,
      `${server.url}/${FREDERICTON}&point=${stablePointId('test-federal', 'F1')}`,
    );
    await page.getByRole('heading', { level: 3, name: 'Other ways to get this service' }).waitFor();
    expect(await page.getByTestId('point-online').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('point-phone').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('point-wait').first().innerText()).toMatch(
      /Latest wait: 12 minutes \([5-9] minutes ago\)/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'citizens-channels-en', true);
    await page.goto(`${server.url}/fr/${FREDERICTON}&point=${stablePointId('test-federal', 'F1')}`);
    await page.getByRole('heading', { level: 3, name: 'Autres façons d’obtenir ce service' }).waitFor();
    expect(await page.getByTestId('point-wait').first().innerText()).toMatch(
      /Dernière attente : 12 minutes \(il y a [5-9] minutes\)/,
    );
    // In the list too.
    await page.getByRole('button', { name: /Retour aux résultats/ }).click();
    await page.getByTestId('result').first().waitFor();
    expect(await page.getByTestId('result').filter({ hasText: 'Bureau fédéral de Fredericton' }).innerText()).toContain(
      '12 minutes',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"not us: here is who" when a citizen asks the wrong order of government for a service', async () => {
    for (const [prefix, title] of [
      ['', 'Not this government here'],
      ['/fr', 'Pas ce gouvernement ici'],
    ] as const) {
      const { page, errors, context } = await newPage(
        browser,
        `${server.url}${prefix}/${FREDERICTON}&level=provincial&category=passport`,
      );
      const notice = page.getByTestId('wrong-door');
      await notice.waitFor();
      expect(await notice.innerText()).toContain(title);
      expect(await notice.getByRole('link').count()).toBeGreaterThan(0);
      // Why that government: IRCC's passport page (migration 0120), in the page's language.
      const source = notice.getByTestId('wrong-door-source').first();
      expect(await source.innerText()).toBe(
        prefix ? 'source officielle : www.canada.ca' : 'official source: www.canada.ca',
      );
      expect(await source.getAttribute('href')).toMatch(
        /^https:\/\/www\.canada\.ca\/en\/immigration-refugees-citizenship\//,
      );
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `citizens-wrong-door${prefix.replace('/', '-') || '-en'}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('map markers are reachable with the keyboard; clicking a marker or a cluster keeps map and list in step', async () => {
    for (const [prefix, federal] of [
      ['', 'federal'],
      ['/fr', 'fédéral'],
    ] as const) {
      const { page, errors, context } = await newPage(browser, `${server.url}${prefix}/${FREDERICTON}`);
      await page.waitForSelector('[data-map-ready="true"]', { timeout: 30_000 });
      await page.getByTestId('result').first().waitFor();
      const markers = page.locator('.map-marker.point-marker');
      await markers.first().waitFor();
      // Labelled with the point's name, order of government and place in the list.
      const listNames = await page.getByTestId('result').getByRole('button').allInnerTexts();
      const firstLabel = (await markers.first().getAttribute('aria-label'))!;
      const firstResult = firstLabel.split(',')[0]!;
      const n = Number(/\((\d+) (?:of|sur) \d+\)/.exec(firstLabel)?.[1]);
      expect(listNames[n - 1]).toBe(firstResult);
      expect(await page.locator(`.map-marker[aria-label*="${federal}" i]`).count()).toBeGreaterThan(0);
      // Tab walks the markers in the list's order.
      const ranks = (await markers.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map((l) =>
        Number(/\((\d+) /.exec(l)?.[1]),
      );
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);

      // Keyboard: focus the first marker and press Enter: the point opens, the marker is marked current.
      await markers.first().focus();
      expect(await page.evaluate(() => document.activeElement?.classList.contains('point-marker'))).toBe(true);
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('detail');
      await detail.waitFor();
      expect(await detail.getByRole('heading', { level: 2 }).innerText()).toBe(firstResult);
      const id = new URL(page.url()).searchParams.get('point');
      expect(id).toBeTruthy();
      await page.locator(`.map-marker[data-point-id="${id}"][aria-current="true"]`).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `citizens-keyboard-map${prefix.replace('/', '-') || '-en'}`);

      // Back to the list, zoom out until the points cluster, then click the cluster: the map zooms in to its points.
      await page.getByRole('button', { name: /Back to the results|Retour aux résultats/ }).click();
      await page.getByTestId('result').first().waitFor();
      const zoomOut = page.getByRole('button', { name: /Zoom out/ });
      const cluster = page.locator('.map-marker.cluster-marker');
      for (let i = 0; i < 8 && (await cluster.count()) === 0; i += 1) {
        await zoomOut.click();
        await page.waitForTimeout(400);
      }
      expect(await cluster.count()).toBeGreaterThan(0);
      expect(await cluster.first().getAttribute('aria-label')).toMatch(
        /group of \d+ service points|groupe de \d+ points de service/i,
      );
      const before = await page.locator('.map-marker.point-marker').count();
      await cluster.first().click();
      await page.waitForFunction((n) => document.querySelectorAll('.map-marker.point-marker').length > n, before, {
        timeout: 10_000,
      });

      // Click (the mouse's way) a marker: the list's detail follows it.
      const marker = page.locator('.map-marker.point-marker').first();
      const name = (await marker.getAttribute('aria-label'))!.split(',')[0]!;
      await marker.click();
      await page.getByTestId('detail').getByRole('heading', { level: 2, name }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('exports the results as CSV and GeoJSON and prints the list without the map', async () => {
    for (const prefix of ['', '/fr']) {
      const { page, errors, context } = await newPage(browser, `${server.url}${prefix}/${FREDERICTON}`);
      await page.getByTestId('result').first().waitFor();
      const shown = await page.getByTestId('result').count();
      const csvHref = await page.getByTestId('export-csv').getAttribute('href');
      const csv = await page.request.get(`${server.url}${csvHref}`);
      expect(csv.headers()['content-type']).toContain('text/csv');
      expect((await csv.text()).trim().split('\n')).toHaveLength(shown + 1);
      const geo = await page.request.get(
        `${server.url}${await page.getByTestId('export-geojson').getAttribute('href')}`,
      );
      expect(((await geo.json()) as { features: unknown[] }).features).toHaveLength(shown);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.map-wrap').isVisible()).toBe(false);
      expect(await page.getByTestId('export-csv').isVisible()).toBe(false);
      expect(await page.getByTestId('result').first().isVisible()).toBe(true);
      await shot(page, `citizens-print${prefix.replace('/', '-') || '-en'}`, true);
      await page.emulateMedia({ media: 'screen' });
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
