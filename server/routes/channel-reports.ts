import { Router } from 'express';
import { z } from 'zod';
import {
  availabilityReport as availabilityReportBody,
  standardsReport as standardsReportBody,
  type AvailabilityReport,
  type AvailabilityRow,
  type StandardsReport,
  type StandardsReportRow,
} from '../../contract/channels.js';
import type { Database } from '../../db/database.js';
import { requestLang } from '../http/lang.js';
import { code, csvList, langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { sendPage } from '../http/send-list.js';
import { availabilityReport } from '../queries/channels/availability-report.js';
import { meetsStandard, toPerformance, toStandard } from '../queries/channels/channel-row.js';
import { standardsReport } from '../queries/channels/standards-report.js';
import { provinceListParam } from './channels.js';

export const availabilityQuery = z.object({
  province: provinceListParam,
  category: csvList(code),
  threshold_km: z.coerce.number().positive().max(5000).default(50),
  /** Only rows with at least one gap (no online, no phone, or people beyond the threshold). */
  gaps_only: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  format: z.enum(['json', 'csv']).default('json'),
  lang: langParam,
});

export const standardsReportQuery = z.object({
  jurisdiction: csvList(z.string().regex(/^ca(-[a-z0-9]+)*$/)),
  target: csvList(z.enum(['channel', 'point'])),
  format: z.enum(['json', 'csv']).default('json'),
  lang: langParam,
});

export const channelReportsOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/channels/availability',
    tags: ['analysts'],
    query: availabilityQuery,
    produces: ['application/json', 'text/csv'],
    response: availabilityReportBody,
    summary:
      'Service categories by channel availability per province: no online option, no phone option, people beyond the threshold from any in-person point',
  },
  {
    method: 'get',
    path: '/api/channels/standards-report',
    tags: ['analysts'],
    query: standardsReportQuery,
    produces: ['application/json', 'text/csv'],
    response: standardsReportBody,
    summary: 'Published service standards against the latest pushed performance, stale figures marked',
  },
];

/** Analysts' reports on channels: availability gaps and standards against performance. */
export function channelReportsRouter(db: Database): Router {
  const router = Router();

  router.get('/channels/availability', async (req, res) => {
    const q = parseQuery(availabilityQuery, req);
    const lang = requestLang(req);
    const rows = await availabilityReport(db, q.province ?? null, q.category ?? null, q.threshold_km * 1000);
    const items = rows
      .map((r): AvailabilityRow => {
        const total = Number(r.population_total);
        const within = Number(r.population_within);
        const gaps: AvailabilityRow['gaps'] = [
          ...(r.has_online ? [] : (['online'] as const)),
          ...(r.has_phone ? [] : (['phone'] as const)),
          ...(total > within || total === 0 ? (['in_person'] as const) : []),
        ];
        return {
          province: r.province,
          category_code: r.category_code,
          category_name: lang === 'fr' ? r.category_name_fr : r.category_name_en,
          handler_levels: r.handler_levels,
          has_online: r.has_online,
          has_phone: r.has_phone,
          has_general_line: r.has_general_line,
          population_total: total,
          population_within: within,
          population_beyond: total - within,
          pct_within: total > 0 ? Math.round((within / total) * 10000) / 100 : null,
          units_beyond: r.units_beyond,
          gaps,
        };
      })
      .filter((r) => !q.gaps_only || r.gaps.length > 0);
    const fresh = rows[0]?.coverage_is_fresh ?? true;
    sendPage(
      res,
      q.format,
      {
        threshold_km: q.threshold_km,
        distance_kind: 'straight_line',
        coverage_is_fresh: fresh,
        results: items,
      } satisfies AvailabilityReport,
      { filename: 'channel-availability', schema: availabilityReportBody },
    );
  });

  router.get('/channels/standards-report', async (req, res) => {
    const q = parseQuery(standardsReportQuery, req);
    const lang = requestLang(req);
    const rows = await standardsReport(db, q.jurisdiction ?? null, q.target ?? null);
    const items = rows.map((r): StandardsReportRow => ({
      target_kind: r.target_kind,
      target_id: r.target_id,
      channel_kind: r.channel_kind,
      jurisdiction_id: r.jurisdiction_id,
      name: lang === 'fr' ? r.name_fr : r.name_en,
      standard: toStandard(r.standard, lang),
      performance: toPerformance(r.performance),
      meets_standard: meetsStandard(r.standard, r.performance),
    }));
    sendPage(res, q.format, { results: items } satisfies StandardsReport, {
      filename: 'standards-report',
      cacheControl: 'public, max-age=30',
      schema: standardsReportBody,
    });
  });

  return router;
}
