import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { MultiPolygon, Polygon } from 'geojson';

/**
 * The reference data that ships with the product in `data/` (see
 * data/README.md): 2021 census subdivisions with the Community Well-Being
 * index, forward sortation areas, and the First Nations band list. Built by
 * scripts/build-reference-data.ts from the official files; read here by the
 * `reference` loader and the first start.
 */
export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../data');

export const REFERENCE_FILES = {
  units: 'census-subdivisions-2021.csv',
  polygons: 'census-subdivisions-2021-polygons.geojson.gz',
  fsas: 'forward-sortation-areas.csv',
  firstNations: 'first-nations.csv',
  matching: 'MATCHING.md',
} as const;

export const UNIT_COLUMNS = [
  'csd_code',
  'name',
  'province',
  'population',
  'cwb',
  'income',
  'education',
  'housing',
  'labour_force_activity',
  'community_type',
  'lon',
  'lat',
  'located_by',
  'polygon',
] as const;
export const FSA_COLUMNS = [
  'fsa',
  'province',
  'lon',
  'lat',
  'population_2016',
  'private_dwellings_2016',
  'incompletely_enumerated_2016',
] as const;
export const FIRST_NATION_COLUMNS = [
  'band_number',
  'name',
  'province',
  'lon',
  'lat',
  'precision',
  'name_repaired',
] as const;

export interface ReferenceUnit {
  csd_code: string;
  name: string;
  province: string | null;
  population: number | null;
  cwb: number | null;
  income: number | null;
  education: number | null;
  housing: number | null;
  labour_force_activity: number | null;
  community_type: string | null;
  lon: number | null;
  lat: number | null;
  located_by: string | null;
  polygon: boolean;
}

export interface ReferenceFsa {
  fsa: string;
  province: string | null;
  /** Null for an FSA retired since 2016 (it keeps its 2016 population). */
  lon: number | null;
  lat: number | null;
  population_2016: number | null;
  private_dwellings_2016: number | null;
  incompletely_enumerated_2016: boolean;
}

export interface ReferenceFirstNation {
  band_number: number;
  name: string;
  province: string | null;
  lon: number | null;
  lat: number | null;
  /** The geocode quality of the point: the postal code's FSA centre, or the community (city) named in the mailing address. */
  precision: 'postal_code' | 'community' | 'none';
  name_repaired: boolean;
}

export interface ReferenceData {
  units: ReferenceUnit[];
  polygons: Map<string, Polygon | MultiPolygon>;
  fsas: ReferenceFsa[];
  firstNations: ReferenceFirstNation[];
}

const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
const text = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);

function readCsvFile(dir: string, name: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(dir, name), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
}

/** True when `dir` holds every reference file (a clone always does; a partial copy may not). */
export function hasReferenceData(dir = REFERENCE_DIR): boolean {
  return [REFERENCE_FILES.units, REFERENCE_FILES.polygons, REFERENCE_FILES.fsas, REFERENCE_FILES.firstNations].every(
    (f) => fs.existsSync(path.join(dir, f)),
  );
}

/** Reads the shipped files (about 1 MB of CSV and a gzipped GeoJSON). */
export function readReferenceData(dir = REFERENCE_DIR): ReferenceData {
  const units = readCsvFile(dir, REFERENCE_FILES.units).map((r): ReferenceUnit => ({
    csd_code: r['csd_code']!,
    name: r['name']!,
    province: text(r['province']),
    population: num(r['population']),
    cwb: num(r['cwb']),
    income: num(r['income']),
    education: num(r['education']),
    housing: num(r['housing']),
    labour_force_activity: num(r['labour_force_activity']),
    community_type: text(r['community_type']),
    lon: num(r['lon']),
    lat: num(r['lat']),
    located_by: text(r['located_by']),
    polygon: r['polygon'] === '1',
  }));
  const fc = JSON.parse(gunzipSync(fs.readFileSync(path.join(dir, REFERENCE_FILES.polygons))).toString('utf8')) as {
    features: { id: string; geometry: Polygon | MultiPolygon }[];
  };
  const polygons = new Map(fc.features.map((f) => [String(f.id), f.geometry]));
  const fsas = readCsvFile(dir, REFERENCE_FILES.fsas).map((r): ReferenceFsa => ({
    fsa: r['fsa']!,
    province: text(r['province']),
    lon: num(r['lon']),
    lat: num(r['lat']),
    population_2016: num(r['population_2016']),
    private_dwellings_2016: num(r['private_dwellings_2016']),
    incompletely_enumerated_2016: r['incompletely_enumerated_2016'] === '1',
  }));
  const firstNations = readCsvFile(dir, REFERENCE_FILES.firstNations).map((r): ReferenceFirstNation => ({
    band_number: Number(r['band_number']),
    name: r['name']!,
    province: text(r['province']),
    lon: num(r['lon']),
    lat: num(r['lat']),
    precision: (r['precision'] || 'none') as ReferenceFirstNation['precision'],
    name_repaired: r['name_repaired'] === '1',
  }));
  return { units, polygons, fsas, firstNations };
}
