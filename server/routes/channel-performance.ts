import { Router, type Response } from 'express';
import { z } from 'zod';
import {
  performanceReceipt,
  standardUpdate,
  type PerformanceReceipt,
  type StandardUpdate,
} from '../../contract/channels.js';
import { apiKeyOf, requireApiKey } from '../auth/require-api-key.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { requestLang } from '../http/lang.js';
import { langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseBody, parseParams, parseQuery } from '../http/parse-query.js';
import { toStandard } from '../queries/channels/channel-row.js';
import { channelTarget, type TargetKind } from '../queries/channels/channel-target.js';
import { insertPerformance } from '../queries/channels/insert-performance.js';
import { upsertStandard } from '../queries/channels/upsert-standard.js';
import { channelMessages } from './channel-messages.js';
import { channelIdParam } from './channels.js';

/** Clocks disagree a little; a figure "measured" a few minutes ahead is not a lie. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** How long a figure stays current when the sender does not say: a wait time an hour, a monthly share 45 days. */
export const DEFAULT_WAIT_VALID_MINUTES = 60;
export const DEFAULT_SHARE_VALID_MINUTES = 45 * 24 * 60;

const bilingual = (m: { en: string; fr: string }) => ({ params: { en: m.en, fr: m.fr }, message: m.en });

export const performanceBody = z
  .object({
    measured_at: z.iso.datetime({ offset: true }),
    wait_minutes: z
      .number()
      .refine((v) => v >= 0, bilingual(channelMessages.not_negative))
      .refine((v) => v <= 100_000, bilingual({ en: 'Must be at most 100000.', fr: 'Doit être au plus 100000.' }))
      .optional(),
    standard_met_pct: z
      .number()
      .refine((v) => v >= 0 && v <= 100, bilingual(channelMessages.percentage))
      .optional(),
    period_start: z.iso.date().optional(),
    period_end: z.iso.date().optional(),
    valid_for_minutes: z
      .number()
      .int()
      .min(1)
      .max(400 * 24 * 60)
      .optional(),
  })
  .superRefine((b, ctx) => {
    if (Date.parse(b.measured_at) > Date.now() + CLOCK_SKEW_MS) {
      ctx.addIssue({ code: 'custom', path: ['measured_at'], ...bilingual(channelMessages.measured_at_future) });
    }
    if (b.wait_minutes === undefined && b.standard_met_pct === undefined) {
      ctx.addIssue({ code: 'custom', path: ['wait_minutes'], ...bilingual(channelMessages.needs_a_figure) });
    }
    if ((b.period_start !== undefined || b.period_end !== undefined) && b.standard_met_pct === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [b.period_start !== undefined ? 'period_start' : 'period_end'],
        ...bilingual(channelMessages.period_needs_share),
      });
    }
    if (b.period_start && b.period_end && b.period_end < b.period_start) {
      ctx.addIssue({ code: 'custom', path: ['period_end'], ...bilingual(channelMessages.period_order) });
    }
  });

export const standardBody = z.object({
  text_en: z.string().trim().min(1).max(500),
  text_fr: z.string().trim().min(1).max(500),
  target_pct: z.number().min(0).max(100).optional(),
  target_minutes: z.number().min(0).max(100_000).optional(),
  source_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

const pointIdParam = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'a service point id');
export const channelTargetParams = z.object({ id: channelIdParam });
export const pointTargetParams = z.object({ id: pointIdParam });
const writeQuery = z.object({ lang: langParam });

export const channelPerformanceOpenApi: OpenApiRoute[] = [
  {
    method: 'post',
    path: '/api/channels/{id}/performance',
    tags: ['jurisdictions'],
    params: channelTargetParams,
    body: performanceBody,
    auth: true,
    errors: [401, 403, 404],
    response: performanceReceipt,
    summary: 'Pushes the current wait and/or the share of the standard met for a channel of the key’s jurisdiction',
  },
  {
    method: 'post',
    path: '/api/service-points/{id}/performance',
    tags: ['jurisdictions'],
    params: pointTargetParams,
    body: performanceBody,
    auth: true,
    errors: [401, 403, 404],
    response: performanceReceipt,
    summary:
      'Pushes the current wait and/or the share of the standard met for a service point of the key’s jurisdiction',
  },
  {
    method: 'put',
    path: '/api/channels/{id}/standard',
    tags: ['jurisdictions'],
    params: channelTargetParams,
    body: standardBody,
    auth: true,
    errors: [401, 403, 404],
    response: standardUpdate,
    summary: 'Sets the published service standard of a channel of the key’s jurisdiction',
  },
  {
    method: 'put',
    path: '/api/service-points/{id}/standard',
    tags: ['jurisdictions'],
    params: pointTargetParams,
    body: standardBody,
    auth: true,
    errors: [401, 403, 404],
    response: standardUpdate,
    summary: 'Sets the published service standard of a service point of the key’s jurisdiction',
  },
];

/** The target, 404 naming `id` when unknown, 403 when the key belongs to another jurisdiction. */
async function ownedTarget(db: Database, res: Response, kind: TargetKind, id: string) {
  const target = await channelTarget(db, kind, id);
  const missing = kind === 'channel' ? channelMessages.channel_not_found : channelMessages.point_not_found;
  if (!target)
    throw new AppError(404, 'not_found', missing, [{ field: 'id', message_en: missing.en, message_fr: missing.fr }]);
  // Whatever the body says, the target's owner decides.
  if (apiKeyOf(res).jurisdictionId !== target.jurisdiction_id)
    throw new AppError(403, 'forbidden', channelMessages.other_jurisdiction);
  return target;
}

/** Stewards' writes: performance pushes and published standards, for channels and points. */
export function channelPerformanceRouter(db: Database): Router {
  const router = Router();
  const auth = requireApiKey(db);

  const targets: [string, TargetKind, z.ZodObject<{ id: z.ZodString }>][] = [
    ['/channels/:id', 'channel', channelTargetParams],
    ['/service-points/:id', 'point', pointTargetParams],
  ];
  for (const [path, kind, params] of targets) {
    router.post(`${path}/performance`, auth, async (req, res) => {
      const { id } = parseParams(params, req);
      parseQuery(writeQuery, req);
      const target = await ownedTarget(db, res, kind, id);
      const b = parseBody(performanceBody, req);
      const validFor =
        b.valid_for_minutes ??
        (b.wait_minutes !== undefined ? DEFAULT_WAIT_VALID_MINUTES : DEFAULT_SHARE_VALID_MINUTES);
      const stored = await insertPerformance(db, {
        kind,
        id: target.id,
        jurisdictionId: target.jurisdiction_id,
        waitMinutes: b.wait_minutes ?? null,
        standardMetPct: b.standard_met_pct ?? null,
        periodStart: b.period_start ?? null,
        periodEnd: b.period_end ?? null,
        measuredAt: new Date(b.measured_at),
        validForMinutes: validFor,
        apiKeyId: apiKeyOf(res).keyId,
      });
      const validUntil = new Date(stored.valid_until);
      res.status(201).json({
        id: Number(stored.id),
        target_kind: kind,
        target_id: target.id,
        measured_at: new Date(stored.measured_at).toISOString(),
        valid_until: validUntil.toISOString(),
        // A figure measured long ago can arrive already out of date.
        is_stale: validUntil.getTime() <= Date.now(),
      } satisfies PerformanceReceipt);
    });

    router.put(`${path}/standard`, auth, async (req, res) => {
      const { id } = parseParams(params, req);
      parseQuery(writeQuery, req);
      const target = await ownedTarget(db, res, kind, id);
      const b = parseBody(standardBody, req);
      const standard = await upsertStandard(db, {
        kind,
        id: target.id,
        jurisdictionId: target.jurisdiction_id,
        textEn: b.text_en,
        textFr: b.text_fr,
        targetPct: b.target_pct ?? null,
        targetMinutes: b.target_minutes ?? null,
        sourceUrl: b.source_url ?? null,
      });
      res.json({
        target_kind: kind,
        target_id: target.id,
        standard: toStandard(standard, requestLang(req)),
      } satisfies StandardUpdate);
    });
  }
  return router;
}
