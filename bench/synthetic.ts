import type { PointRecord } from '../data-loaders/lib/point-record.js';
import { npmPlaces } from '../data-loaders/sources/gazetteer-npm.js';
import { PROVINCES } from '../domain/provinces.js';
import { mulberry32, normal, weightedIndex } from './random.js';

/**
 * Deterministic synthetic data placed like Canada's population: around the
 * npm gazetteer's places, weighted by population, with a spread that grows
 * with the place. Used by benchmarks and available to tests and demos; every
 * feed built from it is marked synthetic.
 */
interface Anchor {
  lon: number;
  lat: number;
  province: string;
  population: number;
}

function anchors(): { list: Anchor[]; cumulative: Float64Array } {
  const list = npmPlaces()
    .filter((p) => p.province && (p.population ?? 0) > 0)
    .map((p) => ({ lon: p.lon, lat: p.lat, province: p.province!, population: p.population! }));
  const cumulative = new Float64Array(list.length);
  let sum = 0;
  list.forEach((a, i) => {
    // Square root damps the largest cities so rural Canada still gets points.
    sum += Math.sqrt(a.population);
    cumulative[i] = sum;
  });
  return { list, cumulative };
}

const LEVEL_MIX: [PointRecord['extra'][string], number][] = [
  ['federal', 0.2],
  ['provincial', 0.35],
  ['territorial', 0.03],
  ['municipal', 0.37],
  ['indigenous', 0.05],
];
const CATEGORIES = [
  'passport',
  'employment_insurance',
  'pensions',
  'social_insurance_number',
  'drivers_licence',
  'health_card',
  'vital_statistics',
  'business_registration',
  'hunting_fishing_licences',
  'employment_services',
];
const ACCESS = ['wheelchair', 'accessible_parking', 'hearing_loop', 'braille'];

function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!;
}

function placeAround(a: Anchor, rand: () => number): { lon: number; lat: number } {
  // Spread in km: a few km for villages, tens of km around big cities.
  const spreadKm = 2 + Math.log10(a.population + 10) * 4;
  const dLat = (normal(rand) * spreadKm) / 111;
  const dLon = (normal(rand) * spreadKm) / (111 * Math.cos((a.lat * Math.PI) / 180));
  return {
    lon: Math.round((a.lon + dLon) * 1e6) / 1e6,
    lat: Math.max(41.7, Math.min(83, Math.round((a.lat + dLat) * 1e6) / 1e6)),
  };
}

function hoursFor(rand: () => number): unknown {
  if (rand() < 0.3) return null; // unknown hours stay unknown
  const open = rand() < 0.8 ? '08:30' : '09:00';
  const close = rand() < 0.7 ? '16:30' : '17:00';
  const days = ['mo', 'tu', 'we', 'th', 'fr'];
  return { periods: days.map((day) => ({ day, open, close })) };
}

export interface SyntheticPoint extends PointRecord {
  level: string;
}

/** N service points, deterministic for a seed. */
export function* syntheticPoints(n: number, seed = 42): Generator<SyntheticPoint> {
  const rand = mulberry32(seed);
  const { list, cumulative } = anchors();
  for (let i = 0; i < n; i += 1) {
    const a = list[weightedIndex(cumulative, rand)]!;
    const { lon, lat } = placeAround(a, rand);
    let r = rand();
    let level = 'municipal';
    for (const [l, w] of LEVEL_MIX) {
      if (r < w) {
        level = String(l);
        break;
      }
      r -= w;
    }
    const nCat = 1 + Math.floor(rand() * 3);
    const categories = [...new Set(Array.from({ length: nCat }, () => pick(CATEGORIES, rand)))];
    const languages =
      a.province === 'QC' ? (rand() < 0.7 ? ['fr'] : ['fr', 'en']) : rand() < 0.8 ? ['en'] : ['en', 'fr'];
    yield {
      source_id: `syn-${seed}-${i}`,
      name_en: `Synthetic ${level} service point ${i}`,
      name_fr: `Point de service ${level} synthétique ${i}`,
      categories,
      languages,
      accessibility: rand() < 0.6 ? [pick(ACCESS, rand)] : [],
      province: a.province,
      hours: hoursFor(rand),
      lon,
      lat,
      geocode_quality: 'source',
      extra: { synthetic: true },
      level,
    };
  }
}

export interface SyntheticUnit {
  id: string;
  name: string;
  province: string;
  population: number;
  lon: number;
  lat: number;
  cwb: number | null;
  community_type: string;
}

/** M population units (think dissemination areas) placed like the population. */
export function* syntheticUnits(m: number, seed = 7): Generator<SyntheticUnit> {
  const rand = mulberry32(seed);
  const { list, cumulative } = anchors();
  for (let i = 0; i < m; i += 1) {
    const a = list[weightedIndex(cumulative, rand)]!;
    const { lon, lat } = placeAround(a, rand);
    const type =
      rand() < 0.04 ? 'First Nations Community' : rand() < 0.005 ? 'Inuit Community' : 'Non-Indigenous Community';
    yield {
      id: `syn-unit-${seed}-${i}`,
      name: `Synthetic unit ${i}`,
      province: a.province,
      population: 200 + Math.floor(rand() * 1200),
      lon,
      lat,
      cwb: rand() < 0.15 ? null : Math.round(45 + rand() * 45),
      community_type: type,
    };
  }
}

export const PROVINCE_CODES = PROVINCES.map((p) => p.code);
