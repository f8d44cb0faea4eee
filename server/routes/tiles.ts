import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { requestLang } from '../http/lang.js';
import { layerById, layerFilterShape, layerQueryString } from '../layers/catalog.js';
import { renderTile } from '../tiles/render-tile.js';
import { TILE_LAYERS } from '../tiles/tile-index.js';

export const MAX_TILE_ZOOM = 20;

export const tileParams = z
  .object({
    layer: z.enum(TILE_LAYERS),
    z: z.coerce.number().int().min(0).max(MAX_TILE_ZOOM),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
  })
  .superRefine((t, ctx) => {
    const n = 2 ** t.z;
    const outside = { en: `Must be less than 2^z (${n}).`, fr: `Doit être inférieur à 2^z (${n}).` };
    if (t.x >= n) ctx.addIssue({ code: 'custom', path: ['x'], message: outside.en, params: outside });
    if (t.y >= n) ctx.addIssue({ code: 'custom', path: ['y'], message: outside.en, params: outside });
  });

export const tileQuery = z.object({
  engine: z.enum(['node', 'postgis']).default('node'),
  // The atlas layers follow the analysis filters (GET /api/layers gives each layer's tile URL with them).
  ...layerFilterShape,
  lang: z.enum(['en', 'fr']).optional(),
});

export const tilesOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/tiles/{layer}/{z}/{x}/{y}.mvt',
    tags: ['maps'],
    params: tileParams,
    query: tileQuery,
    summary:
      'Mapbox Vector Tile of service points (clustered below zoom 12), population units (points below zoom 5, polygons above), ' +
      'or an atlas layer of GET /api/layers under the analysis filters (its MVT layer is named after it)',
    produces: ['application/vnd.mapbox-vector-tile'],
  },
];

/** Vector tiles, cut in Node from an in-memory index in both storage modes (or by ST_AsMVT on request in server mode). */
export function tilesRouter(db: Database): Router {
  const router = Router();
  router.get('/:layer/:z/:x/:file', async (req, res) => {
    const file = /^(\d+)\.mvt$/.exec(String(req.params['file']));
    // The path parameters go through the same zod parsing as a query, so a bad z/x/y is a 400 naming it.
    const path = { query: { ...req.params, y: file ? file[1] : 'not-a-tile' } } as unknown as Request;
    const params = parseQuery(tileParams, path);
    const q = parseQuery(tileQuery, req);
    const atlas = layerById(params.layer);
    if (q.engine === 'postgis' && (db.kind !== 'postgis' || atlas)) {
      const why = atlas
        ? {
            en: 'Atlas layers are cut in Node only: leave engine out.',
            fr: 'Les couches de l’atlas ne sont découpées que par Node : omettez engine.',
          }
        : {
            en: 'ST_AsMVT is only available in server mode (PostGIS).',
            fr: 'ST_AsMVT n’est offert qu’en mode serveur (PostGIS).',
          };
      throw new AppError(400, 'bad_request', 'invalid_parameters', [
        { field: 'engine', message_en: why.en, message_fr: why.fr },
      ]);
    }
    const { engine, lang: _lang, ...filters } = q;
    const lang = requestLang(req);
    const tile = await renderTile(db, params.layer, params.z, params.x, params.y, engine, { ...filters, lang }, lang);
    // The filters the layer follows are part of what the tile shows.
    const variant = atlas
      ? layerQueryString(atlas, { ...filters, lang }) +
        (atlas.id === 'colocation' || atlas.id === 'suggested_sites' ? `&${lang}` : '')
      : '';
    res.set('Cache-Control', 'public, max-age=300');
    if (atlas) res.vary('Accept-Language');
    res.set(
      'ETag',
      `"${tile.engine}-${tile.stamp}-${params.layer}-${params.z}-${params.x}-${params.y}${variant ? `-${Buffer.from(variant).toString('base64url')}` : ''}"`,
    );
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res
      .type('application/vnd.mapbox-vector-tile')
      .send(Buffer.from(tile.data.buffer, tile.data.byteOffset, tile.data.byteLength));
  });
  return router;
}
