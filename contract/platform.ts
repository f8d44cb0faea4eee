import { z } from 'zod';

/** What became of one catalog feed on first start. */
export const catalogFeed = z.strictObject({
  source: z.string(),
  title_en: z.string(),
  title_fr: z.string(),
  official_url: z.string().nullable(),
  /** `no_download`: the publisher offers no open-data file; `unreachable`: offline or refused. */
  outcome: z.enum(['loaded', 'no_download', 'unreachable', 'failed']),
  detail: z.string(),
});
export type CatalogFeed = z.infer<typeof catalogFeed>;

/** GET /api/status: what data is loaded, and the first-start check of the feed catalog. */
export const dataStatus = z.strictObject({
  database: z.enum(['pglite', 'postgis']),
  published_feeds: z.number(),
  published_points: z.number(),
  located_points: z.number(),
  synthetic_feeds: z.number(),
  places: z.number(),
  population_units: z.number(),
  catalog: z
    .strictObject({
      /** `not_needed`: a feed was already published, so nothing was fetched. */
      state: z.enum(['pending', 'checking', 'done', 'not_needed']),
      checked_at: z.string().nullable(),
      feeds: z.array(catalogFeed),
    })
    .nullable(),
});
export type DataStatus = z.infer<typeof dataStatus>;

/** GET /api/config: what the client needs to start. */
export const appConfig = z.strictObject({
  /** The online base map's style, or null for the offline map. */
  basemap_style_url: z.string().nullable(),
});
export type AppConfig = z.infer<typeof appConfig>;

/** A place of the type-ahead search: a community, an Indigenous community or a postal area. */
export const place = z.strictObject({
  id: z.union([z.number(), z.string()]),
  name: z.string(),
  name_en: z.string(),
  name_fr: z.string().nullable(),
  kind: z.string(),
  province: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  population: z.number().nullable(),
  similarity: z.number(),
});
export type Place = z.infer<typeof place>;

/** GET /api/places/search. */
export const placeList = z.strictObject({ results: z.array(place) });
export type PlaceList = z.infer<typeof placeList>;
