import { Router, type Request, type Response } from 'express';
import type { FeedSettings, MappingPreview, VersionDiff } from '../../contract/feeds.js';
import { z } from 'zod';
import { FEED_FIELDS } from '../../data-loaders/lib/column-mapping.js';
import { checkPublicUrl, SourceUrlProblem } from '../../data-loaders/lib/fetch-public.js';
import { MappingNotApplicable, previewMapping } from '../../data-loaders/lib/preview-mapping.js';
import { TooManyColumns } from '../../data-loaders/lib/read-csv.js';
import type { Database } from '../../db/database.js';
import { verifyApiKey } from '../auth/api-keys.js';
import { assertOwnJurisdiction, requireApiKey } from '../auth/require-api-key.js';
import { AppError } from '../http/app-error.js';
import { langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseBody, parseParams, parseQuery } from '../http/parse-query.js';
import { receiveFeedFile } from '../http/receive-feed-file.js';
import { feedVersionDiff } from '../queries/feed-version-diff.js';
import { feedVersions } from '../queries/feed-versions.js';
import { listFeeds, type FeedRow } from '../queries/list-feeds.js';
import { updateFeedSettings } from '../queries/update-feed-settings.js';

/** A preview reads only the first rows, but the file must arrive whole: the uploads' limit. */
const MAX_PREVIEW_BYTES = 25 * 1024 * 1024;
const PREVIEW_ROWS = 5;

const feedId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and hyphens, 2 to 63 characters');
const versionId = z.coerce.number().int().positive();
const isFeedField = (s: string) => (FEED_FIELDS as readonly string[]).includes(s);

/** Our field -> the file's column that fills it; every key must be one of our fields. */
export const columnMapping = z.record(z.string(), z.string().trim().min(1).max(200)).superRefine((m, ctx) => {
  for (const key of Object.keys(m)) {
    if (isFeedField(key)) continue;
    ctx.addIssue({
      code: 'custom',
      path: [key],
      message: 'not a field of the feed layout',
      params: {
        en: `“${key.slice(0, 60)}” is not one of the fields a column can fill: ${FEED_FIELDS.join(', ')}.`,
        fr: `« ${key.slice(0, 60)} » n’est pas l’un des champs qu’une colonne peut remplir : ${FEED_FIELDS.join(', ')}.`,
      },
    });
  }
});

const text = (max: number) => z.string().trim().max(max).nullable().optional();
const sourceUrl = z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2000)]);

export const feedSettingsParams = z.object({ id: feedId });
export const feedSettingsBody = z
  .object({
    licence: text(300),
    attribution_en: text(500),
    attribution_fr: text(500),
    /** Checked like a fetch: http(s), no credentials, no private or local address. Empty or null clears it. */
    source_url: sourceUrl.nullable().optional(),
    /** Replaces the whole mapping; {} or null: the headers alone decide. */
    mapping: columnMapping.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'nothing to change',
    params: {
      en: 'Give at least one of: licence, attribution_en, attribution_fr, source_url, mapping.',
      fr: 'Indiquez au moins l’un des champs : licence, attribution_en, attribution_fr, source_url, mapping.',
    },
  });
export const mappingPreviewBody = z.object({
  /** Default: the feed's stored mapping. */
  mapping: columnMapping.optional(),
  /** Default: the feed's source URL (when no file is sent). */
  source_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
export const diffParams = z.object({ id: feedId, from: versionId, to: versionId });
export const diffQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(100)
    .transform((n) => Math.min(n, 500)),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  lang: langParam,
});

export const feedStewardOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/feeds/{id}/settings',
    tags: ['jurisdictions'],
    params: feedSettingsParams,
    errors: [404],
    summary: 'The feed’s licence, attribution in both languages, source URL and column mapping',
  },
  {
    method: 'patch',
    path: '/api/feeds/{id}',
    tags: ['jurisdictions'],
    params: feedSettingsParams,
    body: feedSettingsBody,
    auth: true,
    errors: [403, 404],
    summary:
      'Sets the feed’s licence, attribution, source URL (public http(s) addresses only) or column mapping (our field -> the file’s column), used by later uploads and pulls; a field left out keeps its value, null clears it',
  },
  {
    method: 'post',
    path: '/api/feeds/{id}/mapping-preview',
    tags: ['jurisdictions'],
    params: feedSettingsParams,
    body: mappingPreviewBody,
    auth: true,
    upload: { field: 'file', fields: z.object({ mapping: z.string().max(20_000).optional() }) },
    errors: [403, 404, 413, 502],
    summary:
      'Reads the first 5 rows of a file (multipart field "file", mapping as a JSON form field) or of the source URL as an upload would with this mapping (default: the stored one); stores nothing',
  },
  {
    method: 'get',
    path: '/api/feeds/{id}/versions/{from}/diff/{to}',
    tags: ['jurisdictions'],
    params: diffParams,
    query: diffQuery,
    errors: [404],
    summary:
      'The points added, removed and changed from one version to another (by the feed’s own point id), with each changed field’s old and new value; a version not published is seen only with the feed’s own key',
  },
];

function settingsOut(f: FeedRow): FeedSettings {
  return {
    id: f.id,
    jurisdiction_id: f.jurisdiction_id,
    format: f.format,
    licence: f.licence,
    attribution_en: f.attribution_en,
    attribution_fr: f.attribution_fr,
    source_url: f.source_url,
    mapping: f.mapping,
    /** Every field a column can fill, so a form never lists a field the loader does not know. */
    fields: [...FEED_FIELDS],
  };
}

const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

async function checkSourceUrl(url: string, allowPrivate: boolean): Promise<void> {
  try {
    await checkPublicUrl(url, { allowPrivate });
  } catch (err) {
    if (!(err instanceof SourceUrlProblem)) throw err;
    throw new AppError(400, 'bad_request', 'invalid_parameters', [
      { field: 'source_url', message_en: err.en, message_fr: err.fr },
    ]);
  }
}

export interface FeedStewardRouterOptions {
  /** Lets tests use a local server as a source; never set in production. */
  allowPrivateSourceUrls?: boolean;
}

/**
 * A steward's day beside uploading: the feed's settings (licence, attribution,
 * source URL, column mapping), a preview of a file read with a mapping, and
 * the difference between two versions. Writes need a key of the feed's own
 * jurisdiction; the jurisdiction is always the stored feed's.
 */
export function feedStewardRouter(db: Database, options: FeedStewardRouterOptions = {}): Router {
  const router = Router();
  const auth = requireApiKey(db);
  const allowPrivate = options.allowPrivateSourceUrls === true;

  async function feedOrNotFound(id: string): Promise<FeedRow> {
    const feed = (await listFeeds(db, { feedId: id }))[0];
    if (!feed) throw new AppError(404, 'not_found', 'feed_not_found');
    return feed;
  }

  router.get('/:id/settings', async (req, res) => {
    const { id } = parseParams(feedSettingsParams, req);
    res.set('Cache-Control', 'no-cache').json(settingsOut(await feedOrNotFound(id)));
  });

  router.patch('/:id', auth, async (req, res) => {
    const { id } = parseParams(feedSettingsParams, req);
    const body = parseBody(feedSettingsBody, req);
    const feed = await feedOrNotFound(id);
    assertOwnJurisdiction(res, feed.jurisdiction_id);
    const blank = (v: string | null | undefined) => (v === '' ? null : v);
    const patch = {
      licence: blank(body.licence),
      attribution_en: blank(body.attribution_en),
      attribution_fr: blank(body.attribution_fr),
      source_url: blank(body.source_url),
      mapping: body.mapping,
    };
    if (patch.source_url) await checkSourceUrl(patch.source_url, allowPrivate);
    // undefined leaves a setting as it is: JSON.stringify drops the key.
    await updateFeedSettings(db, id, patch);
    noStore(res).json(settingsOut(await feedOrNotFound(id)));
  });

  router.post('/:id/mapping-preview', auth, async (req, res) => {
    const { id } = parseParams(feedSettingsParams, req);
    const feed = await feedOrNotFound(id);
    assertOwnJurisdiction(res, feed.jurisdiction_id);
    let mapping: Record<string, string> = feed.mapping;
    const { received, body } = await receiveFeedFile(req, {
      maxBytes: MAX_PREVIEW_BYTES,
      allowPrivate,
      storedUrl: feed.source_url,
      body: mappingPreviewBody,
    });
    try {
      if (body?.mapping) mapping = body.mapping;
      else if (received.fields['mapping'] !== undefined) mapping = mappingField(received.fields['mapping']);
    } catch (err) {
      await received.cleanup();
      throw err;
    }
    try {
      const preview = await previewMapping(received.file, received.originalName, mapping, PREVIEW_ROWS);
      noStore(res).json({ feed_id: id, mapping, ...preview } satisfies MappingPreview);
    } catch (err) {
      if (err instanceof MappingNotApplicable)
        throw new AppError(400, 'bad_request', 'invalid_parameters', [
          {
            field: 'file',
            message_en: 'An HSDS package has a fixed layout: a column mapping does not apply to it.',
            message_fr: 'Un paquet HSDS a une structure fixe : une correspondance de colonnes ne s’y applique pas.',
          },
        ]);
      if (err instanceof TooManyColumns)
        throw new AppError(400, 'bad_request', 'invalid_parameters', [
          {
            field: 'file',
            message_en: `The file has ${err.columns} columns; a feed may have at most a few hundred.`,
            message_fr: `Le fichier compte ${err.columns} colonnes; un flux peut en avoir au plus quelques centaines.`,
          },
        ]);
      throw err;
    } finally {
      await received.cleanup();
    }
  });

  router.get('/:id/versions/:from/diff/:to', async (req, res) => {
    const { id, from, to } = parseParams(diffParams, req);
    const q = parseQuery(diffQuery, req);
    const feed = await feedOrNotFound(id);
    const versionOf = async (vid: number) =>
      (await feedVersions(db, id, { limit: 1, offset: 0, versionId: vid }))[0] ?? null;
    const [a, b] = [await versionOf(from), await versionOf(to)];
    if (!a || !b) throw new AppError(404, 'not_found', 'version_not_found');
    res.vary('Authorization');
    const isPrivate = a.published_at === null || b.published_at === null;
    if (isPrivate && !(await ownsFeed(db, req, feed))) throw new AppError(404, 'not_found', 'version_not_found');
    const diff = await feedVersionDiff(db, from, to, { limit: q.limit + 1, offset: q.offset });
    const hasMore = diff.points.length > q.limit;
    res.set('Cache-Control', isPrivate ? 'private, no-store' : 'no-cache').json({
      feed_id: id,
      from: { version_id: a.id, status: a.status },
      to: { version_id: b.id, status: b.status },
      totals: diff.totals,
      results: diff.points.slice(0, q.limit),
      limit: q.limit,
      offset: q.offset,
      next_offset: hasMore ? q.offset + q.limit : null,
    } satisfies VersionDiff);
  });

  return router;
}

/** The mapping of a multipart preview: a JSON object in a form field, checked like the JSON body's. */
function mappingField(raw: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError(400, 'bad_request', 'invalid_parameters', [
      {
        field: 'mapping',
        message_en: 'Must be a JSON object of our field -> the file’s column.',
        message_fr: 'Doit être un objet JSON : notre champ -> la colonne du fichier.',
      },
    ]);
  }
  return parseBody(z.object({ mapping: columnMapping }), { body: { mapping: parsed } } as Request).mapping;
}

/**
 * Whether the request carries a live key of the feed's own jurisdiction: the
 * rule that hides versions not published from everyone else (as GET of one
 * version does). A key presented but not valid is a 401, not a quiet 404.
 */
async function ownsFeed(db: Database, req: Request, feed: FeedRow): Promise<boolean> {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
  if (!presented) return false;
  const identity = await verifyApiKey(db, presented);
  if (!identity) throw new AppError(401, 'unauthorized', 'api_key_invalid');
  return identity.jurisdictionId === feed.jurisdiction_id;
}
