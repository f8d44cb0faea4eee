import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  channelList,
  whoHandlesAnswer,
  wrongDoorAnswer,
  type ChannelList,
  type Handler,
  type WhoHandlesAnswer,
  type WrongDoorAnswer,
} from '../../contract/channels.js';
import { channel, type Channel } from '../../contract/service-points.js';
import { provinceAt } from '../../domain/canada-check.js';
import { PROVINCES } from '../../domain/provinces.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { requestLang, type Lang } from '../http/lang.js';
import { code, csvList, LEVELS, langParam, latParam, lonParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseParams, parseQuery } from '../http/parse-query.js';
import { sendPage } from '../http/send-list.js';
import { toChannel } from '../queries/channels/channel-row.js';
import { jurisdictionNamed } from '../queries/channels/jurisdiction-named.js';
import { listChannels } from '../queries/channels/list-channels.js';
import { questionCategories, type QuestionCategory } from '../queries/channels/question-categories.js';
import { CHANNEL_KINDS, whoHandles } from '../queries/channels/who-handles.js';
import { channelMessages } from './channel-messages.js';

const province = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.enum(PROVINCES.map((p) => p.code) as [string, ...string[]]));
/** `province=NB,ns`: two-letter codes, any case. */
export const provinceListParam = z
  .string()
  .transform((s) =>
    s
      .toUpperCase()
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  )
  .pipe(
    z
      .array(z.enum(PROVINCES.map((p) => p.code) as [string, ...string[]]))
      .min(1)
      .max(13),
  )
  .optional();
const jurisdictionId = z.string().regex(/^ca(-[a-z0-9]+)*$/, 'a jurisdiction id such as ca, ca-nb or ca-on-toronto');
export const channelIdParam = z.string().regex(/^[a-z0-9][a-z0-9_.:-]{1,120}$/, 'a channel id such as ca-ei-phone');

export const channelsQuery = z.object({
  category: csvList(code),
  jurisdiction: csvList(jurisdictionId),
  kind: csvList(z.enum(['online', 'phone'])),
  province: province.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  format: z.enum(['json', 'csv']).default('json'),
  lang: langParam,
});
export const channelParams = z.object({ id: channelIdParam });
export const channelQuery = z.object({ lang: langParam });

/** Where the person is: a province, or a location whose province is found offline. */
const whereShape = {
  province: province.optional(),
  lon: lonParam.optional(),
  lat: latParam.optional(),
};

export const whoHandlesQuery = z.object({
  category: csvList(code),
  life_event: code.optional(),
  ...whereShape,
  channel: z.enum(CHANNEL_KINDS).optional(),
  points: z.coerce.number().int().min(0).max(10).default(3),
  lang: langParam,
});

export const wrongDoorQuery = z.object({
  category: code,
  thought: z.union([z.enum(LEVELS), jurisdictionId]),
  ...whereShape,
  channel: z.enum(CHANNEL_KINDS).optional(),
  lang: langParam,
});

export const channelsOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/channels',
    tags: ['citizens'],
    query: channelsQuery,
    produces: ['application/json', 'text/csv'],
    response: channelList,
    summary:
      'Online and phone channels (call centres) of every order of government, with their service standard and latest performance',
  },
  {
    method: 'get',
    path: '/api/channels/{id}',
    tags: ['citizens'],
    params: channelParams,
    query: channelQuery,
    errors: [404],
    response: channel,
    summary: 'One channel',
  },
  {
    method: 'get',
    path: '/api/who-handles',
    tags: ['citizens'],
    query: whoHandlesQuery,
    errors: [404],
    response: whoHandlesAnswer,
    summary:
      'For a service category or a life event and a place: per order of government, the online option, the phone option and the nearest in-person points, ranked by the chosen channel',
  },
  {
    method: 'get',
    path: '/api/wrong-door',
    tags: ['citizens'],
    query: wrongDoorQuery,
    errors: [404],
    response: wrongDoorAnswer,
    summary:
      'Given a category and the government a person thought handled it, who actually does, with the right channels',
  },
];

/** The province of the question: given, else where lon/lat falls. */
function provinceOf(q: { province?: string | undefined; lon?: number | undefined; lat?: number | undefined }): string {
  if ((q.lon === undefined) !== (q.lat === undefined)) {
    const field = q.lon === undefined ? 'lon' : 'lat';
    throw new AppError(400, 'bad_request', 'invalid_parameters', [
      { field, message_en: channelMessages.lon_lat_together.en, message_fr: channelMessages.lon_lat_together.fr },
    ]);
  }
  if (q.province) return q.province;
  if (q.lon === undefined || q.lat === undefined) {
    throw new AppError(400, 'bad_request', 'invalid_parameters', [
      {
        field: 'province',
        message_en: channelMessages.province_needed.en,
        message_fr: channelMessages.province_needed.fr,
      },
    ]);
  }
  const found = provinceAt(q.lon, q.lat);
  if (!found) {
    throw new AppError(400, 'bad_request', 'invalid_parameters', [
      { field: 'lon', message_en: channelMessages.outside_canada.en, message_fr: channelMessages.outside_canada.fr },
    ]);
  }
  return found;
}

async function categoriesOf(
  db: Database,
  codes: string[] | undefined,
  lifeEvent: string | undefined,
): Promise<QuestionCategory[]> {
  if ((codes === undefined) === (lifeEvent === undefined)) {
    const m = channelMessages.category_or_life_event;
    throw new AppError(400, 'bad_request', 'invalid_parameters', [
      { field: codes === undefined ? 'category' : 'life_event', message_en: m.en, message_fr: m.fr },
    ]);
  }
  const found = await questionCategories(db, codes ?? null, lifeEvent ?? null);
  if (codes) {
    const missing = codes.filter((c) => !found.some((f) => f.code === c));
    if (missing.length > 0) {
      const m = channelMessages.category_not_found;
      throw new AppError(404, 'not_found', m, [
        {
          field: 'category',
          message_en: `${m.en} (${missing.join(', ')})`,
          message_fr: `${m.fr} (${missing.join(', ')})`,
        },
      ]);
    }
  } else if (found.length === 0) {
    const m = channelMessages.life_event_not_found;
    throw new AppError(404, 'not_found', m, [{ field: 'life_event', message_en: m.en, message_fr: m.fr }]);
  }
  return found;
}

function provinceName(code: string, lang: Lang): string {
  const p = PROVINCES.find((x) => x.code === code);
  return (lang === 'fr' ? p?.name_fr : p?.name_en) ?? code;
}

/** Does the government a person named match this handler? */
function matches(thought: { id: string | null; level: string }, h: Handler): boolean {
  if (thought.id && h.jurisdiction_id) return thought.id === h.jurisdiction_id;
  const levels = new Set([thought.level]);
  // People say "the province" in a territory, and "the territory" for Yukon's offices alike.
  if (thought.level === 'provincial' || thought.level === 'territorial') levels.add('provincial').add('territorial');
  return levels.has(h.level);
}

function names(handlers: Handler[], lang: Lang): string {
  return handlers.map((h) => (lang === 'fr' ? h.jurisdiction_name_fr : h.jurisdiction_name_en) ?? h.level).join(', ');
}

/** Channels, "who handles this?" and wrong-door routing: the citizen-facing reads of issue 8. */
export function channelsRouter(db: Database): Router {
  const router = Router();

  router.get('/channels', async (req, res) => {
    const q = parseQuery(channelsQuery, req);
    const lang = requestLang(req);
    const rows = await listChannels(db, {
      categories: q.category,
      jurisdictions: q.jurisdiction,
      kinds: q.kind,
      province: q.province,
      limit: q.limit,
      offset: q.offset,
    });
    sendPage(res, q.format, { results: rows.map((r) => toChannel(r, lang)) } satisfies ChannelList, {
      filename: 'channels',
      schema: channelList,
    });
  });

  router.get('/channels/:id', async (req, res, next) => {
    // /channels/availability and /channels/standards-report belong to the reports router.
    if (req.params['id'] === 'availability' || req.params['id'] === 'standards-report') return next();
    const { id } = parseParams(channelParams, req);
    parseQuery(channelQuery, req);
    const row = (await listChannels(db, { ids: [id], limit: 1, offset: 0 }))[0];
    if (!row)
      throw new AppError(404, 'not_found', channelMessages.channel_not_found, [
        {
          field: 'id',
          message_en: channelMessages.channel_not_found.en,
          message_fr: channelMessages.channel_not_found.fr,
        },
      ]);
    res.set('Cache-Control', 'public, max-age=60').json(toChannel(row, requestLang(req)) satisfies Channel);
  });

  router.get('/who-handles', async (req: Request, res) => {
    const q = parseQuery(whoHandlesQuery, req);
    const lang = requestLang(req);
    const prov = provinceOf(q);
    const categories = await categoriesOf(db, q.category, q.life_event);
    const answer = await whoHandles(db, {
      province: prov,
      categories,
      lon: q.lon ?? null,
      lat: q.lat ?? null,
      channel: q.channel ?? null,
      pointsPerHandler: q.points,
      lang,
    });
    // Performance figures change by the minute: short caching only.
    res.set('Cache-Control', 'public, max-age=30').json({
      ...answer,
      province_name: provinceName(prov, lang),
      life_event: q.life_event ?? null,
    } satisfies WhoHandlesAnswer);
  });

  router.get('/wrong-door', async (req, res) => {
    const q = parseQuery(wrongDoorQuery, req);
    const lang = requestLang(req);
    const prov = provinceOf(q);
    const [category] = await categoriesOf(db, [q.category], undefined);
    let thought: { id: string | null; level: string; name_en: string; name_fr: string };
    if ((LEVELS as readonly string[]).includes(q.thought)) {
      thought = { id: null, level: q.thought, name_en: `the ${q.thought} government`, name_fr: levelNameFr(q.thought) };
    } else {
      const j = await jurisdictionNamed(db, q.thought);
      if (!j) {
        const m = channelMessages.thought_unknown;
        throw new AppError(404, 'not_found', m, [{ field: 'thought', message_en: m.en, message_fr: m.fr }]);
      }
      thought = { id: j.id, level: j.level, name_en: j.name_en, name_fr: j.name_fr };
    }
    const answer = await whoHandles(db, {
      province: prov,
      categories: [category!],
      lon: q.lon ?? null,
      lat: q.lat ?? null,
      channel: q.channel ?? null,
      pointsPerHandler: 3,
      lang,
    });
    const handlers = answer.results[0]?.handlers ?? [];
    const first = handlers.filter((h) => h.rank === Math.min(...handlers.map((x) => x.rank)));
    const hit = handlers.find((h) => matches(thought, h));
    const verdict = !hit ? 'wrong' : first.includes(hit) ? 'right' : 'partly';
    const cat = { en: category!.name_en, fr: category!.name_fr };
    const message = {
      right: {
        en: `Yes: ${thought.name_en} handles this service here (${cat.en}).`,
        fr: `Oui : ${thought.name_fr} s’occupe de ce service ici (${cat.fr}).`,
      },
      partly: {
        en: `${thought.name_en} handles part of this service (${cat.en}); start with ${names(first, 'en')}.`,
        fr: `${thought.name_fr} s’occupe d’une partie de ce service (${cat.fr}); commencez par : ${names(first, 'fr')}.`,
      },
      wrong: {
        en: `${cat.en}: handled here by ${names(first, 'en')}, not by ${thought.name_en}.`,
        fr: `${cat.fr} : ici, c’est « ${names(first, 'fr')} » qui s’en occupe, pas « ${thought.name_fr} ».`,
      },
    }[verdict];
    res.set('Cache-Control', 'public, max-age=30').json({
      category: answer.results[0]?.category ?? null,
      province: prov,
      province_name: provinceName(prov, lang),
      thought: {
        jurisdiction_id: thought.id,
        level: thought.level,
        name: lang === 'fr' ? thought.name_fr : thought.name_en,
      },
      verdict,
      is_right: verdict === 'right',
      message: message[lang],
      message_en: message.en,
      message_fr: message.fr,
      // Where to go instead (or as well): the first-rank handlers with their channels.
      go_to: verdict === 'right' ? [hit!] : first,
      handlers,
      channel_order: answer.channel_order,
      distance_kind: answer.distance_kind,
    } satisfies WrongDoorAnswer);
  });

  return router;
}

function levelNameFr(level: string): string {
  return (
    {
      federal: 'le gouvernement fédéral',
      provincial: 'le gouvernement provincial',
      territorial: 'le gouvernement territorial',
      municipal: 'la municipalité',
      indigenous: 'le gouvernement autochtone',
    }[level] ?? level
  );
}
