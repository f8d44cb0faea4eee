import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDir } from '../../data-loaders/load-dir.js';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, SHARED_DATA, type TestDatabase } from '../support/test-database.js';
import { axeViolations, BUILT, newPage, shot } from './browser-helpers.js';

if (!SHARED_DATA)
  console.warn('Skipping the atlas browser test: ../shared/data (census, CWB 2021, service points) is not present.');

interface Layer {
  id: string;
  title_en: string;
  title_fr: string;
  legend: { label_en: string; label_fr: string }[];
  table: string;
}

const WORDS = {
  en: {
    table: (title: string) => `Table of ${title}`,
    legend: (title: string) => `Legend: ${title}`,
    close: 'Close table',
    csv: 'Download the layer (CSV)',
    geojson: 'Download the layer (GeoJSON)',
    servicePoints: 'Service points',
    next: 'Next page',
    png: 'Save map as PNG',
  },
  fr: {
    table: (title: string) => `Tableau de la couche « ${title} »`,
    legend: (title: string) => `Légende : ${title}`,
    close: 'Fermer le tableau',
    csv: 'Télécharger la couche (CSV)',
    geojson: 'Télécharger la couche (GeoJSON)',
    servicePoints: 'Points de service',
    next: 'Page suivante',
    png: 'Enregistrer la carte en PNG',
  },
};

/** Presses Tab until the focused element satisfies `test` (in the page), as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, test: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate<boolean>(`(() => { const el = document.activeElement; return Boolean(${test}); })()`))
      return;
  }
  throw new Error(`never reached by Tab: ${test}`);
}

// The analysts' atlas on the real 2021 census, CWB, First Nations and service points (never committed: read from ../shared).
describe.skipIf(!HAS_CHROMIUM || !BUILT || !SHARED_DATA)('the analysts’ atlas in a real browser', () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let layers: Layer[];

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await loadDir({ db: t.db, log: () => undefined }, SHARED_DATA!);
    server = await listen(testApp(t.db));
    browser = await launchBrowser();
    layers = ((await fetch(`${server.url}/api/layers`).then((r) => r.json())) as { layers: Layer[] }).layers;
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`${lang}: each layer switches on by its name, shows its legend, opens its table, and exports`, async () => {
      const w = WORDS[lang];
      const { page, errors, context } = await newPage(browser, `${server.url}/${lang}/analysis?layers=none`);
      // The first view of a fresh database computes every finding at once (PGlite answers one query at a time): allow for it.
      await page.getByTestId('layer-toggles').getByRole('checkbox').nth(1).waitFor({ timeout: 180_000 });
      const all = [
        { id: 'service_points', title: w.servicePoints, classes: 6, table: null as string | null },
        ...layers.map((l) => ({
          id: l.id,
          title: lang === 'fr' ? l.title_fr : l.title_en,
          classes: l.legend.length,
          table: l.table,
        })),
      ];
      expect(all.length).toBeGreaterThanOrEqual(10);
      for (const layer of all) {
        const box = page.getByRole('checkbox', { name: layer.title, exact: true });
        await box.check();
        await page.waitForFunction(
          (id) => new URL(location.href).searchParams.get('layers')?.split(',').includes(id),
          layer.id,
        );
        const legend = page.getByRole('group', { name: w.legend(layer.title), exact: true });
        await legend.waitFor();
        expect(await legend.getByRole('listitem').count(), `${layer.id} legend classes`).toBe(layer.classes);

        await page.getByRole('button', { name: w.table(layer.title), exact: true }).click();
        const table = page.getByTestId('layer-table');
        await page.waitForFunction(
          (id) => document.querySelector('[data-testid="layer-table"]')?.getAttribute('data-layer') === id,
          layer.id,
        );
        await table
          .locator('[data-testid="layer-rows"] tbody tr, [data-testid="table-empty"], .error')
          .first()
          .waitFor({ timeout: 60_000 });
        expect(await table.locator('.error').count(), `${layer.id} table error`).toBe(0);
        const rows = await table.locator('[data-testid="layer-rows"] tbody tr').count();
        expect(rows, `${layer.id} rows`).toBeLessThanOrEqual(25);
        // The exports are the whole layer as files: as many features and lines as the table has rows in all.
        if (layer.table) {
          const sep = layer.table.includes('?') ? '&' : '?';
          const total = (
            (await fetch(`${server.url}${layer.table}${sep}limit=1`).then((r) => r.json())) as { total: number }
          ).total;
          const geo = await table.getByRole('link', { name: w.geojson }).getAttribute('href');
          const body = (await fetch(`${server.url}${geo}`).then((r) => {
            expect(r.status, `${layer.id} GeoJSON`).toBe(200);
            return r.json();
          })) as { type: string; features: unknown[] };
          expect(body.type).toBe('FeatureCollection');
          expect(body.features.length, `${layer.id} GeoJSON features`).toBe(total);
          const csv = await table.getByRole('link', { name: w.csv }).getAttribute('href');
          const r = await fetch(`${server.url}${csv}`);
          expect(r.status, `${layer.id} CSV`).toBe(200);
          expect(r.headers.get('content-type')).toContain('text/csv');
          expect(parse(await r.text(), { bom: true }).length, `${layer.id} CSV records`).toBe(total + 1);
        } else {
          // The service points come from the OGC API a page at a time; the browser assembles the whole collection.
          const matched = (
            (await fetch(`${server.url}/ogc/collections/service_points/items?limit=1`).then((r) => r.json())) as {
              numberMatched: number;
            }
          ).numberMatched;
          const [geo] = await Promise.all([
            page.waitForEvent('download'),
            table.getByRole('button', { name: w.geojson }).click(),
          ]);
          const body = JSON.parse(fs.readFileSync((await geo.path()) ?? '', 'utf8')) as { features: unknown[] };
          expect(body.features.length, 'service points GeoJSON').toBe(matched);
          const [csv] = await Promise.all([
            page.waitForEvent('download'),
            table.getByRole('button', { name: w.csv }).click(),
          ]);
          expect(
            parse(fs.readFileSync((await csv.path()) ?? '', 'utf8'), { bom: true }).length,
            'service points CSV records',
          ).toBe(matched + 1);
        }
        await box.uncheck();
        await legend.waitFor({ state: 'detached' });
      }
      await page.getByRole('button', { name: w.close }).click();
      await page.getByTestId('layer-table').waitFor({ state: 'detached' });
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 600_000);

    it(`${lang}: CWB and Indigenous communities over the service points, kept in the URL through a reload, axe clean, saved as PNG`, async () => {
      const w = WORDS[lang];
      const cwb = layers.find((l) => l.id === 'cwb')!;
      const indigenous = layers.find((l) => l.id === 'indigenous_communities')!;
      const title = (l: Layer) => (lang === 'fr' ? l.title_fr : l.title_en);
      const { page, errors, context } = await newPage(
        browser,
        `${server.url}/${lang}/analysis?layers=service_points&at=-79.4,44.2,6`,
      );
      await page.getByRole('checkbox', { name: title(cwb), exact: true }).check();
      await page.getByRole('checkbox', { name: title(indigenous), exact: true }).check();
      await page.getByRole('button', { name: w.table(title(cwb)), exact: true }).click();
      const table = page.getByTestId('layer-table');
      await table.locator('[data-testid="layer-rows"] tbody tr').first().waitFor({ timeout: 60_000 });
      // Sort by population, largest first, then the second page.
      const population = table.getByRole('button', { name: /^Population/ });
      await population.click();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('order') === 'asc');
      await table.getByRole('button', { name: /^Population/ }).click();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('order') === 'desc');
      await table.getByRole('button', { name: w.next }).click();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === '2');
      await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
      const first = await table.locator('tbody tr').first().innerText();
      const api = (await fetch(
        `${server.url}${cwb.table}${cwb.table.includes('?') ? '&' : '?'}sort=population&order=desc&limit=25&offset=25`,
      ).then((r) => r.json())) as { results: { name: string }[] };
      expect(first).toContain(api.results[0]?.name ?? '∅');

      // A reload (or a shared link) restores it all: layers, table, sort, page, map position.
      const before = page.url();
      expect(new URL(before).searchParams.get('layers')).toBe('service_points,cwb,indigenous_communities');
      await page.reload();
      await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
      expect(page.url()).toBe(before);
      for (const name of [w.servicePoints, title(cwb), title(indigenous)])
        expect(await page.getByRole('checkbox', { name, exact: true }).isChecked()).toBe(true);
      for (const l of [cwb, indigenous])
        await page.getByRole('group', { name: w.legend(title(l)), exact: true }).waitFor();
      await table.locator('tbody tr').first().waitFor({ timeout: 60_000 });
      expect(await table.locator('tbody tr').first().innerText()).toBe(first);
      expect(await table.locator('th[aria-sort="descending"]').innerText()).toMatch(/^Population/);
      const at = new URL(page.url()).searchParams.get('at')?.split(',').map(Number) ?? [];
      expect(at[0]).toBeCloseTo(-79.4, 1);
      expect(at[2]).toBeCloseTo(6, 1);

      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: w.close }).click();
      await table.waitFor({ state: 'detached' });
      await page.waitForTimeout(1500);
      await shot(page, `atlas-cwb-indigenous-${lang}`);

      // The PNG carries the map, the legend of each visible layer and the attribution: wider than the map alone.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: w.png }).click(),
      ]);
      const png = fs.readFileSync((await download.path()) ?? '');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const canvasWidth = await page.evaluate(
        () => document.querySelector('.atlas-map canvas')?.getBoundingClientRect().width ?? 0,
      );
      expect(png.readUInt32BE(16)).toBeGreaterThan(canvasWidth);
      fs.mkdirSync('test-output', { recursive: true });
      fs.writeFileSync(`test-output/atlas-png-${lang}.png`, png);

      // Printed, the map keeps its legend and attribution and loses the panel.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.atlas-panel').isVisible()).toBe(false);
      expect(await page.getByTestId('atlas-legend').isVisible()).toBe(true);
      expect(await page.locator('.print-attribution').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      // A click on the map names what is there (near Kitchener-Waterloo, Ontario, at zoom 8) with its CWB class, as the layer's table says.
      await page.goto(`${server.url}/${lang}/analysis?layers=cwb&at=-80.5,43.5,8`);
      await page.waitForSelector('[data-map-ready="true"]', { timeout: 60_000 });
      await page.waitForTimeout(1000);
      const box = (await page.locator('.atlas-map canvas').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const popup = page.locator('.feature-popup');
      await popup.waitFor();
      const [shownLayer, shownName, shownClass] = (await popup.locator('p').allInnerTexts()).map((x) => x.trim());
      expect(shownLayer).toBe(title(cwb));
      const units = (await fetch(
        `${server.url}${cwb.table}${cwb.table.includes('?') ? '&' : '?'}province=ON&limit=10000`,
      ).then((r) => r.json())) as { results: { name: string; cwb_class: string }[] };
      const classLabels = units.results
        .filter((u) => u.name === shownName)
        .map((u) => {
          const c = (cwb.legend as { value?: string; label_en: string; label_fr: string }[]).find(
            (l) => l.value === u.cwb_class,
          );
          return lang === 'fr' ? c?.label_fr : c?.label_en;
        });
      expect(classLabels.length, `${shownName} is an Ontario unit`).toBeGreaterThan(0);
      expect(classLabels).toContain(shownClass);
      expect(errors).toEqual([]);
      await context.close();
    }, 300_000);

    it(`${lang}: the findings say "no data" where no feed is published and never give a distance to an approximate point`, async () => {
      const nf = new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA');
      const noData = lang === 'fr' ? 'aucune donnée' : 'no data';
      const { page, errors, context } = await newPage(browser, `${server.url}/${lang}/analysis?layers=none`);
      const get = <T>(path: string) => fetch(`${server.url}${path}`).then((r) => r.json() as Promise<T>);
      type Matrix = { provinces: { province: string; orders: { level: string; status: string; points: number }[] }[] };
      const matrix = await get<Matrix>('/api/coverage/matrix');
      const table = page.getByTestId('data-matrix');
      await table.locator('tbody tr').first().waitFor({ timeout: 60_000 });
      // Every province-and-order cell reads as the API says: points where a feed is published, "no data" elsewhere.
      const rows = await table.locator('tbody tr').all();
      expect(rows.length).toBe(matrix.provinces.length);
      for (const [i, p] of matrix.provinces.entries()) {
        const cells = await rows[i]!.locator('td').allInnerTexts();
        const fed = p.orders.find((o) => o.level === 'federal');
        const prov = p.orders.find((o) => o.level === 'provincial' || o.level === 'territorial');
        for (const [cell, order] of [
          [cells[0], fed],
          [cells[1], prov],
        ] as const) {
          if (!order) continue;
          if (order.status === 'published')
            expect(cell, `${p.province} ${order.level}`).toContain(nf.format(order.points));
          else expect(cell, `${p.province} ${order.level}`).toBe(noData);
        }
      }
      // Quebec has no provincial feed in this data: its provincial cell says so, and the single-order finding counts such places as "no data".
      expect(
        matrix.provinces.find((p) => p.province === 'QC')?.orders.find((o) => o.level === 'provincial')?.status,
      ).toBe('no_data');
      type Status = { by_data_status: Record<'measured' | 'partial' | 'no_data', { units: number }> };
      const single = await get<Status>('/api/partnerships/single-order?threshold_km=50&limit=1');
      const line = page.getByTestId('single-data-status').locator('[data-status="no_data"]');
      await line.waitFor({ timeout: 60_000 });
      expect(await line.innerText()).toContain(nf.format(single.by_data_status.no_data.units));
      const gaps = await get<Status>('/api/gaps?threshold_km=50&limit=1');
      expect(await page.getByTestId('gaps-data-status').locator('[data-status="partial"]').innerText()).toContain(
        nf.format(gaps.by_data_status.partial.units),
      );

      // Co-location: measured pairs and same-community pairs counted apart; the same-community lines give no metres.
      const colo = await get<{ measured_total: number; same_community_total: number }>(
        '/api/partnerships/colocation?max_m=500&limit=1',
      );
      const counts = page.getByTestId('colocation-counts');
      await counts.waitFor({ timeout: 60_000 });
      expect(await counts.innerText()).toContain(nf.format(colo.same_community_total));
      expect(await counts.innerText()).toContain(nf.format(colo.measured_total));
      if (colo.same_community_total > 0) {
        const lines = await page.getByTestId('colocation-community').locator('li').allInnerTexts();
        expect(lines.length).toBeGreaterThan(0);
        for (const l of lines) expect(l).not.toMatch(/\d\s?m\b/);
        // One line per community: no community is listed twice.
        const names = lines.map((l) => l.split(':')[0]);
        expect(new Set(names).size).toBe(names.length);
      }
      // Coverage says how many points are approximate and the range that implies.
      const cov = await get<{ precision?: { points: { approximate: number } } }>('/api/coverage?threshold_km=50');
      if (cov.precision && cov.precision.points.approximate > 0) {
        expect(await page.getByTestId('coverage-precision').innerText()).toContain(
          nf.format(cov.precision.points.approximate),
        );
      }
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 300_000);

    it(`${lang}: the panel works with the keyboard alone`, async () => {
      const w = WORDS[lang];
      const { page, errors, context } = await newPage(browser, `${server.url}/${lang}/analysis?layers=none`);
      const cwb = layers.find((l) => l.id === 'cwb')!;
      const title = lang === 'fr' ? cwb.title_fr : cwb.title_en;
      await page.getByRole('checkbox', { name: title, exact: true }).waitFor();
      // Tab to the CWB checkbox and switch it on with the space bar.
      await tabTo(
        page,
        `el && el.type === 'checkbox' && el.closest('label')?.textContent === ${JSON.stringify(title)}`,
      );
      await page.keyboard.press('Space');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('layers') === 'cwb');
      await page.getByRole('group', { name: w.legend(title), exact: true }).waitFor();
      // Its table, by the keyboard: the focus moves to the table's heading.
      await tabTo(page, `el && el.dataset.tableFor === 'cwb'`);
      await page.keyboard.press('Enter');
      await page.getByTestId('layer-table').locator('tbody tr').first().waitFor({ timeout: 60_000 });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('layer-table-title');
      // Sort by the first sortable column with Enter, then close the table.
      await tabTo(page, `el && el.classList.contains('sort-button')`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => new URL(location.href).searchParams.has('sort'));
      await page.keyboard.down('Shift');
      await tabTo(page, `el && el.textContent === ${JSON.stringify(w.close)}`);
      await page.keyboard.up('Shift');
      await page.keyboard.press('Enter');
      await page.getByTestId('layer-table').waitFor({ state: 'detached' });
      // Closed, the focus is back on the button that opened it.
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['tableFor'])).toBe(
        'cwb',
      );
      // The legend folds and unfolds from the keyboard.
      await page.getByTestId('atlas-legend').getByRole('button').focus();
      await page.keyboard.press('Enter');
      expect(await page.getByTestId('atlas-legend').getByRole('button').getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('Enter');
      expect(await page.getByTestId('atlas-legend').getByRole('button').getAttribute('aria-expanded')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 300_000);
  }
});
