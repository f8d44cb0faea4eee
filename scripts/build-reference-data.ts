/**
 * Builds the reference data that ships with the product (`data/`, see
 * data/README.md) from the official files in ../shared/data:
 *
 *   census-subdivisions-2021.csv                  the 5,161 subdivisions of the Community Well-Being index 2021
 *   census-subdivisions-2021-polygons.geojson.gz  simplified shapes of the subdivisions that have their own 2011 polygon
 *   forward-sortation-areas.csv                   2021 FSA centroids with the 2016 FSA population
 *   first-nations.csv                             the band list: name, band number, province, approximate point (no addresses)
 *   MATCHING.md                                   what matched how, and what did not
 *
 * Points and polygons are worked out by the loaders themselves (gazetteer-npm,
 * fsa-centroids-2021, csd-boundaries-2011, cwb-2021, the First Nations
 * geocoding), run in a throw-away embedded database, so the shipped file and
 * a load from the official files agree. Output is deterministic: rows in code
 * order, coordinates rounded, gzip without a timestamp.
 *
 * Run: npm run build:reference [-- --shared DIR --out DIR]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { simplify } from '@turf/simplify';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { Gazetteer } from '../data-loaders/lib/gazetteer.js';
import { normalizePostalCode } from '../data-loaders/lib/postal-code.js';
import { findProvince, PROVINCE_BY_LETTER, PROVINCES } from '../domain/provinces.js';
import { readCsv } from '../data-loaders/lib/read-csv.js';
import {
  FIRST_NATION_COLUMNS,
  FSA_COLUMNS,
  REFERENCE_DIR,
  REFERENCE_FILES,
  UNIT_COLUMNS,
} from '../data-loaders/lib/reference-data.js';
import { csdBoundaries2011 } from '../data-loaders/sources/boundary-sources.js';
import { CWB_SOURCE, cwb2021 } from '../data-loaders/sources/cwb-2021.js';
import { fsaCentroids } from '../data-loaders/sources/fsa-centroids.js';
import { loadNpmGazetteer } from '../data-loaders/sources/gazetteer-npm.js';
import { createPgliteDatabase } from '../db/pglite-database.js';
import { migrate } from '../db/migrate.js';
import { sqlFile } from '../db/sql-file.js';

/** The official files, relative to the shared data folder. */
export const OFFICIAL_FILES = {
  cwb: 'indigenous/cwb-2021/CWB_2021.csv',
  csdTopology: 'census/csd-2011-population/can.json',
  fsaCentroids: 'gazetteer/fsa-centroids-2021/postal_centroids_canada.json',
  fsaPopulation: 'census/fsa-2016-population/canada-census-data-2016.csv',
  firstNations: 'indigenous/first-nations-list/ListFirstNations.csv',
} as const;

/**
 * Characters the band list lost to U+FFFD, restored where the name is certain
 * (the First Nation's own published name). Any other U+FFFD becomes a space
 * and the row is reported.
 */
export const NAME_REPAIRS: readonly [string, string][] = [
  ['W\uFFFDlinak', 'Wôlinak'],
  ['Premi\uFFFDre', 'Première'],
  ['Mal\uFFFDcite', 'Malécite'],
  ['Tr\uFFFDondek', 'Tr’ondek'],
  ['Hwech\uFFFDin', 'Hwech’in'],
];

/** Coordinates: 5 decimals (about 1 m) for points, 4 (about 10 m, finer than the 2011 file's 1 km grid) for shapes. */
const fixed = (n: number | null | undefined, digits: number) =>
  n === null || n === undefined || !Number.isFinite(n) ? '' : String(Number(n.toFixed(digits)));
/** Simplification tolerance in degrees for the shipped shapes (the source is already quantized to about 1 km). */
const SIMPLIFY_TOLERANCE = 0.003;

function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q: Position = [Number(p[0]!.toFixed(4)), Number(p[1]!.toFixed(4))];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

/** Rounded, simplified, degenerate rings dropped; null when nothing is left. */
export function compactShape(g: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  const polys: Position[][][] = [];
  for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    const rounded = rings.map(roundRing).filter((r) => r.length >= 4);
    if (rounded.length === 0) continue;
    let out = rounded;
    try {
      const s = simplify({ type: 'Polygon', coordinates: rounded } as Polygon, {
        tolerance: SIMPLIFY_TOLERANCE,
        highQuality: true,
        mutate: false,
      });
      out = s.coordinates.map(roundRing).filter((r) => r.length >= 4);
    } catch {
      // A sliver that simplification would collapse: kept as rounded.
    }
    if (out.length > 0) polys.push(out);
  }
  if (polys.length === 0) return null;
  return polys.length === 1
    ? { type: 'Polygon', coordinates: polys[0]! }
    : { type: 'MultiPolygon', coordinates: polys };
}

/** A postal code typed with the letter O where the pattern A9A 9A9 needs a zero ("TOC 1N0" is T0C 1N0). */
export function postalDigits(code: string): string {
  const c = code.replace(/\s+/g, '').toUpperCase();
  if (c.length !== 6) return code;
  return [...c].map((ch, i) => (i % 2 === 1 && ch === 'O' ? '0' : ch)).join('');
}

const csv = (columns: readonly string[], rows: (string | number)[][]) =>
  stringify(rows, { header: true, columns: [...columns], record_delimiter: '\n' });

export interface BuildResult {
  files: { name: string; bytes: number }[];
  units: number;
  population: number;
}

export async function buildReferenceData(opts: {
  sharedDir: string;
  outDir: string;
  log?: (m: string) => void;
}): Promise<BuildResult> {
  const log = opts.log ?? (() => {});
  const official = (k: keyof typeof OFFICIAL_FILES) => {
    const f = path.join(opts.sharedDir, OFFICIAL_FILES[k]);
    if (!fs.existsSync(f)) throw new Error(`Missing official file ${f}`);
    return f;
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-build-'));
  const db = await createPgliteDatabase(tmp);
  try {
    await migrate(db);
    await loadNpmGazetteer(db);
    for (const [source, file] of [
      [fsaCentroids, official('fsaCentroids')],
      [csdBoundaries2011, official('csdTopology')],
      [cwb2021, official('cwb')],
    ] as const) {
      const r = await source.load({ db, file, log });
      log(`${source.id}: ${r.detail}`);
      if (r.status === 'failed') throw new Error(`${source.id}: ${r.detail}`);
    }

    // 1. Census subdivisions, in code order.
    const units = await db.query<{
      indicators: Record<string, unknown>;
      name: string;
      province: string | null;
      population: number | null;
      lon: number | null;
      lat: number | null;
      shape: string | null;
    }>(sqlFile('reference_census_units'), [CWB_SOURCE]);
    const features: {
      type: 'Feature';
      id: string;
      properties: { csd_code: string };
      geometry: Polygon | MultiPolygon;
    }[] = [];
    const unitRows: (string | number)[][] = [];
    let population = 0;
    for (const u of units.rows) {
      const i = u.indicators;
      const code = String(i['csd_code']);
      const shape = u.shape ? compactShape(JSON.parse(u.shape) as MultiPolygon) : null;
      if (shape) features.push({ type: 'Feature', id: code, properties: { csd_code: code }, geometry: shape });
      population += u.population ?? 0;
      const n = (k: string) => (typeof i[k] === 'number' ? String(i[k]) : '');
      unitRows.push([
        code,
        u.name,
        u.province ?? '',
        u.population ?? '',
        n('cwb'),
        n('income'),
        n('education'),
        n('housing'),
        n('labour_force_activity'),
        String(i['community_type'] ?? ''),
        fixed(u.lon, 5),
        fixed(u.lat, 5),
        String(i['located_by'] ?? ''),
        shape ? 1 : 0,
      ]);
    }

    // 2. Forward sortation areas: the 2021 centroids ([lat, lon] in the file) with the 2016 population.
    const centroids = JSON.parse(fs.readFileSync(official('fsaCentroids'), 'utf8')) as Record<string, [number, number]>;
    const pop = new Map<string, { population: number | null; dwellings: number | null; incomplete: boolean }>();
    for await (const { record } of readCsv(official('fsaPopulation'))) {
      const code = (record['Geographic code'] ?? '').trim().toUpperCase();
      if (!/^[A-Z]\d[A-Z]$/.test(code)) continue; // the Canada total row
      const p = (record['Population, 2016'] ?? '').trim();
      const d = (record['Total private dwellings, 2016'] ?? '').trim();
      pop.set(code, {
        population: p === '' ? null : Number(p),
        dwellings: d === '' ? null : Number(d),
        incomplete:
          (record['Incompletely enumerated Indian reserves and Indian settlements, 2016'] ?? '').trim() !== '',
      });
    }
    const fsaRows: (string | number)[][] = [];
    // Every FSA of either file: retired FSAs keep their 2016 population without a point.
    for (const fsa of [...new Set([...Object.keys(centroids), ...pop.keys()])].sort()) {
      const [lat, lon] = centroids[fsa] ?? [null, null];
      let province = PROVINCE_BY_LETTER[fsa[0]!] ?? '';
      if (province === 'NT' && lon !== null && lon > -102) province = 'NU';
      const p = pop.get(fsa);
      fsaRows.push([
        fsa,
        province,
        fixed(lon, 5),
        fixed(lat, 5),
        p?.population ?? '',
        p?.dwellings ?? '',
        p?.incomplete ? 1 : 0,
      ]);
    }
    const fsaNoPopulation = Object.keys(centroids)
      .filter((f) => !pop.has(f))
      .sort();
    const populationNoPoint = [...pop.keys()].filter((f) => !(f in centroids)).sort();

    // 3. First Nations: the loader's geocoding (postal code's FSA, else the city), no mailing address kept.
    const gazetteer = await Gazetteer.fromDatabase(db);
    const nations: { band: number; row: (string | number)[]; name: string; province: string }[] = [];
    const repaired: string[] = [];
    const unlocatedNations: string[] = [];
    // Read as UTF-8 as published: the U+FFFD characters in it would make the encoding sniffer
    // of readCsv take the file for Windows-1252 and garble every accent.
    const bandList = parse(fs.readFileSync(official('firstNations'), 'utf8'), {
      columns: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    for (const record of bandList) {
      if (!(record['Name'] ?? '').trim()) continue; // the empty last line
      const raw = (record['Name'] ?? '').trim();
      let name = raw;
      for (const [from, to] of NAME_REPAIRS) name = name.split(from).join(to);
      name = name
        .replace(/\uFFFD/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (name !== raw.replace(/\s+/g, ' ')) repaired.push(`${raw.replace(/\uFFFD/g, '\\uFFFD')} → ${name}`);
      const province = findProvince(record['Province'])?.code ?? findProvince(record['Region'])?.code ?? '';
      const city = (record['City'] ?? '')
        .replace(/\uFFFD/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      let precision: 'postal_code' | 'community' | 'none' = 'none';
      let point = gazetteer.postalCode(normalizePostalCode(postalDigits(record['Postal Code'] ?? '')));
      if (point) precision = 'postal_code';
      else if ((point = gazetteer.community(city, province))) precision = 'community';
      const band = Number(record['Band number']);
      if (!point) unlocatedNations.push(`${name} (band ${band}, ${province})`);
      nations.push({
        band,
        name,
        province,
        row: [band, name, province, fixed(point?.lon, 5), fixed(point?.lat, 5), precision, name === raw ? 0 : 1],
      });
    }
    nations.sort((a, b) => a.band - b.band);

    // 4. What matched how.
    const byLocated = new Map<string, { n: number; population: number }>();
    for (const r of unitRows) {
      const k = String(r[12] || 'not located');
      const e = byLocated.get(k) ?? { n: 0, population: 0 };
      e.n += 1;
      e.population += Number(r[3] || 0);
      byLocated.set(k, e);
    }
    const approximate = unitRows.filter((r) => r[12] === 'census_division_nearest_code' || r[12] === '');
    const withPolygon = features.length;
    const provinceName = (code: string) => PROVINCES.find((p) => p.code === code)?.name_en ?? code;
    const matching = [
      '# How the reference data was matched',
      '',
      'Generated by `npm run build:reference`; do not edit. See README.md for the sources.',
      '',
      '## Census subdivisions 2021 (CWB 2021)',
      '',
      `${unitRows.length} subdivisions, population ${population.toLocaleString('en-CA')}. ${withPolygon} have a simplified polygon: the 2011`,
      'consolidated-subdivision shape with the same code made of exactly one 2011 subdivision. The others have a point only.',
      '',
      '| representative point located by | subdivisions | population |',
      '| --- | ---: | ---: |',
      ...[...byLocated]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([k, v]) => `| ${k} | ${v.n} | ${v.population.toLocaleString('en-CA')} |`),
      '',
      `### Located only approximately or not at all (${approximate.length})`,
      '',
      'No 2011 shape, gazetteer place or code match: placed inside the consolidated subdivision of the same census division',
      'whose code is nearest (`census_division_nearest_code`), or not located (empty point).',
      '',
      '| code | name | province | population | located by |',
      '| --- | --- | --- | ---: | --- |',
      ...approximate.map(
        (r) => `| ${r[0]} | ${r[1]} | ${provinceName(String(r[2]))} | ${r[3]} | ${r[12] || 'not located'} |`,
      ),
      '',
      '## Forward sortation areas',
      '',
      `${Object.keys(centroids).length} FSA centroids (2021), ${pop.size} FSAs with a 2016 population; ${Object.keys(centroids).length - fsaNoPopulation.length} in both.`,
      `FSAs with a 2021 centroid and no 2016 population (new since 2016): ${fsaNoPopulation.join(', ') || 'none'}.`,
      `FSAs with a 2016 population and no 2021 centroid (retired; kept without a point, province from the first letter): ${populationNoPoint.join(', ') || 'none'}.`,
      '',
      '## First Nations',
      '',
      `${nations.length} First Nations; located at the postal code's FSA centre ${nations.filter((n) => n.row[5] === 'postal_code').length},`,
      `at the community named in the mailing address ${nations.filter((n) => n.row[5] === 'community').length}, not located ${unlocatedNations.length}.`,
      '',
      `Not located: ${unlocatedNations.join('; ') || 'none'}.`,
      '',
      'Names repaired (characters lost to U+FFFD in the list):',
      '',
      ...repaired.map((r) => `- ${r}`),
      '',
    ].join('\n');

    fs.mkdirSync(opts.outDir, { recursive: true });
    const outputs: [string, Buffer][] = [
      [REFERENCE_FILES.units, Buffer.from(csv(UNIT_COLUMNS, unitRows))],
      [
        REFERENCE_FILES.polygons,
        gzipSync(Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })), { level: 9 }),
      ],
      [REFERENCE_FILES.fsas, Buffer.from(csv(FSA_COLUMNS, fsaRows))],
      [
        REFERENCE_FILES.firstNations,
        Buffer.from(
          csv(
            FIRST_NATION_COLUMNS,
            nations.map((n) => n.row),
          ),
        ),
      ],
      [REFERENCE_FILES.matching, Buffer.from(matching)],
    ];
    for (const [name, body] of outputs) fs.writeFileSync(path.join(opts.outDir, name), body);
    return { files: outputs.map(([name, body]) => ({ name, bytes: body.length })), units: unitRows.length, population };
  } finally {
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { shared: { type: 'string' }, out: { type: 'string' } } });
  const sharedDir = path.resolve(values.shared ?? '../shared/data');
  const outDir = path.resolve(values.out ?? REFERENCE_DIR);
  const started = Date.now();
  const r = await buildReferenceData({ sharedDir, outDir, log: (m) => console.error(m) });
  for (const f of r.files) console.log(`${f.name.padEnd(48)} ${(f.bytes / 1024).toFixed(0).padStart(6)} KB`);
  console.log(`${r.units} subdivisions, population ${r.population}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
