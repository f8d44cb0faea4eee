import type { Lang } from '../i18n/index.js';

export type Level = 'federal' | 'provincial' | 'territorial' | 'municipal' | 'indigenous';

export interface ServicePoint {
  id: string;
  name: string;
  level: Level;
  jurisdiction_id: string;
  jurisdiction_name: string;
  categories: string[];
  address: string | null;
  city: string | null;
  province: string | null;
  postal_code: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  languages: string[];
  accessibility: string[];
  open_now: boolean | null;
  lon: number;
  lat: number;
  distance_m: number;
  geocode_quality: 'source' | 'postal_code' | 'community' | 'none';
  is_synthetic: boolean;
  source: { feed_id: string; feed_name: string; licence: string | null; attribution: string | null; updated_at: string | null };
}

export interface Place {
  id: number;
  name: string;
  kind: 'community' | 'postal_code' | 'indigenous_community';
  province: string | null;
  lon: number;
  lat: number;
  population: number | null;
}

export interface DataStatus {
  database: string;
  published_feeds: number;
  published_points: number;
  located_points: number;
  synthetic_feeds: number;
  places: number;
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return (await res.json()) as T;
}

export function searchPlaces(q: string, lang: Lang, signal?: AbortSignal): Promise<{ results: Place[] }> {
  return getJson(`/api/places/search?${new URLSearchParams({ q, limit: '8', lang })}`, signal);
}

export function nearest(lon: number, lat: number, lang: Lang, signal?: AbortSignal): Promise<{ results: ServicePoint[] }> {
  const params = new URLSearchParams({ lon: lon.toFixed(5), lat: lat.toFixed(5), limit: '20', lang });
  return getJson(`/api/service-points/nearest?${params}`, signal);
}

export function dataStatus(signal?: AbortSignal): Promise<DataStatus> {
  return getJson('/api/status', signal);
}
