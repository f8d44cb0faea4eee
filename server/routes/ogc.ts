import { ogcItemsPage, type OgcItemsPage } from '../../contract/ogc.js';
import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { requestLang } from '../http/lang.js';
import { langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { OGC_COLLECTIONS, ogcExtents, ogcItems, type OgcCollectionId } from '../queries/ogc/ogc-items.js';

/** The most items one page returns; a larger `limit` is served as this (OGC API - Features /rec/core/fc-limit-response-1). */
export const OGC_MAX_PAGE = 1000;
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GEOJSON = 'application/geo+json';

function bboxIssue(ctx: z.core.$RefinementCtx<string>, en: string, fr: string): void {
  ctx.addIssue({ code: 'custom', message: en, params: { en, fr } });
}

/**
 * `bbox=minLon,minLat,maxLon,maxLat` (CRS84). No area cap here: paging
 * (limit <= OGC_MAX_PAGE) bounds each response, and GIS clients ask for the
 * whole extent first.
 */
const ogcBbox = z.string().transform((text, ctx): [number, number, number, number] => {
  const n = text.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v))) {
    bboxIssue(
      ctx,
      'Must be four numbers: minLon,minLat,maxLon,maxLat.',
      'Doit compter quatre nombres : minLon,minLat,maxLon,maxLat.',
    );
    return z.NEVER;
  }
  const [a, b, c, d] = n as [number, number, number, number];
  if (a < -180 || c > 180 || b < -90 || d > 90 || a > c || b > d) {
    bboxIssue(
      ctx,
      'Must be within -180..180, -90..90 with min <= max.',
      'Doit être dans -180..180, -90..90 avec min <= max.',
    );
    return z.NEVER;
  }
  return [a, b, c, d];
});

export const ogcCollectionParams = z.object({ collectionId: z.enum(OGC_COLLECTIONS) });
export const ogcFeatureParams = z.object({
  collectionId: z.enum(OGC_COLLECTIONS),
  featureId: z.string().min(1).max(200),
});
export const ogcItemsQuery = z.object({
  bbox: ogcBbox.optional(),
  limit: z.coerce.number().int().min(1).max(10000).default(10),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  f: z.enum(['json', 'geojson']).optional(),
  lang: langParam,
});
export const ogcQuery = z.object({ f: z.enum(['json']).optional(), lang: langParam });

export const ogcOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/ogc',
    tags: ['standards'],
    query: ogcQuery,
    summary: 'OGC API - Features landing page',
    produces: ['application/json'],
  },
  {
    method: 'get',
    path: '/ogc/conformance',
    tags: ['standards'],
    query: ogcQuery,
    summary: 'OGC API - Features conformance classes',
    produces: ['application/json'],
  },
  {
    method: 'get',
    path: '/ogc/collections',
    tags: ['standards'],
    query: ogcQuery,
    summary: 'The feature collections: service_points, population_units',
    produces: ['application/json'],
  },
  {
    method: 'get',
    path: '/ogc/collections/{collectionId}',
    tags: ['standards'],
    params: ogcCollectionParams,
    query: ogcQuery,
    summary: 'One feature collection',
    produces: ['application/json'],
  },
  {
    method: 'get',
    path: '/ogc/collections/{collectionId}/items',
    response: ogcItemsPage,
    tags: ['standards'],
    params: ogcCollectionParams,
    query: ogcItemsQuery,
    summary: 'Features of a collection as GeoJSON, with bbox, limit and offset paging (next/prev links)',
    produces: [GEOJSON],
  },
  {
    method: 'get',
    path: '/ogc/collections/{collectionId}/items/{featureId}',
    tags: ['standards'],
    params: ogcFeatureParams,
    query: ogcQuery,
    summary: 'One feature as GeoJSON',
    produces: [GEOJSON],
  },
];

const TITLES: Record<OgcCollectionId, { en: string; fr: string; den: string; dfr: string }> = {
  service_points: {
    en: 'Service points',
    fr: 'Points de service',
    den: 'In-person service points of every order of government, from the published version of each feed.',
    dfr: 'Points de service en personne de tous les ordres de gouvernement, selon la version publiée de chaque flux.',
  },
  population_units: {
    en: 'Population units',
    fr: 'Unités de population',
    den: 'Census units with population, indicators and the straight-line distance to the nearest published service point.',
    dfr: 'Unités de recensement avec population, indicateurs et distance à vol d’oiseau du point de service publié le plus proche.',
  },
};

function base(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function pathParams<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  // An unknown collection is a missing resource (404), not a bad request.
  if (!(OGC_COLLECTIONS as readonly string[]).includes(String(req.params['collectionId']))) {
    throw new AppError(404, 'not_found', {
      en: 'No collection has this id.',
      fr: 'Aucune collection ne porte cet identifiant.',
    });
  }
  return parseQuery(schema, { query: req.params } as unknown as Request);
}

/**
 * Sends an OGC document. Its ETag leaves out `timeStamp` (when the response was made, as the
 * standard asks), so a client holding the same features gets a 304 instead of the whole page again.
 */
function sendJson(res: Response, body: unknown, type = 'application/json'): void {
  const { timeStamp: _made, ...content } = body as Record<string, unknown>;
  const etag = `"${createHash('sha1').update(JSON.stringify(content)).digest('base64url')}"`;
  res.set('Cache-Control', 'public, max-age=60').set('ETag', etag).type(type).send(JSON.stringify(body));
}

/** OGC API - Features Part 1 (core, GeoJSON, OpenAPI 3.0) over the published data. */
export function ogcRouter(db: Database): Router {
  const router = Router();

  const collection = (
    req: Request,
    id: OgcCollectionId,
    extent: [number, number, number, number] | null | undefined,
  ) => {
    const lang = requestLang(req);
    const t = TITLES[id];
    const self = `${base(req)}/ogc/collections/${id}`;
    return {
      id,
      title: lang === 'fr' ? t.fr : t.en,
      description: lang === 'fr' ? t.dfr : t.den,
      itemType: 'feature',
      crs: [CRS84],
      ...(extent ? { extent: { spatial: { bbox: [extent], crs: CRS84 } } } : {}),
      links: [
        { href: self, rel: 'self', type: 'application/json', title: t.en },
        { href: `${self}/items`, rel: 'items', type: GEOJSON, title: t.en },
      ],
    };
  };

  router.get('/', (req, res) => {
    const q = parseQuery(ogcQuery, req);
    const fr = (q.lang ?? requestLang(req)) === 'fr';
    const b = base(req);
    sendJson(res, {
      title: fr ? 'Points de service intergouvernementaux' : 'Intergovernmental service points',
      description: fr
        ? 'Points de service de tous les ordres de gouvernement au Canada et unités de population, selon OGC API - Features.'
        : 'Service points of every order of government in Canada, and population units, as OGC API - Features.',
      links: [
        { href: `${b}/ogc`, rel: 'self', type: 'application/json', title: 'This document' },
        {
          href: `${b}/api/openapi.json`,
          rel: 'service-desc',
          type: 'application/vnd.oai.openapi+json;version=3.0',
          title: 'OpenAPI',
        },
        { href: `${b}/ogc/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance' },
        { href: `${b}/ogc/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
      ],
    });
  });

  router.get('/conformance', (req, res) => {
    parseQuery(ogcQuery, req);
    sendJson(res, {
      conformsTo: [
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      ],
    });
  });

  router.get('/collections', async (req, res) => {
    parseQuery(ogcQuery, req);
    const extents = await ogcExtents(db);
    sendJson(res, {
      links: [{ href: `${base(req)}/ogc/collections`, rel: 'self', type: 'application/json', title: 'Collections' }],
      collections: OGC_COLLECTIONS.map((id) => collection(req, id, extents.get(id))),
    });
  });

  router.get('/collections/:collectionId', async (req, res) => {
    const p = pathParams(ogcCollectionParams, req);
    parseQuery(ogcQuery, req);
    const extents = await ogcExtents(db);
    sendJson(res, collection(req, p.collectionId, extents.get(p.collectionId)));
  });

  router.get('/collections/:collectionId/items', async (req, res) => {
    const p = pathParams(ogcCollectionParams, req);
    const q = parseQuery(ogcItemsQuery, req);
    const limit = Math.min(q.limit, OGC_MAX_PAGE);
    const page = await ogcItems(
      db,
      p.collectionId,
      { bbox: q.bbox ?? null, limit, offset: q.offset },
      requestLang(req),
    );
    const items = `${base(req)}/ogc/collections/${p.collectionId}/items`;
    const href = (offset: number) => {
      const u = new URLSearchParams();
      if (q.bbox) u.set('bbox', q.bbox.join(','));
      u.set('limit', String(limit));
      u.set('offset', String(offset));
      if (q.lang) u.set('lang', q.lang);
      return `${items}?${u.toString()}`;
    };
    const links = [
      { href: href(q.offset), rel: 'self', type: GEOJSON, title: 'This page' },
      {
        href: `${base(req)}/ogc/collections/${p.collectionId}`,
        rel: 'collection',
        type: 'application/json',
        title: 'The collection',
      },
    ];
    if (q.offset + page.features.length < page.numberMatched)
      links.push({ href: href(q.offset + limit), rel: 'next', type: GEOJSON, title: 'Next page' });
    if (q.offset > 0)
      links.push({ href: href(Math.max(0, q.offset - limit)), rel: 'prev', type: GEOJSON, title: 'Previous page' });
    sendJson(
      res,
      {
        type: 'FeatureCollection',
        features: page.features,
        numberMatched: page.numberMatched,
        numberReturned: page.features.length,
        timeStamp: new Date().toISOString(),
        links,
      } satisfies OgcItemsPage,
      GEOJSON,
    );
  });

  router.get('/collections/:collectionId/items/:featureId', async (req, res) => {
    const p = pathParams(ogcFeatureParams, req);
    parseQuery(ogcQuery, req);
    const page = await ogcItems(
      db,
      p.collectionId,
      { bbox: null, limit: 1, offset: 0, id: p.featureId },
      requestLang(req),
    );
    const feature = page.features[0];
    if (!feature) {
      throw new AppError(404, 'not_found', {
        en: 'No feature of this collection has this id.',
        fr: 'Aucun objet de cette collection ne porte cet identifiant.',
      });
    }
    const self = `${base(req)}/ogc/collections/${p.collectionId}/items/${encodeURIComponent(p.featureId)}`;
    sendJson(
      res,
      {
        ...feature,
        links: [
          { href: self, rel: 'self', type: GEOJSON, title: 'This feature' },
          {
            href: `${base(req)}/ogc/collections/${p.collectionId}`,
            rel: 'collection',
            type: 'application/json',
            title: 'The collection',
          },
        ],
      },
      GEOJSON,
    );
  });

  return router;
}
