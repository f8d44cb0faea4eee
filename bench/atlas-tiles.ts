/**
 * `npx tsx bench/atlas-tiles.ts [--postgis]`: what one tile of each atlas layer
 * (GET /api/layers) costs to serve on the real 2021 census (CWB 2021 units on
 * the 2011 subdivision shapes) and the Service Canada office list from
 * ../shared/data. For each layer: the first tile (which computes the layer's
 * rows under the filters and caches them) and the p50 / p95 of 36 tiles after
 * it, 12 at each of zooms 4, 7 and 10, centred on populated units. Writes
 * bench/atlas-tiles-results.json (timings and counts only: nothing derived
 * from the service-point list, which is not openly licensed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSource } from '../data-loaders/load-dir.js';
import { csdBoundaries2011 } from '../data-loaders/sources/boundary-sources.js';
import { cwb2021 } from '../data-loaders/sources/cwb-2021.js';
import { fsaCentroids } from '../data-loaders/sources/fsa-centroids.js';
import { loadNpmGazetteer } from '../data-loaders/sources/gazetteer-npm.js';
import { gazetteerSimplemaps } from '../data-loaders/sources/gazetteer-simplemaps.js';
import { serviceCanadaOffices } from '../data-loaders/sources/service-canada-offices.js';
import type { Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createPgliteDatabase } from '../db/pglite-database.js';
import { LAYER_IDS, layerFilterQuery } from '../server/layers/catalog.js';
import { renderTile } from '../server/tiles/render-tile.js';
import { createBenchDatabase } from './bench-db.js';
import { percentile, round } from './figures.js';

const shared = path.resolve('..', 'shared', 'data');
const file = (...p: string[]) => {
  const f = path.join(shared, ...p);
  return fs.existsSync(f) ? f : null;
};
const log = (m: string) => console.error(`[atlas-tiles] ${m}`);

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  ];
}

async function load(db: Database): Promise<void> {
  const offices = file('service-points', 'service-canada', 'file-index.csv');
  const cwb = file('indigenous', 'cwb-2021', 'CWB_2021.csv');
  const shapes = file('census', 'csd-2011-population', 'can.json');
  if (!offices || !cwb || !shapes)
    throw new Error('../shared/data (Service Canada list, CWB 2021, CSD shapes) is needed');
  const quiet = () => undefined;
  await loadNpmGazetteer(db);
  const cities = file('gazetteer', 'simplemaps-canadacities', 'canadacities.csv');
  const fsas = file('gazetteer', 'fsa-centroids-2021', 'postal_centroids_canada.json');
  if (cities) await runSource(gazetteerSimplemaps, { db, file: cities, log: quiet });
  if (fsas) await runSource(fsaCentroids, { db, file: fsas, log: quiet });
  await runSource(csdBoundaries2011, { db, file: shapes, log: quiet });
  await runSource(cwb2021, { db, file: cwb, log: quiet });
  await runSource(serviceCanadaOffices, { db, file: offices, log: quiet });
}

async function measure(db: Database, mode: string) {
  const units = (
    await db.query<{ lon: number; lat: number }>(
      'SELECT ST_X(point) AS lon, ST_Y(point) AS lat FROM population_units WHERE point IS NOT NULL AND population > 5000 ORDER BY id',
    )
  ).rows;
  const step = Math.max(1, Math.floor(units.length / 12));
  const spots = Array.from({ length: 12 }, (_, i) => units[(i * step) % units.length]!);
  const filters = layerFilterQuery.parse({});
  // The tile index (unit shapes, clustered points) is built once, as after a publish.
  let t = performance.now();
  await renderTile(db, 'population_units', 0, 0, 0, 'node');
  const indexMs = performance.now() - t;
  // The unit shapes are cut by geojson-vt once per tile and kept: cut them first, so each layer's
  // figure is its own cost (reported apart as the cold cut of the shapes).
  const coldCut: number[] = [];
  for (const z of [4, 7, 10]) {
    for (const s of spots) {
      t = performance.now();
      await renderTile(db, 'population_units', z, ...tileOf(s.lon, s.lat, z), 'node');
      coldCut.push(performance.now() - t);
    }
  }
  coldCut.sort((a, b) => a - b);
  const results = [];
  for (const layer of LAYER_IDS) {
    t = performance.now();
    await renderTile(db, layer, 4, ...tileOf(-79.4, 43.7, 4), 'node', filters);
    const firstMs = performance.now() - t;
    const lat: number[] = [];
    const bytes: number[] = [];
    for (const z of [4, 7, 10]) {
      for (const s of spots) {
        const [x, y] = tileOf(s.lon, s.lat, z);
        t = performance.now();
        const tile = await renderTile(db, layer, z, x, y, 'node', filters);
        lat.push(performance.now() - t);
        bytes.push(tile.data.byteLength);
      }
    }
    lat.sort((a, b) => a - b);
    bytes.sort((a, b) => a - b);
    const row = {
      layer,
      first_tile_ms: round(firstMs, 1),
      p50_ms: round(percentile(lat, 50), 2),
      p95_ms: round(percentile(lat, 95), 2),
      p50_bytes: percentile(bytes, 50),
      max_bytes: bytes.at(-1) ?? 0,
      tiles: lat.length,
    };
    log(`${mode} ${JSON.stringify(row)}`);
    results.push(row);
  }
  return {
    mode,
    tile_index_build_ms: round(indexMs, 0),
    shapes_cold_cut_p50_ms: round(percentile(coldCut, 50), 2),
    shapes_cold_cut_p95_ms: round(percentile(coldCut, 95), 2),
    units_over_5000: units.length,
    layers: results,
  };
}

async function main() {
  const out: unknown[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-atlas-bench-'));
  const lite = await createPgliteDatabase(dir);
  try {
    await migrate(lite);
    log('loading the real data into PGlite');
    await load(lite);
    out.push(await measure(lite, 'pglite'));
  } finally {
    await lite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env['DATABASE_URL'];
  if (url && process.argv.includes('--postgis')) {
    const bench = await createBenchDatabase(url, 'finder_bench_atlas');
    try {
      log('loading the real data into PostGIS');
      await load(bench.db);
      out.push(await measure(bench.db, 'postgis'));
    } finally {
      await bench.drop();
    }
  }
  const result = { measured_at: new Date().toISOString(), cpus: os.cpus().length, zooms: [4, 7, 10], runs: out };
  fs.writeFileSync(path.resolve('bench', 'atlas-tiles-results.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

await main();
