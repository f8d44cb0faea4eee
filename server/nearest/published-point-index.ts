import { randomUUID } from 'node:crypto';
import KDBush from 'kdbush';
import type { Database, Queryable, QueryResult } from '../../db/database.js';
import { currentQueryClass, runWithQueryClass } from '../../db/query-class.js';
import { sqlFile } from '../../db/sql-file.js';
import type { Logger } from '../logger.js';
import type { PerformanceJson } from '../queries/channels/channel-row.js';
import type { NearestParams } from '../queries/nearest-service-points.js';
import type { StandardAndPerformance } from '../queries/points-standard-performance.js';
import type { ServicePointRow } from '../queries/service-point-row.js';
import { sphereAngle, spheroidMetres } from './geodesy.js';
import { NearestWalk } from './nearest-walk.js';

/** The channel migration 0090's triggers notify on every change to points, feeds, versions or jurisdictions. */
export const CHANGE_CHANNEL = 'service_points_changed';
const PAGE = 20_000;
/** Payloads this process sends itself on CHANGE_CHANNEL to learn that every earlier change has been heard. */
const SYNC_PREFIX = 'sync:';
/** Migration 0124's payloads: `figures:` and a JSON array of point ids, or `figures:*` for every point. */
const FIGURES_PREFIX = 'figures:';
const OVER_BUDGET = Symbol('over budget');

interface IndexedRow extends ServicePointRow {
  pk: number;
  lon: number;
  lat: number;
  has_hours: boolean;
}

/** A point's standard and latest figures as read, with the moments its two figures go stale. */
interface StoredFigures extends StandardAndPerformance {
  waitValidUntil: number;
  metValidUntil: number;
}

interface Snapshot {
  tree: KDBush;
  rows: IndexedRow[];
  loadedAt: Date;
  loadMs: number;
}

export interface PublishedPointIndexOptions {
  /** Above this many published points the index stays empty and every answer comes from SQL. */
  maxPoints: number;
  /**
   * The most points one search may look at before it hands the search to the
   * database (a filter almost nothing matches would otherwise walk the whole
   * tree on the one thread that answers everyone).
   */
  visitBudget?: number;
  /** After a write in this process, the longest wait for its notification (the index answers from SQL meanwhile). */
  syncTimeoutMs?: number;
  logger?: Logger;
}

export interface NearestHit {
  row: Readonly<ServicePointRow>;
  /** Geodesic metres from the query point, as ST_Distance on geography. */
  distance: number;
}

export type IndexState = 'off' | 'loading' | 'ready' | 'stale' | 'too_many_points' | 'failed';

export interface IndexStatus {
  state: IndexState;
  points: number;
  loaded_at: string | null;
  load_ms: number | null;
}

/** Repeated strings (jurisdiction and feed names, zones, levels) kept once, not once per point. */
function interner() {
  const seen = new Map<string, string>();
  return <T>(v: T): T => {
    if (typeof v !== 'string') return v;
    const s = seen.get(v);
    if (s !== undefined) return s as T;
    seen.set(v, v);
    return v;
  };
}

/**
 * The published, located service points in memory, in a k-d tree, so the
 * citizen's nearest answer needs no round trip to the database. PostgreSQL
 * stays the source of truth: the index is rebuilt from it whenever migration
 * 0090's triggers say points, feeds, versions or jurisdictions changed
 * (LISTEN/NOTIFY in server mode, PGlite's listener in embedded mode), and
 * while it is loading, stale, or a write of this process has just ended and
 * its change may not have been heard yet, `nearest` answers null and the
 * caller asks the database. While a write is still in flight the index keeps
 * answering: until it commits, the database's published points are the ones
 * the index holds, so a long upload does not send every citizen's search to a
 * database busy storing it.
 *
 * The answers are the SQL query's: the same filters, the same order (the
 * sphere distance PostGIS's `<->` ranks by) and the same distances (the
 * WGS 84 geodesic ST_Distance measures).
 */
export class PublishedPointIndex {
  private snapshot: Snapshot | null = null;
  /** Bumped by each change notification; the snapshot answers only when it was loaded at the current generation. */
  private generation = 0;
  private loadedGeneration = -1;
  /** Writes of this process whose change notification may not have been heard yet. */
  private syncsPending = 0;
  private readonly waiters = new Map<string, () => void>();
  private loading: Promise<void> | null = null;
  private state: IndexState = 'off';
  private stopListening: (() => Promise<void>) | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly syncTimeoutMs: number;
  /** The tree walk's queue and nodes, kept from one search to the next (searches are synchronous). */
  private readonly walk = new NearestWalk();
  /** Standards and latest figures of the points that have any, by point id. */
  private figures = new Map<string, StoredFigures>();
  /** Every point's figures must be read again (at start, and when a notification may have been missed). */
  private figuresAll = true;
  /** Points whose figures changed since they were read; being read now. */
  private readonly figuresDirty = new Set<string>();
  private figuresReading: Set<string> | 'all' | null = null;
  private figuresLoading: Promise<void> | null = null;
  private figuresRetry: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly options: PublishedPointIndexOptions,
  ) {
    this.syncTimeoutMs = options.syncTimeoutMs ?? 5_000;
  }

  /**
   * Starts listening for changes and loads the points in the background.
   * Without a way to hear changes (a database with no `listen`) the index
   * stays off: an index that cannot know it is stale must not answer.
   */
  async start(): Promise<void> {
    if (!this.db.listen || this.options.maxPoints <= 0) return;
    this.state = 'loading';
    this.stopListening = await this.db.listen(CHANGE_CHANNEL, (payload) => {
      if (payload.startsWith(SYNC_PREFIX)) this.waiters.get(payload)?.();
      else if (payload.startsWith(FIGURES_PREFIX)) this.figuresChanged(payload.slice(FIGURES_PREFIX.length));
      else {
        this.changed();
        // The listening connection was lost: a change of figures may have been missed too.
        if (payload === 'connection_lost') this.figuresChanged('*');
      }
    });
    this.changed();
    this.scheduleFigures();
  }

  /** Resolves once the index answers (or has given up: too many points, a failure, closed). */
  async ready(): Promise<void> {
    while (this.loading || this.figuresLoading) await (this.loading ?? this.figuresLoading);
  }

  status(): IndexStatus {
    const s = this.snapshot;
    const state = this.state === 'ready' && !this.answers() ? 'stale' : this.state;
    return {
      state,
      points: s?.rows.length ?? 0,
      loaded_at: s?.loadedAt.toISOString() ?? null,
      load_ms: s ? Math.round(s.loadMs) : null,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.figuresRetry) clearTimeout(this.figuresRetry);
    await this.stopListening?.().catch(() => undefined);
    this.snapshot = null;
  }

  /** Something the answers are built from changed (or a notification may have been missed). */
  changed(): void {
    this.generation += 1;
    this.scheduleLoad();
  }

  private answers(): boolean {
    return this.snapshot !== null && this.loadedGeneration === this.generation && this.syncsPending === 0;
  }

  /**
   * The nearest published points, as nearest_service_points.sql returns them,
   * or null when the index cannot answer right now (the caller asks the database).
   */
  nearest(p: NearestParams): ServicePointRow[] | null {
    return this.hits(p)?.map(({ row, distance }) => ({ ...row, distance_m: distance })) ?? null;
  }

  /** As `nearest`, each point with its distance in metres beside it (the stored row itself, not a copy: read only). */
  hits(p: NearestParams): NearestHit[] | null {
    if (!this.answers()) return null;
    const { tree, rows } = this.snapshot!;
    const levels = p.levels ? new Set(p.levels) : null;
    const jurisdictions = p.jurisdictions ? new Set(p.jurisdictions) : null;
    const categories = p.categories ? new Set(p.categories) : null;
    const languages = p.languages ? new Set(p.languages) : null;
    const accessibility = p.accessibility ?? null;
    const onlyWithHours = p.onlyWithHours === true;
    const maxM = p.maxDistanceM;
    // The sphere and the ellipsoid differ by under 0.6 %: beyond 1 % more on the sphere no point can be within maxM.
    const maxAngle = maxM === undefined ? Infinity : (maxM * 1.01) / 6_356_752;
    const { lon, lat } = p;
    const budget = this.options.visitBudget ?? 20_000;
    let visits = 0;
    const predicate = (i: number): boolean => {
      visits += 1;
      if (visits > budget) throw OVER_BUDGET;
      const r = rows[i]!;
      if (levels && !levels.has(r.level)) return false;
      if (jurisdictions && !jurisdictions.has(r.jurisdiction_id)) return false;
      if (categories && !r.categories.some((c) => categories.has(c))) return false;
      if (languages && !r.languages.some((l) => languages.has(l))) return false;
      if (accessibility && !accessibility.every((a) => r.accessibility.includes(a))) return false;
      if (onlyWithHours && !r.has_hours) return false;
      if (maxM !== undefined) {
        if (sphereAngle(lon, lat, r.lon, r.lat) > maxAngle) return false;
        if (spheroidMetres(lon, lat, r.lon, r.lat) > maxM) return false;
      }
      return true;
    };
    let ids: number[];
    try {
      // geokdbush's walk; its radius (km, on a 6,371 km sphere) only prunes; the predicate decides on the ellipsoid.
      ids = this.walk.around(tree, lon, lat, p.limit, maxM === undefined ? undefined : maxAngle * 6371, predicate);
    } catch (err) {
      if (err === OVER_BUDGET) return null;
      throw err;
    }
    const found = ids.map((i) => {
      const r = rows[i]!;
      return { r, angle: sphereAngle(lon, lat, r.lon, r.lat) };
    });
    // geokdbush ranks by haversine; PostGIS by its own formula of the same angle. Sorting
    // by the latter (a stable sort) keeps the order exactly the database's, near-ties included.
    found.sort((a, b) => a.angle - b.angle);
    return found.map(({ r }) => ({ row: r, distance: spheroidMetres(lon, lat, r.lon, r.lat) }));
  }

  /**
   * The published standard and latest figures of these points as of `now`,
   * as points_standard_performance.sql would read them, or null when any of
   * them has changed and not been read again yet (the caller asks the database).
   */
  figuresOf(ids: readonly string[], now: Date): StandardAndPerformance[] | null {
    if (this.figuresAll || this.figuresReading === 'all' || this.syncsPending > 0) return null;
    const reading = this.figuresReading;
    for (const id of ids) if (this.figuresDirty.has(id) || reading?.has(id)) return null;
    const t = now.getTime();
    return ids.map((id) => {
      const f = this.figures.get(id);
      if (!f) return { standard: null, performance: null };
      const p = f.performance;
      if (!p) return { standard: f.standard, performance: null };
      // Stale once the clock passes valid_until, as service_performance_json() says at the moment it is read.
      const performance: PerformanceJson = {
        wait: p.wait && { ...p.wait, is_stale: f.waitValidUntil <= t },
        standard_met: p.standard_met && { ...p.standard_met, is_stale: f.metValidUntil <= t },
      };
      return { standard: f.standard, performance };
    });
  }

  /** Migration 0124 says these points' figures changed (`*`: any point's). */
  private figuresChanged(what: string): void {
    let ids: unknown = null;
    if (what !== '*') {
      try {
        ids = JSON.parse(what);
      } catch {
        ids = null;
      }
    }
    if (Array.isArray(ids) && ids.every((id) => typeof id === 'string'))
      for (const id of ids as string[]) this.figuresDirty.add(id);
    else this.figuresAll = true;
    this.scheduleFigures();
  }

  /** Reads again the figures that changed, one statement for all the points notified meanwhile. */
  private scheduleFigures(): void {
    if (this.closed || this.figuresLoading || this.figuresRetry) return;
    this.figuresLoading = (async () => {
      try {
        while (!this.closed && (this.figuresAll || this.figuresDirty.size > 0)) {
          if (this.figuresAll) {
            this.figuresAll = false;
            this.figuresReading = 'all';
            const r = await this.readFigures(sqlFile('point_figures_for_index'), []);
            this.figures = new Map();
            for (const row of r.rows) this.storeFigures(row);
          } else {
            const batch = [...this.figuresDirty];
            this.figuresDirty.clear();
            this.figuresReading = new Set(batch);
            const r = await this.readFigures(sqlFile('points_standard_performance'), [batch]);
            for (const row of r.rows) this.storeFigures(row);
          }
          this.figuresReading = null;
        }
      } catch (err) {
        const reading = this.figuresReading;
        if (reading === 'all') this.figuresAll = true;
        else for (const id of reading ?? []) this.figuresDirty.add(id);
        this.figuresReading = null;
        if (this.closed) return;
        this.options.logger?.warn(
          { err },
          'nearest index: could not read standards and waits; answering them from the database',
        );
        this.figuresRetry = setTimeout(() => {
          this.figuresRetry = null;
          this.scheduleFigures();
        }, 5_000);
        this.figuresRetry.unref();
      } finally {
        this.figuresLoading = null;
      }
    })();
  }

  private readFigures(text: string, params: unknown[]) {
    return runWithQueryClass('analysis', () => this.db.query<{ id: string } & StandardAndPerformance>(text, params));
  }

  private storeFigures({ id, standard, performance }: { id: string } & StandardAndPerformance): void {
    if (!standard && !performance) {
      this.figures.delete(id);
      return;
    }
    this.figures.set(id, {
      standard,
      performance,
      waitValidUntil: performance?.wait ? Date.parse(performance.wait.valid_until) : Infinity,
      metValidUntil: performance?.standard_met ? Date.parse(performance.standard_met.valid_until) : Infinity,
    });
  }

  /**
   * The database as this process's requests should use it: from the end of a
   * write request's statement or of any transaction until its change
   * notification has been heard, the index does not answer, so a steward's
   * publish is in the next answer at once. While the write runs, nothing it
   * does is visible to other connections yet, so the index answers as before.
   */
  trackWrites(db: Database): Database {
    const during = async <T>(fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } finally {
        // Synchronously after the commit (no I/O between): the writer's next read cannot see the old snapshot.
        this.syncsPending += 1;
        void this.sync().finally(() => {
          this.syncsPending -= 1;
        });
      }
    };
    return {
      ...db,
      query: <T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> =>
        currentQueryClass() === 'write' ? during(() => db.query<T>(text, params)) : db.query<T>(text, params),
      exec: (text: string) => during(() => db.exec(text)),
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) => during(() => db.transaction(fn)),
    };
  }

  /**
   * Sends this process a notification of its own and waits for it. PostgreSQL
   * delivers notifications in commit order, so when it arrives, the change
   * notification of any write committed before it has been heard (and the
   * generation bumped). Gives up after syncTimeoutMs.
   */
  private async sync(): Promise<void> {
    if (!this.stopListening || this.closed) return;
    const token = `${SYNC_PREFIX}${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<void>((resolve) => {
      this.waiters.set(token, resolve);
      timer = setTimeout(resolve, this.syncTimeoutMs);
      timer.unref();
    });
    try {
      await runWithQueryClass('analysis', () => this.db.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, token]));
      await heard;
    } catch {
      // The database is unreachable: the index keeps answering what it had, as the SQL path cannot answer at all.
    } finally {
      clearTimeout(timer);
      this.waiters.delete(token);
    }
  }

  private scheduleLoad(): void {
    if (this.closed || this.loading) return;
    this.loading = (async () => {
      try {
        // Changes that arrive while loading are caught by the generation check: load again.
        while (!this.closed && this.loadedGeneration !== this.generation) await this.load();
      } catch (err) {
        if (this.closed) return;
        this.state = 'failed';
        this.options.logger?.warn(
          { err },
          'nearest index: could not load the published points; answering from the database',
        );
        this.retry = setTimeout(() => {
          this.retry = null;
          this.scheduleLoad();
        }, 5_000);
        this.retry.unref();
      } finally {
        this.loading = null;
      }
    })();
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    const started = performance.now();
    const intern = interner();
    const rows: IndexedRow[] = [];
    let tooMany = false;
    // Read on the primary, in one snapshot: every page sees the same committed state.
    await runWithQueryClass('analysis', () =>
      this.db.transaction(async (tx) => {
        if (this.db.kind === 'postgis') await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        let after = 0;
        for (;;) {
          const page = await tx.query<
            IndexedRow & { geog?: unknown; geom?: unknown; feed_version_id?: unknown; jurisdiction_province?: unknown }
          >(sqlFile('published_points_for_index'), [after, PAGE]);
          // The index keeps the answer's fields only: not the geometry columns the view carries for queries.
          for (const {
            geog: _geog,
            geom: _geom,
            feed_version_id: _version,
            jurisdiction_province: _province,
            ...r
          } of page.rows) {
            r.level = intern(r.level);
            r.jurisdiction_id = intern(r.jurisdiction_id);
            r.jurisdiction_name_en = intern(r.jurisdiction_name_en);
            r.jurisdiction_name_fr = intern(r.jurisdiction_name_fr);
            r.time_zone = intern(r.time_zone);
            r.province = intern(r.province);
            r.city = intern(r.city);
            r.geocode_quality = intern(r.geocode_quality);
            r.feed_id = intern(r.feed_id);
            r.feed_name_en = intern(r.feed_name_en);
            r.feed_name_fr = intern(r.feed_name_fr);
            r.licence = intern(r.licence);
            r.attribution_en = intern(r.attribution_en);
            r.attribution_fr = intern(r.attribution_fr);
            rows.push(r);
          }
          if (rows.length > this.options.maxPoints) {
            tooMany = true;
            return;
          }
          if (page.rows.length < PAGE) return;
          after = page.rows[page.rows.length - 1]!.pk;
        }
      }),
    );
    if (tooMany) {
      this.snapshot = null;
      this.state = 'too_many_points';
      this.loadedGeneration = generation;
      this.options.logger?.warn(
        { max: this.options.maxPoints },
        'nearest index: more published points than NEAREST_INDEX_MAX_POINTS; answering from the database',
      );
      return;
    }
    const tree = new KDBush(rows.length);
    for (const r of rows) tree.add(r.lon, r.lat);
    tree.finish();
    this.snapshot = { tree, rows, loadedAt: new Date(), loadMs: performance.now() - started };
    this.loadedGeneration = generation;
    this.state = 'ready';
    this.options.logger?.info(
      { points: rows.length, load_ms: Math.round(this.snapshot.loadMs) },
      'nearest index loaded',
    );
  }
}
