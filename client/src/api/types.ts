/** The shapes of the API contract (shared/docs/api-contract.md), as the client reads them. */

export type Level = 'federal' | 'provincial' | 'territorial' | 'municipal' | 'indigenous';

export interface PointSource {
  feed_id: string;
  feed_name: string;
  licence: string | null;
  attribution?: string | null;
  updated_at: string | null;
  /** Where the feed comes from and who to tell about a mistake, when the API knows. */
  source_url?: string | null;
  contact_email?: string | null;
}

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
  hours?: unknown;
  open_now: boolean | null;
  /** Today on the point's own wall clock, holidays and special hours applied (null: no schedule known). */
  hours_today?: HoursDay | null;
  /** Seven days from today on the point's wall clock. */
  hours_week?: HoursDay[] | null;
  time_zone?: string | null;
  /** Null for a point the feed could not locate: it has a page, not a map position. */
  lon: number | null;
  lat: number | null;
  /** The point's published service standard and latest pushed figures. */
  standard?: PointStandard | null;
  performance?: PointPerformance | null;
  /** Online and phone options of the point's own government for the same services (the point by id only). */
  channels?: PointChannel[];
  distance_m?: number;
  geocode_quality: 'source' | 'address' | 'postal_code' | 'community' | 'none';
  is_synthetic?: boolean;
  source: PointSource;
}

/** One day of a point's hours, as the API computes it in the point's time zone. */
export interface HoursDay {
  date: string;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  time_zone: string;
  closed: boolean;
  periods: { opens: string; closes: string }[];
  /** Why the day differs from the regular week: a statutory holiday, a closure, special hours. */
  exception: { label: string | null } | null;
  text: string;
}

export interface PointStandard {
  text: string;
  target_pct: number | null;
  target_minutes: number | null;
}

export interface PointPerformance {
  current_wait_minutes: number | null;
  wait: { minutes: number; measured_at: string; is_stale: boolean } | null;
  standard_met: { pct: number; is_stale: boolean } | null;
}

export interface PointChannel {
  id: string;
  kind: 'online' | 'phone';
  name: string;
  jurisdiction_name: string;
  is_general: boolean;
  url: string | null;
  phone: string | null;
  tty: string | null;
  hours: string | null;
  standard: PointStandard | null;
  performance: PointPerformance | null;
}

/** A citizen's report of a problem, as the steward's inbox lists it. */
export interface PointReport {
  id: string;
  point_id: string;
  point_name: string;
  point_published: boolean;
  feed_version_id: number | null;
  message: string;
  email: string | null;
  lang: 'en' | 'fr';
  status: 'new' | 'acknowledged' | 'resolved';
  created_at: string;
  updated_at: string;
}

/** One fetch of a feed from its source URL, as the steward's pull history lists it. */
export interface FeedPull {
  id: number;
  feed_id: string;
  trigger: 'schedule' | 'manual';
  source_url: string | null;
  started_at: string;
  finished_at: string | null;
  outcome: 'running' | 'unchanged' | 'staged' | 'published' | 'failed';
  http_status: number | null;
  bytes: number | null;
  version_id: number | null;
  version_status: string | null;
  error: { code: string; message_en: string | null; message_fr: string | null } | null;
}

/** How often a feed is pulled from its source URL. */
export interface PullSchedule {
  feed_id: string;
  source_url: string | null;
  interval: 'hourly' | 'daily' | 'weekly' | null;
  interval_minutes: number;
  enabled: boolean;
  publish: boolean;
  next_run_at: string | null;
  running: boolean;
  latest_pull: FeedPull | null;
}

/** What a steward sets: a named interval or a number of minutes (at least 15). */
export interface PullScheduleInput {
  interval?: 'hourly' | 'daily' | 'weekly';
  interval_minutes?: number;
  enabled: boolean;
  publish: boolean;
}

export interface Place {
  id: number | string;
  name: string;
  kind: string;
  province: string | null;
  lon: number;
  lat: number;
  population?: number | null;
}

/** What became of one catalog feed on first start (see server/feed-catalog-check.ts). */
export interface CatalogFeed {
  source: string;
  title_en: string;
  title_fr: string;
  official_url: string | null;
  outcome: 'loaded' | 'no_download' | 'unreachable' | 'failed';
  detail: string;
}

export interface DataStatus {
  database: string;
  published_feeds: number;
  published_points: number;
  located_points?: number;
  synthetic_feeds?: number;
  places?: number;
  catalog?: {
    state: 'pending' | 'checking' | 'done' | 'not_needed';
    checked_at: string | null;
    feeds: CatalogFeed[];
  } | null;
}

/** A taxonomy entry; the API may send the name in the asked language, or both. */
export interface Category {
  code: string;
  name?: string;
  name_en?: string;
  name_fr?: string;
  description?: string | null;
}

export interface LifeEvent {
  code: string;
  name?: string;
  name_en?: string;
  name_fr?: string;
  description?: string | null;
  categories?: (string | Category)[];
}

/** One needed service of a life event, with the nearest place per order of government. */
export interface LifeEventNeed {
  category: string | Category;
  category_name?: string;
  nearest?: ServicePoint[];
  points?: ServicePoint[];
  results?: ServicePoint[];
}

export interface CoverageBand {
  max_km: number | null;
  population: number;
}

export interface CoverageGroup {
  id: string;
  name: string;
  population_total: number;
  population_within: number;
  pct_within: number;
  /** Whether every order counted has published a feed in this province, and which have not. */
  data_status?: DataStatus3;
  orders_without_data?: string[];
}

/** How many points sit only at a community's or postal area's centre, and the range of coverage that implies. */
export interface CoveragePrecision {
  points: { source: number; postal_code: number; community: number; not_located: number; approximate: number };
  margin_km: number;
  pct_within_low: number;
  pct_within_high: number;
  population_within_low?: number;
  population_within_high?: number;
  units_nearest_approximate?: number;
}

export interface Coverage {
  precision?: CoveragePrecision;
  threshold_km: number;
  population_total: number;
  population_within: number;
  pct_within: number;
  bands: CoverageBand[];
  groups: CoverageGroup[];
  distance_kind?: string;
}

export interface Gap {
  unit_id: string;
  name: string;
  province: string | null;
  population: number | null;
  nearest_distance_m: number | null;
  nearest_point_id: string | null;
  indicators: Record<string, unknown>;
  score: number;
  lon?: number;
  lat?: number;
  data_status?: DataStatus3;
  orders_without_data?: string[];
  data_note_en?: string;
  data_note_fr?: string;
}

/** A point with a map position. */
export type LocatedServicePoint = ServicePoint & { lon: number; lat: number };

/** One end of a co-location pair; `precision` is where its location comes from (address, postal area, community). */
export type PairPoint = Pick<ServicePoint, 'id' | 'name' | 'level' | 'lon' | 'lat'> &
  Partial<Pick<ServicePoint, 'city' | 'province' | 'geocode_quality'>> & {
    precision?: string;
  };

export interface ColocationPair {
  id?: string;
  a: PairPoint;
  b: PairPoint;
  /** Null where either point is only placed at its community's or postal area's centre. */
  distance_m: number | null;
  precision?: 'measured' | 'same_community';
}

/** Whether the other orders of government have published data where a finding claims an absence. */
export type DataStatus3 = 'measured' | 'partial' | 'no_data';

export interface StatusCount {
  units: number;
  population: number;
}

/** A list endpoint's envelope: the rows and, where the server gives them, totals and the data status of the whole result. */
export interface Report<T> {
  results: T[];
  total?: number;
  total_population?: number;
  by_data_status?: Partial<Record<DataStatus3, StatusCount>>;
  population_by_level?: Record<string, number>;
  orders_considered?: string[];
  measured_total?: number;
  same_community_total?: number;
}

export interface SuggestedSite {
  rank: number;
  lon: number;
  lat: number;
  name: string | null;
  newly_covered_population: number;
  cumulative_covered: number;
}

/** A community served by one order of government only within the threshold. */
export interface SingleOrderCommunity {
  unit_id?: string;
  id?: string;
  name: string;
  province: string | null;
  population: number | null;
  level?: string;
  levels?: string[];
  lon?: number;
  lat?: number;
  data_status?: DataStatus3;
  orders_without_data?: string[];
  data_note_en?: string;
  data_note_fr?: string;
}

export interface FeedVersionSummary {
  id?: string;
  version_id?: string;
  status: string;
  created_at?: string;
  published_at?: string | null;
  counts?: Partial<ValidationCounts>;
}

/** What a steward's API key acts for (GET /api/keys/me). */
export interface KeyIdentity {
  jurisdiction_id: string;
  jurisdiction_name: string;
  jurisdiction: { id: string; level: string; name_en: string; name_fr: string; province: string | null };
}

export interface Feed {
  id: string;
  jurisdiction_id: string;
  name: string;
  name_en?: string;
  name_fr?: string | null;
  format?: string | null;
  source_url?: string | null;
  published_version?: FeedVersionSummary | string | null;
  published_version_id?: string | null;
  counts?: Partial<ValidationCounts>;
  licence?: string | null;
  jurisdiction_name?: string;
}

export interface ValidationCounts {
  rows: number;
  accepted: number;
  rejected: number;
  geocoded: number;
  warnings: number;
}

export interface ValidationIssue {
  row: number | null;
  field: string | null;
  value: string | null;
  code: string;
  message_en: string;
  message_fr: string;
  severity: 'error' | 'warning';
}

export interface UploadResult {
  version_id: string;
  status: 'staged' | 'failed';
  counts: ValidationCounts;
  issues: ValidationIssue[];
  issues_not_shown?: number;
  issues_total?: number;
  /** Some servers return the staged points for a preview. */
  points?: { lon: number | null; lat: number | null; name: string; level?: string }[];
}

/** One class of a layer's legend: a range (min inclusive, max exclusive), one value, or neither ("no data"). */
export interface LegendClass {
  label_en: string;
  label_fr: string;
  color: string;
  min?: number | null;
  max?: number | null;
  value?: string | number | boolean | null;
}

/** A map layer the server offers (GET /api/layers): the client styles it from its legend alone. */
export interface MapLayer {
  id: string;
  title_en: string;
  title_fr: string;
  description_en: string;
  description_fr: string;
  kind: 'choropleth' | 'points';
  source: { name: string; licence: string; attribution_en: string; attribution_fr: string };
  legend: LegendClass[];
  /** A tile URL template, `/tiles/<layer>/{z}/{x}/{y}.mvt`, perhaps with a query; the client adds the filters. */
  tiles: string;
  source_layer: string;
  /** The feature property the legend classes. */
  property: string;
  /** The layer's rows as a table: `/api/layers/<id>/features`. */
  table: string;
  /** Client-side only: points drawn as squares (service points), so they never read as the round points of a layer. */
  symbol?: 'square';
}

/** A column of a layer's table, when the server names it in both languages. */
export interface LayerColumn {
  key: string;
  label_en?: string;
  label_fr?: string;
  type?: string;
}

/** One page of a layer's table. */
export interface LayerFeaturesPage {
  results: Record<string, unknown>[];
  total: number | null;
  columns: LayerColumn[] | null;
  /** The layer's own figures under the filters (counts, data status), when the server gives them. */
  summary: Record<string, unknown> | null;
}

/** One order of government in one province or territory: is there a published feed, with how many points. */
export interface MatrixCell {
  level: string;
  status: 'published' | 'no_data';
  points: number;
  points_approximate: number;
  latest_published_at: string | null;
  feeds: { id: string; name_en: string; name_fr: string; points: number; published_at: string | null }[];
}

/** Which orders of government publish data in each province and territory (GET /api/coverage/matrix). */
export interface CoverageMatrix {
  note_en?: string;
  note_fr?: string;
  cells_published: number;
  cells_no_data: number;
  provinces: { province: string; name_en: string; name_fr: string; orders: MatrixCell[] }[];
}

/** Coverage of one jurisdiction's, order's or service's points (GET /api/coverage/breakdown). */
export interface BreakdownRow {
  id: string;
  name: string;
  name_en?: string;
  name_fr?: string;
  points: number;
  points_approximate: number;
  population_within: number;
  units_within: number;
  pct_within: number;
}

/** A feed's steward settings (GET /api/feeds/{id}/settings). */
export interface FeedSettings {
  id: string;
  jurisdiction_id: string;
  format: string;
  licence: string | null;
  attribution_en: string | null;
  attribution_fr: string | null;
  source_url: string | null;
  /** Our field -> the file's column. */
  mapping: Record<string, string>;
  /** Every field a column can fill, in the server's order. */
  fields: string[];
}

/** A file's first rows as a mapping reads them (POST /api/feeds/{id}/mapping-preview). */
export interface MappingPreview {
  format: string;
  mapping: Record<string, string>;
  fields: { field: string; column: string | null; by: 'mapping' | 'guessed' | null }[];
  unmapped: string[];
  unknown: { field: string; column: string }[];
  rows: { row: number; values: Record<string, unknown>; extra: Record<string, unknown> }[];
}

export interface VersionDiffPoint {
  point_id: string;
  id: string;
  change: 'added' | 'removed' | 'changed';
  name: string;
  fields: { field: string; old: unknown; new: unknown }[];
}

/** GET /api/feeds/{id}/versions/{from}/diff/{to}. */
export interface VersionDiff {
  feed_id: string;
  from: { version_id: number; status: string };
  to: { version_id: number; status: string };
  totals: { added: number; removed: number; changed: number; unchanged: number };
  results: VersionDiffPoint[];
  limit: number;
  offset: number;
  next_offset: number | null;
}
