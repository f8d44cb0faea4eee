import type { Problem } from '../../../contract/common.js';
import type { Lang } from '../i18n/index.js';
import type { CoverageBreakdown, GapList, SuggestionList } from '../../../contract/analysis.js';
import type { LifeEventNearestPage } from '../../../contract/categories.js';
import type { FeedList, FeedVersionList, PointReportList } from '../../../contract/feeds.js';
import type { LayerList } from '../../../contract/layers.js';
import type { OgcItemsPage } from '../../../contract/ogc.js';
import type { NearestPage } from '../../../contract/service-points.js';
import type { AnalysisFilters, PointFilters } from '../../../contract/requests.js';
export type { PointFilters } from '../../../contract/requests.js';
import type {
  AppConfig,
  BreakdownRow,
  Category,
  ColocationList,
  Coverage,
  CoverageMatrix,
  DataStatus,
  Feed,
  FeedPull,
  FeedSettings,
  FeedVersion,
  KeyIdentity,
  LayerFeaturesPage,
  LifeEvent,
  LifeEventNeed,
  MapLayer,
  MappingPreview,
  PointReport,
  PullSchedule,
  PullScheduleInput,
  PlaceList,
  PointReportUpdate,
  PublishResult,
  ReportReceipt,
  RollbackResult,
  ServicePoint,
  ServicePointDetail,
  SingleOrderList,
  SuggestedSite,
  UploadResult,
  VersionDiff,
} from './types.js';

export type * from './types.js';

/**
 * An API failure as the person should read it: the server's problem+json
 * title and detail (already in the asked language), or what the client knows
 * (offline, endpoint not there yet).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string | null,
    readonly detail: string | null,
    /** The endpoint does not exist on this server (yet): the view says so instead of failing. */
    readonly missing: boolean,
    readonly path: string,
    /** The fields the server named as wrong (problem+json `errors`), to mark beside their inputs. */
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(`${status} ${path}`);
    this.name = 'ApiError';
  }
}

/** Query parameters; empty values and empty lists are left out so URLs stay short and stable. */
export type Params = Record<string, string | number | boolean | string[] | null | undefined>;

export function queryString(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '' || v === false) continue;
    if (Array.isArray(v)) {
      if (v.length > 0) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function request<T>(path: string, init: RequestInit & { lang?: Lang } = {}): Promise<T> {
  const { lang, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('Accept', 'application/json');
  if (lang) headers.set('Accept-Language', lang);
  let res: Response;
  try {
    res = await fetch(path, { ...rest, headers });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, null, null, false, path);
  }
  const type = res.headers.get('Content-Type') ?? '';
  if (!res.ok) {
    let title: string | null = null;
    let detail: string | null = null;
    let fields: { field: string; message: string }[] = [];
    if (type.includes('json')) {
      const body = (await res.json().catch(() => null)) as Partial<Problem> | null;
      title = body?.title ?? null;
      detail = [body?.detail, ...(body?.errors ?? []).map((e) => e.message)].filter(Boolean).join(' ') || null;
      fields = (body?.errors ?? []).flatMap((e) =>
        typeof e.field === 'string' && typeof e.message === 'string' ? [{ field: e.field, message: e.message }] : [],
      );
    }
    // A 404 or 405 on a whole route means the server does not offer it; a 501 says so outright.
    const missing =
      res.status === 501 || res.status === 405 || (res.status === 404 && /endpoint|terminaison/i.test(detail ?? ''));
    throw new ApiError(res.status, title, detail, missing, path, fields);
  }
  if (!type.includes('json')) throw new ApiError(res.status, null, null, true, path);
  return (await res.json()) as T;
}

function get<T>(path: string, params: Params, lang: Lang, signal?: AbortSignal): Promise<T> {
  return request<T>(`${path}${queryString({ ...params, lang })}`, { signal, lang });
}

export function searchPlaces(q: string, lang: Lang, signal?: AbortSignal): Promise<PlaceList> {
  return get('/api/places/search', { q, limit: 8 }, lang, signal);
}

export async function nearest(
  lon: number,
  lat: number,
  filters: PointFilters,
  lang: Lang,
  signal?: AbortSignal,
): Promise<ServicePoint[]> {
  const body = await get<NearestPage>(
    '/api/service-points/nearest',
    { lon: lon.toFixed(5), lat: lat.toFixed(5), limit: 20, ...filters },
    lang,
    signal,
  );
  return body.results;
}

export function servicePoint(id: string, lang: Lang, signal?: AbortSignal): Promise<ServicePointDetail> {
  return get(`/api/service-points/${encodeURIComponent(id)}`, {}, lang, signal);
}

export function dataStatus(signal?: AbortSignal): Promise<DataStatus> {
  return request('/api/status', { signal });
}

export function appConfig(signal?: AbortSignal): Promise<AppConfig> {
  return request('/api/config', { signal });
}

export async function categories(lang: Lang, signal?: AbortSignal): Promise<Category[]> {
  return (await get<{ results: Category[] }>('/api/categories', {}, lang, signal)).results;
}

export async function lifeEvents(lang: Lang, signal?: AbortSignal): Promise<LifeEvent[]> {
  return (await get<{ results: LifeEvent[] }>('/api/life-events', {}, lang, signal)).results;
}

export async function lifeEventNearest(
  code: string,
  lon: number,
  lat: number,
  lang: Lang,
  signal?: AbortSignal,
): Promise<LifeEventNeed[]> {
  const body = await get<LifeEventNearestPage>(
    `/api/life-events/${encodeURIComponent(code)}/nearest`,
    { lon: lon.toFixed(5), lat: lat.toFixed(5) },
    lang,
    signal,
  );
  return body.results;
}

/** The analysis filters; every analysis endpoint takes them all. */
export type AnalysisParams = AnalysisFilters;

export function coverage(p: AnalysisParams, lang: Lang, signal?: AbortSignal): Promise<Coverage> {
  return get('/api/coverage', { ...analysisOnly(p), group_by: 'province' }, lang, signal);
}

/** The analysis filters alone (the endpoints other than the layers do not take the partnership controls). */
function analysisOnly(p: AnalysisParams): AnalysisParams {
  return {
    threshold_km: p.threshold_km,
    level: p.level,
    jurisdiction: p.jurisdiction,
    category: p.category,
    province: p.province,
  };
}

/** Which orders of government have published feeds in each province and territory. */
export function coverageMatrix(lang: Lang, signal?: AbortSignal): Promise<CoverageMatrix> {
  return get('/api/coverage/matrix', {}, lang, signal);
}

export type BreakdownBy = 'jurisdiction' | 'level' | 'category';

/** Coverage of each jurisdiction's, order's or service's points on their own. */
export async function coverageBreakdown(
  p: AnalysisParams,
  by: BreakdownBy,
  lang: Lang,
  signal?: AbortSignal,
): Promise<BreakdownRow[]> {
  const body = await get<CoverageBreakdown>(
    '/api/coverage/breakdown',
    { threshold_km: p.threshold_km, province: p.province, by },
    lang,
    signal,
  );
  return body.results;
}

/** The highest-priority gaps with the totals of all of them; the whole list is the gaps layer's table. */
export function gaps(p: AnalysisParams, lang: Lang, signal?: AbortSignal, limit = 10): Promise<GapList> {
  return get('/api/gaps', { ...analysisOnly(p), limit }, lang, signal);
}

/** Co-location pairs of one precision: measured between located points, or only sharing a community. */
export function colocation(
  p: LayerParams,
  precision: 'measured' | 'same_community',
  lang: Lang,
  signal?: AbortSignal,
): Promise<ColocationList> {
  return get(
    '/api/partnerships/colocation',
    { ...analysisOnly(p), max_m: p.max_m ?? 500, precision, limit: 1000 },
    lang,
    signal,
  );
}

export function singleOrder(p: AnalysisParams, lang: Lang, signal?: AbortSignal): Promise<SingleOrderList> {
  return get('/api/partnerships/single-order', { ...analysisOnly(p), limit: 1000 }, lang, signal);
}

export async function suggest(p: LayerParams, lang: Lang, signal?: AbortSignal): Promise<SuggestedSite[]> {
  const body = await get<SuggestionList>(
    '/api/partnerships/suggest',
    { ...analysisOnly(p), k: p.k ?? 5, candidates: p.candidates ?? 'places' },
    lang,
    signal,
  );
  return body.results;
}

/** Where suggested sites may go: gazetteer places, existing points, census units, or First Nations and Inuit communities only. */
export const CANDIDATES = ['places', 'points', 'units', 'indigenous_communities'] as const;
export type Candidates = (typeof CANDIDATES)[number];

/** The filters of the analysis as the layers take them, with the partnership controls. */
export interface LayerParams extends AnalysisParams {
  max_m?: number;
  k?: number;
  candidates?: Candidates;
}

/** The map layers the server offers, each with tile and table URLs that already carry the filters it follows. */
export async function mapLayers(p: LayerParams, lang: Lang, signal?: AbortSignal): Promise<MapLayer[]> {
  const body = await get<LayerList>('/api/layers', { ...p }, lang, signal);
  return body.layers;
}

/** A URL with more query parameters merged into the query it already has. */
export function withQuery(url: string, params: Params): string {
  const [path = '', query = ''] = url.split('?');
  const q = new URLSearchParams(query);
  for (const [k, v] of new URLSearchParams(queryString(params).slice(1))) q.set(k, v);
  const s = q.toString().replace(/%2C/g, ',');
  return s ? `${path}?${s}` : path;
}

export interface TablePage {
  limit: number;
  offset: number;
  sort?: string | null;
  order?: 'asc' | 'desc';
}

/** One page of a table as the atlas shows it: its rows, how many there are in all, and its columns when the server names them. */
export interface TableRows {
  results: Record<string, unknown>[];
  total: number;
  columns: string[] | null;
}

/**
 * One page of a layer's table: a server layer's (`/api/layers/<id>/features`,
 * its columns in order), or the service points' OGC API - Features collection
 * (GeoJSON features, whose properties are the rows).
 */
export async function layerFeatures(
  table: string,
  page: TablePage,
  lang: Lang,
  signal?: AbortSignal,
): Promise<TableRows> {
  if (table.startsWith('/ogc/')) {
    const body = await request<OgcItemsPage>(withQuery(table, { format: 'json', ...page, lang }), { signal, lang });
    return { results: body.features.map((f) => f.properties), total: body.numberMatched, columns: null };
  }
  const body = await request<LayerFeaturesPage>(withQuery(table, { format: 'json', ...page, lang }), { signal, lang });
  return { results: body.results, total: body.total, columns: body.columns };
}

/** A download link to the same analysis as a file (the API does the formatting). */
export function exportUrl(path: string, params: Params, format: 'csv' | 'geojson', lang: Lang): string {
  return `${path}${queryString({ ...params, format, lang })}`;
}

function auth(key: string): HeadersInit {
  return { Authorization: `Bearer ${key}` };
}

export async function feeds(lang: Lang, key?: string, signal?: AbortSignal): Promise<Feed[]> {
  const body = await request<FeedList>(`/api/feeds${queryString({ lang })}`, {
    signal,
    lang,
    headers: key ? auth(key) : {},
  });
  return body.results;
}

/** The jurisdiction the key acts for; a 401 when the key is not recognised. */
export function keyIdentity(key: string, lang: Lang, signal?: AbortSignal): Promise<KeyIdentity> {
  return request(`/api/keys/me${queryString({ lang })}`, { signal, lang, headers: auth(key) });
}

/** Creates a feed of the key's own jurisdiction: the server takes the jurisdiction from the key. */
export async function createFeed(key: string, body: { name: string }, lang: Lang): Promise<Feed> {
  return request(`/api/feeds${queryString({ lang })}`, {
    method: 'POST',
    lang,
    headers: { ...auth(key), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function feedVersions(
  feedId: string,
  lang: Lang,
  key?: string,
  signal?: AbortSignal,
): Promise<FeedVersion[]> {
  const body = await request<FeedVersionList>(
    `/api/feeds/${encodeURIComponent(feedId)}/versions${queryString({ lang })}`,
    { signal, lang, headers: key ? auth(key) : {} },
  );
  return body.results;
}

export function uploadVersion(key: string, feedId: string, file: File, lang: Lang): Promise<UploadResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request(`/api/feeds/${encodeURIComponent(feedId)}/versions${queryString({ lang })}`, {
    method: 'POST',
    lang,
    headers: auth(key),
    body: form,
  });
}

export function publishVersion(key: string, feedId: string, versionId: number, lang: Lang): Promise<PublishResult> {
  return request(
    `/api/feeds/${encodeURIComponent(feedId)}/versions/${encodeURIComponent(versionId)}/publish${queryString({ lang })}`,
    {
      method: 'POST',
      lang,
      headers: auth(key),
    },
  );
}

export function rollback(key: string, feedId: string, lang: Lang): Promise<RollbackResult> {
  return request(`/api/feeds/${encodeURIComponent(feedId)}/rollback${queryString({ lang })}`, {
    method: 'POST',
    lang,
    headers: auth(key),
  });
}

/** A link to the finder's current results as a file: the same search, formatted by the API. */
export function nearestExportUrl(
  lon: number,
  lat: number,
  filters: PointFilters,
  format: 'csv' | 'geojson',
  lang: Lang,
): string {
  return `/api/service-points/nearest${queryString({ lon: lon.toFixed(5), lat: lat.toFixed(5), limit: 20, ...filters, format, lang })}`;
}

/** Sends a citizen's report of a problem with a point to its feed's stewards. */
export function reportProblem(
  pointId: string,
  body: { message: string; email?: string; website?: string },
  lang: Lang,
): Promise<ReportReceipt> {
  return request(`/api/service-points/${encodeURIComponent(pointId)}/reports${queryString({ lang })}`, {
    method: 'POST',
    lang,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...body, lang }),
  });
}

export async function feedReports(
  key: string,
  feedId: string,
  status: string[] | null,
  lang: Lang,
  signal?: AbortSignal,
): Promise<PointReport[]> {
  const body = await request<PointReportList>(
    `/api/feeds/${encodeURIComponent(feedId)}/reports${queryString({ status, lang })}`,
    { signal, lang, headers: auth(key) },
  );
  return body.results;
}

export function setReportStatus(
  key: string,
  feedId: string,
  reportId: string,
  status: PointReport['status'],
  lang: Lang,
): Promise<PointReportUpdate> {
  return request(
    `/api/feeds/${encodeURIComponent(feedId)}/reports/${encodeURIComponent(reportId)}${queryString({ lang })}`,
    {
      method: 'PATCH',
      lang,
      headers: { ...auth(key), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status }),
    },
  );
}

/** The inbox as CSV; fetched with the key (a plain link cannot carry it), then saved by the browser. */
export async function feedReportsCsv(key: string, feedId: string, lang: Lang): Promise<Blob> {
  const path = `/api/feeds/${encodeURIComponent(feedId)}/reports${queryString({ format: 'csv', limit: 1000, lang })}`;
  const res = await fetch(path, { headers: { ...auth(key), 'Accept-Language': lang } });
  if (!res.ok) throw new ApiError(res.status, null, null, false, path);
  return res.blob();
}

const pullPath = (feedId: string, rest: string) => `/api/feeds/${encodeURIComponent(feedId)}/${rest}`;

/** The feed's pull schedule, or null when it has none. */
export async function pullSchedule(
  key: string,
  feedId: string,
  lang: Lang,
  signal?: AbortSignal,
): Promise<PullSchedule | null> {
  try {
    return await request<PullSchedule>(pullPath(feedId, `pull-schedule${queryString({ lang })}`), {
      signal,
      lang,
      headers: auth(key),
    });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && !e.missing) return null;
    throw e;
  }
}

export function setPullSchedule(
  key: string,
  feedId: string,
  input: PullScheduleInput,
  lang: Lang,
): Promise<PullSchedule> {
  return request<PullSchedule>(pullPath(feedId, `pull-schedule${queryString({ lang })}`), {
    method: 'PUT',
    lang,
    headers: { ...auth(key), 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
}

/** Removes the schedule (the history stays); answers 204, so no JSON to read. */
export async function deletePullSchedule(key: string, feedId: string, lang: Lang): Promise<void> {
  const path = pullPath(feedId, `pull-schedule${queryString({ lang })}`);
  const res = await fetch(path, { method: 'DELETE', headers: { ...auth(key), 'Accept-Language': lang } });
  if (!res.ok) throw new ApiError(res.status, null, null, false, path);
}

export async function feedPulls(key: string, feedId: string, lang: Lang, signal?: AbortSignal): Promise<FeedPull[]> {
  const page = await request<{ results: FeedPull[] }>(pullPath(feedId, `pulls${queryString({ limit: 20, lang })}`), {
    signal,
    lang,
    headers: auth(key),
  });
  return page.results;
}

/** Pulls the feed now, under its schedule's settings; answers the pull as recorded. */
export function pullNow(key: string, feedId: string, lang: Lang): Promise<FeedPull> {
  return request<FeedPull>(pullPath(feedId, `pulls${queryString({ lang })}`), {
    method: 'POST',
    lang,
    headers: auth(key),
  });
}

/** A feed's steward settings (anyone may read them: they describe open data). */
export function feedSettings(feedId: string, lang: Lang, signal?: AbortSignal): Promise<FeedSettings> {
  return get(`/api/feeds/${encodeURIComponent(feedId)}/settings`, {}, lang, signal);
}

/** Changes the settings the patch names; null clears one. */
export function saveFeedSettings(
  key: string,
  feedId: string,
  patch: Partial<Omit<FeedSettings, 'id' | 'jurisdiction_id' | 'format' | 'fields'>>,
  lang: Lang,
): Promise<FeedSettings> {
  return request(`/api/feeds/${encodeURIComponent(feedId)}${queryString({ lang })}`, {
    method: 'PATCH',
    lang,
    headers: { ...auth(key), 'Content-Type': 'application/json' },
    body: JSON.stringify(patch),
  });
}

/** The first rows of a file read with a mapping (the feed's stored one when none is given); nothing is stored. */
export function previewMapping(
  key: string,
  feedId: string,
  file: File,
  mapping: Record<string, string> | null,
  lang: Lang,
): Promise<MappingPreview> {
  const form = new FormData();
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return request(`/api/feeds/${encodeURIComponent(feedId)}/mapping-preview${queryString({ lang })}`, {
    method: 'POST',
    lang,
    headers: auth(key),
    body: form,
  });
}

/** What changed from one version to another; the key shows versions not yet published. */
export function versionDiff(
  feedId: string,
  from: string,
  to: string,
  offset: number,
  lang: Lang,
  key?: string,
  signal?: AbortSignal,
): Promise<VersionDiff> {
  const path = `/api/feeds/${encodeURIComponent(feedId)}/versions/${encodeURIComponent(from)}/diff/${encodeURIComponent(to)}`;
  return request(`${path}${queryString({ offset, limit: 100, lang })}`, {
    signal,
    lang,
    headers: key ? auth(key) : {},
  });
}
