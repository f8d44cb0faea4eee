import { Router } from 'express';
import { z } from 'zod';
import {
  responsibilityList,
  responsibilityUpdate,
  type Responsibility,
  type ResponsibilityList,
  type ResponsibilityUpdate,
} from '../../contract/channels.js';
import { PROVINCES } from '../../domain/provinces.js';
import { apiKeyOf, requireApiKey } from '../auth/require-api-key.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { requestLang } from '../http/lang.js';
import { code, csvList, LEVELS, langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseBody, parseParams, parseQuery } from '../http/parse-query.js';
import { sendPage } from '../http/send-list.js';
import { listResponsibilities, type ResponsibilityRow } from '../queries/channels/list-responsibilities.js';
import { questionCategories } from '../queries/channels/question-categories.js';
import { replaceResponsibilities } from '../queries/channels/replace-responsibilities.js';
import { channelMessages } from './channel-messages.js';
import { provinceListParam } from './channels.js';

const provinceCode = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.enum(PROVINCES.map((p) => p.code) as [string, ...string[]]));

/** An absolute https address (a source a citizen can open safely). */
function isHttpsUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** A real calendar date, not after today (UTC). */
function isPastOrToday(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s <= new Date().toISOString().slice(0, 10);
}

export const responsibilitiesQuery = z.object({
  province: provinceListParam,
  category: csvList(code),
  format: z.enum(['json', 'csv']).default('json'),
  lang: langParam,
});
export const responsibilityParams = z.object({ province: provinceCode, category: code });
export const responsibilityBody = z.object({
  handlers: z
    .array(
      z.object({
        level: z.enum(LEVELS),
        jurisdiction_id: z
          .string()
          .regex(/^ca(-[a-z0-9]+)*$/)
          .nullable()
          .optional(),
        rank: z.number().int().min(1).max(9).default(1),
        note_en: z.string().trim().min(1).max(500).optional(),
        note_fr: z.string().trim().min(1).max(500).optional(),
        /** The official page that says this government handles the service here (https). */
        source_url: z.string().trim().max(2000).refine(isHttpsUrl, { params: channelMessages.source_https }).optional(),
        /** The day the steward read it (YYYY-MM-DD); defaults to today when a source is given. */
        source_checked_on: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .refine(isPastOrToday, { params: channelMessages.source_date })
          .optional(),
        /** What the page says, in short. */
        source_note: z.string().trim().min(1).max(1000).optional(),
      }),
    )
    .min(1)
    .max(5),
});

export const responsibilitiesOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/responsibilities',
    tags: ['citizens'],
    query: responsibilitiesQuery,
    produces: ['application/json', 'text/csv'],
    response: responsibilityList,
    summary: 'Which order of government handles each service category, per province or territory',
  },
  {
    method: 'put',
    path: '/api/responsibilities/{province}/{category}',
    tags: ['jurisdictions'],
    params: responsibilityParams,
    body: responsibilityBody,
    auth: true,
    errors: [401, 403, 404],
    response: responsibilityUpdate,
    summary: 'Replaces who handles one category in the key’s own province or territory',
  },
];

function out(r: ResponsibilityRow, lang: 'en' | 'fr'): Responsibility {
  return {
    province: r.province,
    category_code: r.category_code,
    category_name: lang === 'fr' ? r.category_name_fr : r.category_name_en,
    level: r.level,
    jurisdiction_id: r.jurisdiction_id,
    jurisdiction_name: lang === 'fr' ? r.jurisdiction_name_fr : r.jurisdiction_name_en,
    rank: r.rank,
    note: lang === 'fr' ? (r.note_fr ?? r.note_en) : (r.note_en ?? r.note_fr),
    note_en: r.note_en,
    note_fr: r.note_fr,
    origin: r.origin,
    updated_at: r.updated_at instanceof Date ? r.updated_at.toISOString() : r.updated_at,
    source_url: r.source_url,
    source_checked_on: r.source_checked_on,
    source_note: r.source_note,
  };
}

/** The category-to-order-of-government map: read by anyone, edited by each province's stewards. */
export function responsibilitiesRouter(db: Database): Router {
  const router = Router();

  router.get('/responsibilities', async (req, res) => {
    const q = parseQuery(responsibilitiesQuery, req);
    const lang = requestLang(req);
    const rows = await listResponsibilities(db, q.province ?? null, q.category ?? null);
    sendPage(res, q.format, { results: rows.map((r) => out(r, lang)) } satisfies ResponsibilityList, {
      filename: 'responsibilities',
      cacheControl: 'public, max-age=60',
      schema: responsibilityList,
    });
  });

  router.put('/responsibilities/:province/:category', requireApiKey(db), async (req, res) => {
    const p = parseParams(responsibilityParams, req);
    const owner = `ca-${p.province.toLowerCase()}`;
    // A province's map belongs to that province; whatever the body names.
    if (apiKeyOf(res).jurisdictionId !== owner)
      throw new AppError(403, 'forbidden', channelMessages.other_jurisdiction);
    const b = parseBody(responsibilityBody, req);
    if ((await questionCategories(db, [p.category], null)).length === 0) {
      const m = channelMessages.category_not_found;
      throw new AppError(404, 'not_found', m, [{ field: 'category', message_en: m.en, message_fr: m.fr }]);
    }
    const province = PROVINCES.find((x) => x.code === p.province)!;
    const ownLevel = ['YT', 'NT', 'NU'].includes(province.code) ? 'territorial' : 'provincial';
    const errors: { field: string; message_en: string; message_fr: string }[] = [];
    const seen = new Set<string>();
    const handlers = b.handlers.map((h, i) => {
      const expected =
        h.level === 'federal' ? 'ca' : h.level === 'provincial' || h.level === 'territorial' ? owner : null;
      const given = h.jurisdiction_id ?? (expected && h.level === 'federal' ? 'ca' : expected);
      if ((h.level === 'provincial' || h.level === 'territorial') && h.level !== ownLevel) {
        errors.push({
          field: `handlers.${i}.level`,
          message_en: `Use "${ownLevel}" here.`,
          message_fr: `Utilisez « ${ownLevel} » ici.`,
        });
      }
      if (given !== expected) {
        const m = channelMessages.handler_jurisdiction;
        errors.push({ field: `handlers.${i}.jurisdiction_id`, message_en: m.en, message_fr: m.fr });
      }
      if (seen.has(h.level)) {
        const m = channelMessages.handler_levels_unique;
        errors.push({ field: `handlers.${i}.level`, message_en: m.en, message_fr: m.fr });
      }
      seen.add(h.level);
      if (!h.source_url && (h.source_checked_on || h.source_note)) {
        const m = channelMessages.source_needs_url;
        errors.push({ field: `handlers.${i}.source_url`, message_en: m.en, message_fr: m.fr });
      }
      return {
        level: h.level,
        jurisdiction_id: expected,
        rank: h.rank,
        note_en: h.note_en ?? null,
        note_fr: h.note_fr ?? null,
        source_url: h.source_url ?? null,
        source_checked_on: h.source_url ? (h.source_checked_on ?? new Date().toISOString().slice(0, 10)) : null,
        source_note: h.source_url ? (h.source_note ?? null) : null,
      };
    });
    if (errors.length > 0) throw new AppError(400, 'bad_request', 'invalid_parameters', errors);
    await replaceResponsibilities(db, p.province, p.category, handlers, apiKeyOf(res).keyId);
    const rows = await listResponsibilities(db, [p.province], [p.category]);
    res.json({
      province: p.province,
      category_code: p.category,
      results: rows.map((r) => out(r, requestLang(req))),
    } satisfies ResponsibilityUpdate);
  });

  return router;
}
