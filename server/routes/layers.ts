import { Router } from 'express';
import type { Database } from '../db/database.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { LAYERS, layerFilterQuery, layerQueryString, type LayerDefinition, type LayerFilters } from '../layers/catalog.js';

export const layersOpenApi: OpenApiRoute[] = [
  {
    method: 'get', path: '/api/layers', tags: ['analysts'], query: layerFilterQuery,
    summary: 'The analysts’ atlas: every map layer with its source, licence, legend, vector tiles and table, the tile and table URLs carrying the given filters',
  },
];

/** What a client needs to draw and describe one layer under the given filters. */
export function describeLayer(layer: LayerDefinition, f: LayerFilters) {
  const { filters: _filters, ...rest } = layer;
  const qs = layerQueryString(layer, f);
  return {
    ...rest,
    tiles: `/tiles/${layer.id}/{z}/{x}/{y}.mvt${qs}`,
    source_layer: layer.id,
    table: `/api/layers/${layer.id}/features${qs}`,
  };
}

/** The atlas of layers and, per layer, its table alternative. */
export function layersRouter(_db: Database): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const f = parseQuery(layerFilterQuery, req);
    res.set('Cache-Control', 'public, max-age=300').json({ layers: LAYERS.map((l) => describeLayer(l, f)) });
  });
  return router;
}
