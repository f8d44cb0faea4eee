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

/** GET /api/health: the process runs. */
export const liveness = z.strictObject({ status: z.literal('ok') });
export type Liveness = z.infer<typeof liveness>;

/** The in-memory nearest-point index: while it loads (or is off), nearest answers come from the database. */
export const nearestIndexStatus = z.union([
  z.strictObject({
    state: z.enum(['off', 'loading', 'ready', 'stale', 'too_many_points', 'failed']),
    points: z.number().int(),
    loaded_at: z.string().nullable(),
    load_ms: z.number().nullable(),
  }),
  z.strictObject({ state: z.literal('off') }),
]);
export type NearestIndexStatus = z.infer<typeof nearestIndexStatus>;

/** A read replica as readiness reports it (by position, never its host or credentials). */
export const replicaStatus = z.strictObject({
  name: z.string(),
  /** ok: takes citizens' reads; lagging: behind by more than the bound; down: unreachable or not a standby. */
  state: z.enum(['unknown', 'ok', 'lagging', 'down']),
  lag_seconds: z.number().nullable(),
  lag_bytes: z.number().nullable(),
  checked_at: z.string().nullable(),
  error: z.string().optional(),
});
export type ReplicaStatus = z.infer<typeof replicaStatus>;

/** GET /api/ready: the database answers and is migrated (503 otherwise). */
export const readiness = z.strictObject({
  status: z.literal('ready'),
  database: z.enum(['pglite', 'postgis']),
  migrations: z.number().int(),
  nearest_index: nearestIndexStatus,
  /** Only with read replicas: citizens' reads go only to those whose state is ok. */
  replicas: z.array(replicaStatus).optional(),
});
export type Readiness = z.infer<typeof readiness>;
