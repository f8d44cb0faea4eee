import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { apiKeyOf, assertOwnJurisdiction, requireApiKey } from '../auth/require-api-key.js';
import { AppError } from '../http/app-error.js';
import { csvList, langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseBody, parseParams, parseQuery } from '../http/parse-query.js';
import { sendPage } from '../http/send-list.js';
import { listFeeds } from '../queries/list-feeds.js';
import { listPointReports, setPointReportStatus, type PointReportRow } from '../queries/reports/point-reports.js';
import {
  pointReportList,
  pointReportUpdate,
  type PointReport,
  type PointReportList,
  type PointReportUpdate,
} from '../../contract/feeds.js';

const feedId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and hyphens, 2 to 63 characters');
const STATUSES = ['new', 'acknowledged', 'resolved'] as const;

export const reportsParams = z.object({ id: feedId });
export const reportParams = z.object({ id: feedId, rid: z.uuid() });
export const reportsQuery = z.object({
  status: csvList(z.enum(STATUSES)),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(100)
    .transform((n) => Math.min(n, 1000)),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  format: z.enum(['json', 'csv']).default('json'),
  lang: langParam,
});
export const reportPatchBody = z.object({ status: z.enum(STATUSES) });

export const feedReportsOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/feeds/{id}/reports',
    response: pointReportList,
    tags: ['jurisdictions'],
    params: reportsParams,
    query: reportsQuery,
    auth: true,
    errors: [403, 404],
    summary:
      'The problems citizens reported with the feed’s points, newest first (the key’s own jurisdiction only); CSV for export',
    produces: ['application/json', 'text/csv'],
  },
  {
    method: 'patch',
    path: '/api/feeds/{id}/reports/{rid}',
    response: pointReportUpdate,
    tags: ['jurisdictions'],
    params: reportParams,
    body: reportPatchBody,
    auth: true,
    errors: [403, 404],
    summary: 'Marks a report new, acknowledged or resolved',
  },
];

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);

function reportOut(r: PointReportRow): PointReport {
  return {
    id: r.id,
    point_id: r.point_id,
    point_name: r.point_name,
    point_published: r.point_published,
    feed_id: r.feed_id,
    feed_version_id: r.feed_version_id === null ? null : Number(r.feed_version_id),
    message: r.message,
    email: r.email,
    lang: r.lang,
    status: r.status,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

/**
 * A feed's inbox of citizens' reports. Only a key of the feed's own
 * jurisdiction reads or changes it (403 otherwise); in server mode row-level
 * security (migration 0080) hides every other jurisdiction's reports as well.
 */
export function feedReportsRouter(db: Database): Router {
  const router = Router();
  const auth = requireApiKey(db);

  async function ownFeed(res: Parameters<typeof assertOwnJurisdiction>[0], id: string) {
    const feed = (await listFeeds(db, { feedId: id }))[0];
    if (!feed) throw new AppError(404, 'not_found', 'feed_not_found');
    assertOwnJurisdiction(res, feed.jurisdiction_id);
    return feed;
  }

  router.get('/:id/reports', auth, async (req, res) => {
    const { id } = parseParams(reportsParams, req);
    const q = parseQuery(reportsQuery, req);
    const feed = await ownFeed(res, id);
    const rows = await listPointReports(db, {
      feedId: feed.id,
      jurisdictionId: feed.jurisdiction_id,
      statuses: q.status ?? null,
      limit: q.limit + 1,
      offset: q.offset,
    });
    const hasMore = rows.length > q.limit;
    // Citizens' messages and e-mails: never kept by a shared cache.
    sendPage(
      res,
      q.format,
      {
        feed_id: feed.id,
        limit: q.limit,
        offset: q.offset,
        next_offset: hasMore ? q.offset + q.limit : null,
        results: rows.slice(0, q.limit).map(reportOut),
      } satisfies PointReportList,
      { filename: `${feed.id}-reports`, cacheControl: 'private, no-store', schema: pointReportList },
    );
  });

  router.patch('/:id/reports/:rid', auth, async (req, res) => {
    const { id, rid } = parseParams(reportParams, req);
    const body = parseBody(reportPatchBody, req);
    const feed = await ownFeed(res, id);
    const updated = await setPointReportStatus(db, {
      id: rid,
      feedId: feed.id,
      jurisdictionId: feed.jurisdiction_id,
      status: body.status,
      keyId: apiKeyOf(res).keyId,
    });
    if (!updated) throw new AppError(404, 'not_found', 'report_not_found');
    res.set('Cache-Control', 'no-store').json({
      id: updated.id,
      status: updated.status,
      updated_at: iso(updated.updated_at),
    } satisfies PointReportUpdate);
  });

  return router;
}
