import type { GeocodeQuality } from './load-report.js';

/** A service point as the loaders hand it to the database: validated, located or not. */
export interface PointRecord {
  source_id: string;
  name_en: string;
  name_fr?: string | null;
  organization?: string | null;
  categories: string[];
  address?: string | null;
  city?: string | null;
  province?: string | null;
  postal_code?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  hours?: unknown;
  languages: string[];
  accessibility: string[];
  lon: number | null;
  lat: number | null;
  geocode_quality: GeocodeQuality;
  extra: Record<string, unknown>;
}

/** What a jurisdiction's feed is: who publishes it, under what licence. */
export interface FeedSpec {
  id: string;
  jurisdiction_id: string;
  name_en: string;
  name_fr: string;
  format: 'csv' | 'geojson' | 'hsds' | 'adapter';
  adapter?: string | null;
  source_url?: string | null;
  licence?: string | null;
  attribution_en?: string | null;
  attribution_fr?: string | null;
  is_synthetic?: boolean;
}
