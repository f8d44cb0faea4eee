import { Router, type Response } from 'express';
import { lockFeed } from '../../data-loaders/lib/lock-feed.js';
import { z } from 'zod';
import { importFeedFileOffThread, type OffThreadLimits } from '../../data-loaders/lib/import-off-thread.js';
import { publishedVersion, publishVersion, rollbackFeed } from '../../data-loaders/lib/publish-feed.js';
import { verifyApiKey } from '../auth/api-keys.js';
import { apiKeyOf, assertOwnJurisdiction, requireApiKey } from '../auth/require-api-key.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { requestLang, type Lang } from '../http/lang.js';
import { langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseBody, parseParams, parseQuery } from '../http/parse-query.js';
import { receiveFeedFile } from '../http/receive-feed-file.js';
import { sendPage } from '../http/send-list.js';
import { feedVersions, type FeedVersionRow } from '../queries/feed-versions.js';
import { feedIdNamespace } from '../queries/feed-id-namespace.js';
import { insertFeed } from '../queries/insert-feed.js';
import { jurisdictionById } from '../queries/jurisdiction-by-id.js';
import { feedSpecOf, listFeeds, type FeedRow } from '../queries/list-feeds.js';
import {
  feed,
  feedList,
  feedVersion,
  feedVersionList,
  publishResult,
  rollbackResult,
  uploadResult,
  type Feed,
  type FeedList,
  type FeedVersion,
  type FeedVersionList,
  type PublishResult,
  type RollbackResult,
  type UploadResult,
} from '../../contract/feeds.js';

/** Large enough for a national file of 100,000 points as CSV; the loaders stream it. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const feedId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and hyphens, 2 to 63 characters');
const jurisdictionId = z.string().regex(/^ca(-[a-z0-9]+)*$/, 'a jurisdiction id such as ca, ca-nb or ca-on-toronto');
const uploadFormat = z.enum(['csv', 'geojson', 'hsds']);

export const feedParams = z.object({ id: feedId });
export const versionParams = z.object({ id: feedId, version_id: z.coerce.number().int().positive() });

const jsonOrCsv = z.enum(['json', 'csv']).default('json');
export const listFeedsQuery = z.object({ jurisdiction: jurisdictionId.optional(), format: jsonOrCsv, lang: langParam });
export const versionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  format: jsonOrCsv,
  lang: langParam,
});
export const uploadQuery = z.object({
  format: uploadFormat.optional(),
  /** Stage and publish in one step (the contract's default is to stage only). */
  publish: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  lang: langParam,
});

export const createFeedBody = z
  .object({
    /** Default: the jurisdiction the API key acts for (the only one it may create feeds for). */
    jurisdiction_id: jurisdictionId.optional(),
    /** Default: the jurisdiction id and the name, e.g. ca-nb-service-new-brunswick-centres. */
    id: feedId.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    name_en: z.string().trim().min(1).max(200).optional(),
    name_fr: z.string().trim().min(1).max(200).optional(),
    format: uploadFormat.default('csv'),
    source_url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    licence: z.string().trim().max(300).optional(),
    attribution_en: z.string().trim().max(500).optional(),
    attribution_fr: z.string().trim().max(500).optional(),
    /** Our field -> the file's column, when the header names are not recognised. */
    mapping: z
      .record(z.string().regex(/^[a-z_]{1,40}$/), z.string().max(200))
      .refine((m) => Object.keys(m).length <= 100, 'at most 100 entries')
      .optional(),
  })
  .refine((b) => b.name_en ?? b.name, { path: ['name_en'], message: 'name or name_en is required' });

export const sourceUrlBody = z.object({
  source_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

export const feedsOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/feeds',
    response: feedList,
    tags: ['jurisdictions'],
    query: listFeedsQuery,
    summary: 'Feeds with their published version and counts',
    produces: ['application/json', 'text/csv'],
  },
  {
    method: 'get',
    path: '/api/feeds/{id}',
    response: feed,
    tags: ['jurisdictions'],
    params: feedParams,
    errors: [404],
    summary: 'One feed with its published version and counts',
  },
  {
    method: 'post',
    path: '/api/feeds',
    response: feed,
    tags: ['jurisdictions'],
    body: createFeedBody,
    auth: true,
    errors: [404, 409],
    summary: 'Registers a feed of the key’s own jurisdiction (jurisdiction_id defaults to the key’s)',
  },
  {
    method: 'post',
    path: '/api/feeds/{id}/versions',
    response: uploadResult,
    tags: ['jurisdictions'],
    params: feedParams,
    query: uploadQuery,
    body: sourceUrlBody,
    auth: true,
    upload: { field: 'file', fields: z.object({ format: uploadFormat.optional() }) },
    errors: [404, 413, 415, 502],
    summary:
      'Uploads a file (multipart field "file", at most 25 MiB) or fetches {source_url}; answers the staged version and its validation report',
  },
  {
    method: 'get',
    path: '/api/feeds/{id}/versions',
    response: feedVersionList,
    tags: ['jurisdictions'],
    params: feedParams,
    query: versionsQuery,
    summary: 'The feed’s versions, newest first',
    produces: ['application/json', 'text/csv'],
  },
  {
    method: 'get',
    path: '/api/feeds/{id}/versions/{version_id}',
    response: feedVersion,
    tags: ['jurisdictions'],
    params: versionParams,
    authOptional: true,
    errors: [401, 404],
    errorText: {
      401: 'An API key was presented and is not valid',
      404: 'No such version, or a version never published (staged, failed) asked for without a key of the feed’s jurisdiction',
    },
    summary:
      'One version with its full validation report; a version never published is shown only to a key of the feed’s jurisdiction',
  },
  {
    method: 'post',
    path: '/api/feeds/{id}/versions/{version_id}/publish',
    response: publishResult,
    tags: ['jurisdictions'],
    params: versionParams,
    auth: true,
    errors: [404, 409],
    summary: 'Makes this version the one published version of the feed, atomically',
  },
  {
    method: 'post',
    path: '/api/feeds/{id}/rollback',
    response: rollbackResult,
    tags: ['jurisdictions'],
    params: feedParams,
    auth: true,
    errors: [404, 409],
    summary: 'Republishes the version published before the current one',
  },
];

function iso(d: Date | string): string;
function iso(d: Date | string | null): string | null;
function iso(d: Date | string | null): string | null {
  return d instanceof Date ? d.toISOString() : d;
}

function feedOut(f: FeedRow, lang: Lang): Feed {
  return {
    id: f.id,
    name: lang === 'fr' ? f.name_fr : f.name_en,
    name_en: f.name_en,
    name_fr: f.name_fr,
    jurisdiction_id: f.jurisdiction_id,
    jurisdiction_name: lang === 'fr' ? f.jurisdiction_name_fr : f.jurisdiction_name_en,
    level: f.level,
    format: f.format,
    source_url: f.source_url,
    licence: f.licence,
    attribution: lang === 'fr' ? f.attribution_fr : f.attribution_en,
    mapping: f.mapping,
    is_synthetic: f.is_synthetic,
    created_at: iso(f.created_at),
    published_version:
      f.published_version_id === null
        ? null
        : {
            id: f.published_version_id,
            published_at: iso(f.published_at),
            // The version's counts are NOT NULL; only the join to a missing version makes them null.
            counts: {
              rows: f.rows_read ?? 0,
              accepted: f.rows_accepted ?? 0,
              rejected: f.rows_rejected ?? 0,
              geocoded: f.rows_geocoded ?? 0,
              warnings: f.rows_warned ?? 0,
            },
            points: f.published_points,
            located_points: f.located_points,
          },
    latest_version:
      f.latest_version_id === null || f.latest_status === null
        ? null
        : { id: f.latest_version_id, status: f.latest_status, created_at: iso(f.latest_created_at) },
    versions: f.versions,
  };
}

function versionOut(v: FeedVersionRow): FeedVersion {
  return {
    id: v.id,
    version_id: v.id,
    feed_id: v.feed_id,
    status: v.status,
    source_name: v.source_name,
    checksum: v.checksum,
    counts: {
      rows: v.rows_read,
      accepted: v.rows_accepted,
      rejected: v.rows_rejected,
      geocoded: v.rows_geocoded,
      warnings: v.rows_warned,
    },
    created_at: iso(v.created_at),
    published_at: iso(v.published_at),
    ...(v.report ? { report: v.report } : {}),
  };
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

async function feedOrNotFound(db: Database, id: string): Promise<FeedRow> {
  const feed = (await listFeeds(db, { feedId: id }))[0];
  if (!feed) throw new AppError(404, 'not_found', 'feed_not_found');
  return feed;
}

function noStore(res: Response): Response {
  return res.set('Cache-Control', 'no-store');
}

export interface FeedsRouterOptions {
  maxUploadBytes?: number;
  /** Lets tests fetch source_url from a local server; never set in production. */
  allowPrivateSourceUrls?: boolean;
  /** Time and memory limits of an import's worker thread (defaults: 10 minutes, 512 MiB). */
  importLimits?: OffThreadLimits;
}

/**
 * Jurisdictions' feeds: anyone reads them (open data); writes need an API key
 * of the feed's own jurisdiction. The jurisdiction is always taken from the
 * stored feed (or, on creation, checked against the key), never trusted from
 * the request body.
 */
export function feedsRouter(db: Database, options: FeedsRouterOptions = {}): Router {
  const router = Router();
  const auth = requireApiKey(db);
  const maxUploadBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;

  router.get('/', async (req, res) => {
    const q = parseQuery(listFeedsQuery, req);
    const lang = requestLang(req);
    const feeds = (await listFeeds(db, { jurisdictionId: q.jurisdiction ?? null })).map((f) => feedOut(f, lang));
    // A steward who just published must see it at once: revalidate every time (the ETag keeps it cheap).
    sendPage(res, q.format, { results: feeds } satisfies FeedList, {
      filename: 'feeds',
      cacheControl: 'no-cache',
      schema: feedList,
    });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseParams(feedParams, req);
    res.set('Cache-Control', 'no-cache').json(feedOut(await feedOrNotFound(db, id), requestLang(req)));
  });

  router.post('/', auth, async (req, res) => {
    const body = parseBody(createFeedBody, req);
    // The key proves the jurisdiction; a body that names another one is refused.
    const jurisdictionIdOfFeed = body.jurisdiction_id ?? apiKeyOf(res).jurisdictionId;
    assertOwnJurisdiction(res, jurisdictionIdOfFeed);
    const jurisdiction = await jurisdictionById(db, jurisdictionIdOfFeed);
    if (!jurisdiction) throw new AppError(404, 'not_found', 'jurisdiction_not_found');
    const nameEn = body.name_en ?? body.name ?? '';
    const id = body.id ?? `${jurisdictionIdOfFeed}-${slug(nameEn)}`.slice(0, 63).replace(/-+$/, '');
    // Feed ids made here are namespaced by their jurisdiction, so no key can take another
    // government's id (or a catalog source's, which has no jurisdiction prefix).
    if ((await feedIdNamespace(db, id)) !== jurisdictionIdOfFeed) {
      throw new AppError(400, 'bad_request', 'invalid_parameters', [
        {
          field: 'id',
          message_en: `A feed id must start with ${jurisdictionIdOfFeed}- and must not name another jurisdiction (for example ${jurisdictionIdOfFeed}-service-centres).`,
          message_fr: `Un identifiant de flux doit commencer par ${jurisdictionIdOfFeed}- et ne pas nommer une autre administration (par exemple ${jurisdictionIdOfFeed}-service-centres).`,
        },
      ]);
    }
    const created = await insertFeed(db, {
      id,
      jurisdiction_id: jurisdictionIdOfFeed,
      name_en: nameEn,
      name_fr: body.name_fr ?? body.name ?? nameEn,
      format: body.format,
      source_url: body.source_url ?? null,
      licence: body.licence ?? null,
      attribution_en: body.attribution_en ?? null,
      attribution_fr: body.attribution_fr ?? null,
      mapping: body.mapping ?? {},
    });
    if (!created)
      throw new AppError(409, 'conflict', 'feed_exists', [
        { field: 'id', message_en: `The id ${id} is taken.`, message_fr: `L’identifiant ${id} est déjà pris.` },
      ]);
    noStore(res)
      .status(201)
      .location(`/api/feeds/${id}`)
      .json(feedOut(await feedOrNotFound(db, id), requestLang(req)));
  });

  router.post('/:id/versions', auth, async (req, res) => {
    const { id } = parseParams(feedParams, req);
    const q = parseQuery(uploadQuery, req);
    const feed = await feedOrNotFound(db, id);
    assertOwnJurisdiction(res, feed.jurisdiction_id);

    const { received } = await receiveFeedFile(req, {
      maxBytes: maxUploadBytes,
      allowPrivate: options.allowPrivateSourceUrls === true,
      storedUrl: feed.source_url,
      body: sourceUrlBody,
    });

    try {
      const format = uploadFormat.optional().safeParse(q.format ?? received.fields['format']);
      if (!format.success)
        throw new AppError(400, 'bad_request', 'invalid_parameters', [
          {
            field: 'format',
            message_en: 'Must be one of: csv, geojson, hsds.',
            message_fr: 'Doit être l’une des valeurs suivantes : csv, geojson, hsds.',
          },
        ]);
      const jurisdiction = await jurisdictionById(db, feed.jurisdiction_id);
      // Off the request thread: no file, however crafted, delays a citizen's answer.
      const result = await importFeedFileOffThread(
        db,
        feedSpecOf(feed),
        received.file,
        {
          ...(format.data ? { format: format.data } : {}),
          mapping: feed.mapping,
          originalName: received.originalName,
          publish: q.publish,
          defaultProvince: jurisdiction?.province ?? null,
        },
        options.importLimits,
      );
      const report = result.report.toJSON();
      const status = result.status === 'staged' || result.status === 'published' ? 201 : 200;
      if (result.versionId !== null) res.location(`/api/feeds/${id}/versions/${result.versionId}`);
      noStore(res)
        .status(status)
        .json({
          version_id: result.versionId,
          status: result.status,
          counts: report.counts,
          issues: report.issues,
          issues_total: report.issues_total,
          issues_not_shown: report.issues_not_shown,
          issues_by_code: report.issues_by_code,
          located_by: report.located_by,
        } satisfies UploadResult);
    } finally {
      await received.cleanup();
    }
  });

  router.get('/:id/versions', async (req, res) => {
    const { id } = parseParams(feedParams, req);
    const q = parseQuery(versionsQuery, req);
    await feedOrNotFound(db, id);
    const versions = (await feedVersions(db, id, { limit: q.limit, offset: q.offset })).map(versionOut);
    sendPage(
      res,
      q.format,
      { feed_id: id, limit: q.limit, offset: q.offset, results: versions } satisfies FeedVersionList,
      {
        filename: `${id}-versions`,
        cacheControl: 'no-cache',
        schema: feedVersionList,
      },
    );
  });

  router.get('/:id/versions/:version_id', async (req, res) => {
    const { id, version_id } = parseParams(versionParams, req);
    const version = (await feedVersions(db, id, { limit: 1, offset: 0, versionId: version_id }))[0];
    if (!version) throw new AppError(404, 'not_found', 'version_not_found');
    res.vary('Authorization');
    if (version.published_at === null) {
      // Staged and failed uploads (their rows, their findings) are the owning jurisdiction's
      // until published; to anyone else they do not exist.
      const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
      const identity = presented ? await verifyApiKey(db, presented) : null;
      if (presented && !identity) throw new AppError(401, 'unauthorized', 'api_key_invalid');
      const feed = await feedOrNotFound(db, id);
      if (identity?.jurisdictionId !== feed.jurisdiction_id) throw new AppError(404, 'not_found', 'version_not_found');
      noStore(res).set('Cache-Control', 'private, no-store').json(versionOut(version));
      return;
    }
    res.set('Cache-Control', 'no-cache').json(versionOut(version));
  });

  router.post('/:id/versions/:version_id/publish', auth, async (req, res) => {
    const { id, version_id } = parseParams(versionParams, req);
    const feed = await feedOrNotFound(db, id);
    assertOwnJurisdiction(res, feed.jurisdiction_id);
    const previous = await db.transaction(async (tx) => {
      await lockFeed(tx, id);
      const version = (await feedVersions(tx, id, { limit: 1, offset: 0, versionId: version_id }))[0];
      if (!version) throw new AppError(404, 'not_found', 'version_not_found');
      if (version.status === 'failed') throw new AppError(409, 'conflict', 'version_not_publishable');
      const currentId = (await publishedVersion(tx, id))?.id ?? null;
      if (currentId !== version_id) await publishVersion(tx, id, version_id);
      return currentId;
    });
    noStore(res).json({
      feed_id: id,
      version_id,
      status: 'published',
      previous_version_id: previous === version_id ? null : previous,
    } satisfies PublishResult);
  });

  router.post('/:id/rollback', auth, async (req, res) => {
    const { id } = parseParams(feedParams, req);
    const feed = await feedOrNotFound(db, id);
    assertOwnJurisdiction(res, feed.jurisdiction_id);
    const r = await rollbackFeed(db, id);
    if (!r) throw new AppError(409, 'conflict', 'nothing_to_roll_back');
    noStore(res).json({
      feed_id: id,
      version_id: r.published,
      status: 'published',
      rolled_back_version_id: r.rolledBack,
    } satisfies RollbackResult);
  });

  return router;
}
