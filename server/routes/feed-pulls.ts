import { randomUUID } from 'node:crypto';
import type { FeedPull, PullSchedule } from '../../contract/feeds.js';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { apiKeyOf, assertOwnJurisdiction, requireApiKey } from '../auth/require-api-key.js';
import { AppError } from '../http/app-error.js';
import { langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseBody, parseParams, parseQuery } from '../http/parse-query.js';
import { sendList } from '../http/send-list.js';
import { runPull, type PullOptions } from '../pulls/run-pull.js';
import {
  deletePullSchedule,
  listPulls,
  pullSchedule,
  upsertPullSchedule,
  type PullRow,
  type PullScheduleRow,
} from '../queries/feed-pulls.js';
import { listFeeds, type FeedRow } from '../queries/list-feeds.js';

const feedId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and hyphens, 2 to 63 characters');

/** The named intervals a steward picks from, in minutes. */
export const NAMED_INTERVALS = { hourly: 60, daily: 1440, weekly: 10080 } as const;
/** No source is pulled more often than every 15 minutes, nor less often than every 31 days. */
export const MIN_INTERVAL_MINUTES = 15;
export const MAX_INTERVAL_MINUTES = 44640;

export const pullParams = z.object({ id: feedId });
export const pullScheduleBody = z
  .object({
    /** hourly, daily or weekly; or interval_minutes for another interval. */
    interval: z.enum(['hourly', 'daily', 'weekly']).optional(),
    interval_minutes: z.number().int().min(MIN_INTERVAL_MINUTES).max(MAX_INTERVAL_MINUTES).optional(),
    /** false keeps the schedule but runs no pull until it is enabled again. */
    enabled: z.boolean().default(true),
    /** true: each new version is published at once; false: staged for the steward to publish. */
    publish: z.boolean().default(false),
  })
  .superRefine((b, ctx) => {
    if ((b.interval === undefined) === (b.interval_minutes === undefined)) {
      const en = `Give either interval (hourly, daily or weekly) or interval_minutes (${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}), not both.`;
      const fr = `Indiquez soit interval (hourly, daily ou weekly), soit interval_minutes (de ${MIN_INTERVAL_MINUTES} à ${MAX_INTERVAL_MINUTES}), pas les deux.`;
      ctx.addIssue({ code: 'custom', path: ['interval'], message: en, params: { en, fr } });
    }
  });
export const pullsQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .transform((n) => Math.min(n, 200)),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  lang: langParam,
});

export const feedPullsOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/feeds/{id}/pull-schedule',
    tags: ['jurisdictions'],
    params: pullParams,
    auth: true,
    errors: [401, 403, 404],
    summary:
      'The feed’s pull schedule (interval, enabled, publish, next run) and its latest pull; the key’s own feeds only',
  },
  {
    method: 'put',
    path: '/api/feeds/{id}/pull-schedule',
    tags: ['jurisdictions'],
    params: pullParams,
    body: pullScheduleBody,
    auth: true,
    errors: [401, 403, 404, 409],
    summary:
      'Sets how often the feed is fetched from its source URL (hourly, daily, weekly or every interval_minutes, at least 15) and whether new versions are published or staged',
  },
  {
    method: 'delete',
    path: '/api/feeds/{id}/pull-schedule',
    tags: ['jurisdictions'],
    params: pullParams,
    auth: true,
    errors: [401, 403, 404],
    summary: 'Removes the feed’s pull schedule (its pull history stays)',
  },
  {
    method: 'get',
    path: '/api/feeds/{id}/pulls',
    tags: ['jurisdictions'],
    params: pullParams,
    query: pullsQuery,
    auth: true,
    errors: [401, 403, 404],
    summary:
      'The feed’s pull history, newest first: start, end, outcome (unchanged, staged, published, failed with a code), HTTP status, bytes',
  },
  {
    method: 'post',
    path: '/api/feeds/{id}/pulls',
    tags: ['jurisdictions'],
    params: pullParams,
    auth: true,
    errors: [401, 403, 404, 409],
    summary: 'Pulls the feed from its source URL now, under its schedule’s settings; answers the pull as recorded',
  },
];

const iso = (d: Date | string | null) => (d instanceof Date ? d.toISOString() : d);

function intervalName(minutes: number): keyof typeof NAMED_INTERVALS | null {
  for (const [name, m] of Object.entries(NAMED_INTERVALS))
    if (m === minutes) return name as keyof typeof NAMED_INTERVALS;
  return null;
}

export function pullOut(p: PullRow): FeedPull {
  return {
    id: Number(p.id),
    feed_id: p.feed_id,
    trigger: p.trigger,
    source_url: p.source_url,
    started_at: new Date(p.started_at).toISOString(),
    finished_at: iso(p.finished_at),
    outcome: p.outcome,
    http_status: p.http_status,
    bytes: p.bytes === null ? null : Number(p.bytes),
    version_id: p.version_id === null ? null : Number(p.version_id),
    version_status: p.version_status,
    error: p.error_code === null ? null : { code: p.error_code, message_en: p.message_en, message_fr: p.message_fr },
  };
}

function scheduleOut(s: PullScheduleRow, feed: FeedRow, latest: PullRow | null) {
  return {
    feed_id: s.feed_id,
    source_url: feed.source_url,
    interval: intervalName(s.interval_minutes),
    interval_minutes: s.interval_minutes,
    enabled: s.is_enabled,
    publish: s.publish,
    next_run_at: s.is_enabled ? iso(s.next_run_at) : null,
    running: s.claimed_until !== null && new Date(s.claimed_until).getTime() > Date.now(),
    conditional: { etag: s.etag, last_modified: s.last_modified },
    created_at: iso(s.created_at),
    updated_at: iso(s.updated_at),
    latest_pull: latest ? pullOut(latest) : null,
  };
}

function noStore(res: Response): Response {
  return res.set('Cache-Control', 'private, no-store');
}

/**
 * A feed's scheduled pulls, for the stewards of its jurisdiction: the schedule
 * (PUT, GET, DELETE), the history of its pulls, and a pull now. Only a key of
 * the feed's own jurisdiction reads or changes them (403 otherwise); in server
 * mode row-level security (migration 0105) holds the same line.
 */
export function feedPullsRouter(db: Database, options: PullOptions = {}): Router {
  const router = Router();
  const auth = requireApiKey(db);

  async function ownFeed(res: Response, id: string): Promise<FeedRow> {
    const feed = (await listFeeds(db, { feedId: id }))[0];
    if (!feed) throw new AppError(404, 'not_found', 'feed_not_found');
    assertOwnJurisdiction(res, feed.jurisdiction_id);
    return feed;
  }

  async function scheduleOf(feed: FeedRow): Promise<PullSchedule> {
    const schedule = await pullSchedule(db, feed.id);
    if (!schedule) throw new AppError(404, 'not_found', 'pull_schedule_not_found');
    const latest = (
      await listPulls(db, { feedId: feed.id, jurisdictionId: feed.jurisdiction_id, limit: 1, offset: 0 })
    )[0];
    return scheduleOut(schedule, feed, latest ?? null);
  }

  router.get('/:id/pull-schedule', auth, async (req, res) => {
    const { id } = parseParams(pullParams, req);
    const feed = await ownFeed(res, id);
    noStore(res).json(await scheduleOf(feed));
  });

  router.put('/:id/pull-schedule', auth, async (req, res) => {
    const { id } = parseParams(pullParams, req);
    const body = parseBody(pullScheduleBody, req);
    const feed = await ownFeed(res, id);
    if (!feed.source_url && body.enabled) throw new AppError(409, 'conflict', 'no_source_url');
    const existed = (await pullSchedule(db, feed.id)) !== null;
    await upsertPullSchedule(db, {
      feedId: feed.id,
      jurisdictionId: feed.jurisdiction_id,
      intervalMinutes: body.interval_minutes ?? NAMED_INTERVALS[body.interval!],
      enabled: body.enabled,
      publish: body.publish,
      keyId: apiKeyOf(res).keyId,
    });
    noStore(res)
      .status(existed ? 200 : 201)
      .location(`/api/feeds/${feed.id}/pull-schedule`)
      .json(await scheduleOf(feed));
  });

  router.delete('/:id/pull-schedule', auth, async (req, res) => {
    const { id } = parseParams(pullParams, req);
    const feed = await ownFeed(res, id);
    if (!(await deletePullSchedule(db, feed.id, feed.jurisdiction_id)))
      throw new AppError(404, 'not_found', 'pull_schedule_not_found');
    noStore(res).status(204).end();
  });

  router.get('/:id/pulls', auth, async (req, res) => {
    const { id } = parseParams(pullParams, req);
    const q = parseQuery(pullsQuery, req);
    const feed = await ownFeed(res, id);
    const rows = await listPulls(db, {
      feedId: feed.id,
      jurisdictionId: feed.jurisdiction_id,
      limit: q.limit + 1,
      offset: q.offset,
    });
    const hasMore = rows.length > q.limit;
    sendList(res, 'json', rows.slice(0, q.limit).map(pullOut), {
      extra: { feed_id: feed.id, limit: q.limit, offset: q.offset, next_offset: hasMore ? q.offset + q.limit : null },
      filename: `${feed.id}-pulls`,
      cacheControl: 'private, no-store',
    });
  });

  router.post('/:id/pulls', auth, async (req, res) => {
    const { id } = parseParams(pullParams, req);
    const feed = await ownFeed(res, id);
    if (!(await pullSchedule(db, feed.id))) throw new AppError(404, 'not_found', 'pull_schedule_not_found');
    if (!feed.source_url) throw new AppError(409, 'conflict', 'no_source_url');
    const run = await runPull(db, { feedId: feed.id, worker: `request:${randomUUID()}`, trigger: 'manual' }, options);
    if (!run.claimed) throw new AppError(409, 'conflict', 'pull_running');
    const recent = await listPulls(db, { feedId: feed.id, jurisdictionId: feed.jurisdiction_id, limit: 5, offset: 0 });
    const pull = recent.find((p) => Number(p.id) === run.pullId);
    noStore(res)
      .status(201)
      .location(`/api/feeds/${feed.id}/pulls`)
      .json(pull ? pullOut(pull) : null);
  });

  return router;
}
