import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { requestLang } from '../http/lang.js';
import { formatParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { sendPage } from '../http/send-list.js';
import {
  LAYER_IDS,
  LAYERS,
  layerById,
  layerFilterQuery,
  layerFilterShape,
  layerQueryString,
  type LayerDefinition,
  type LayerFilters,
} from '../layers/catalog.js';
import { layerData, type LayerRow } from '../layers/layer-data.js';
import { sqlFile } from '../../db/sql-file.js';
import { UNIT_POLYGON_MIN_ZOOM } from '../tiles/tile-index.js';
import {
  layerFeaturesPage,
  layerList,
  type LayerFeaturesPage,
  type LayerList,
  type MapLayer,
} from '../../contract/layers.js';

export const MAX_FEATURES_LIMIT = 10_000;

export const layerParams = z.object({ id: z.enum(LAYER_IDS) });

export const layerFeaturesQuery = z.object({
  ...layerFilterShape,
  format: formatParam,
  lang: z.enum(['en', 'fr']).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_FEATURES_LIMIT).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  sort: z
    .string()
    .regex(/^[a-z_]{1,40}$/, 'a column name of the layer')
    .optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  // GeoJSON of a layer drawn on census units: their representative points, or their boundaries.
  geometry: z.enum(['point', 'shape']).default('point'),
});

export const layersOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/layers',
    response: layerList,
    tags: ['analysts'],
    query: layerFilterQuery,
    summary:
      'The analysts’ atlas: every map layer with its source, licence, legend, vector tiles and table, the tile and table URLs carrying the given filters',
  },
  {
    method: 'get',
    path: '/api/layers/{id}/features',
    response: layerFeaturesPage,
    tags: ['analysts'],
    params: layerParams,
    query: layerFeaturesQuery,
    summary:
      'The table alternative of a layer under the filters: its rows, paged and sorted (unknown values last), as JSON, CSV or GeoJSON (points, or the units’ boundaries with geometry=shape)',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
];

/** Compares two cell values: numbers as numbers, text in the language's order, unknown values last whatever the order. */
function compareCells(a: unknown, b: unknown, order: 'asc' | 'desc', collator: Intl.Collator): number {
  const missingA = a === null || a === undefined;
  const missingB = b === null || b === undefined;
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
  return order === 'asc' ? c : -c;
}

/** What a client needs to draw and describe one layer under the given filters. */
export function describeLayer(layer: LayerDefinition, f: LayerFilters): MapLayer {
  const { filters, ...rest } = layer;
  const qs = layerQueryString(layer, f);
  return {
    ...rest,
    tiles: `/tiles/${layer.id}/{z}/{x}/{y}.mvt${qs}`,
    source_layer: layer.id,
    table: `/api/layers/${layer.id}/features${qs}`,
    // Choropleths are drawn on the units' polygons from this zoom and on their points below it.
    shapes_from_zoom: layer.kind === 'choropleth' ? UNIT_POLYGON_MIN_ZOOM : null,
    /** The query parameters that change what this layer shows. */
    follows: filters,
  };
}

/** The atlas of layers and, per layer, its table alternative. */
export function layersRouter(db: Database): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const f = parseQuery(layerFilterQuery, req);
    res
      .set('Cache-Control', 'public, max-age=300')
      .json({ layers: LAYERS.map((l) => describeLayer(l, f)) } satisfies LayerList);
  });

  router.get('/:id/features', async (req, res) => {
    const { id } = parseQuery(layerParams, { query: req.params } as unknown as Request);
    const q = parseQuery(layerFeaturesQuery, req);
    const layer = layerById(id)!;
    const lang = requestLang(req);
    const { format, limit, offset, sort, order, geometry, ...filters } = q;
    const d = await layerData(db, id, filters, lang);
    if (sort !== undefined && !d.columns.includes(sort)) {
      const cols = d.columns.join(', ');
      throw new AppError(400, 'bad_request', 'invalid_parameters', [
        {
          field: 'sort',
          message_en: `Must be a column of this layer: ${cols}.`,
          message_fr: `Doit être une colonne de cette couche : ${cols}.`,
        },
      ]);
    }
    let rows: LayerRow[] = d.rows;
    if (sort !== undefined) {
      const collator = new Intl.Collator(lang === 'fr' ? 'fr-CA' : 'en-CA', { numeric: true });
      rows = [...rows].sort((a, b) => compareCells(a[sort], b[sort], order, collator) || a.id.localeCompare(b.id));
    }
    const page = rows
      .slice(offset, offset + limit)
      .map((r) => Object.fromEntries(d.columns.map((c) => [c, r[c] ?? null])));
    const extra = {
      layer: id,
      title: lang === 'fr' ? layer.title_fr : layer.title_en,
      property: layer.property,
      total: rows.length,
      limit,
      offset,
      sort: sort ?? null,
      order,
      columns: d.columns,
      summary: d.summary,
    } satisfies Omit<LayerFeaturesPage, 'results'>;
    if (format === 'geojson' && geometry === 'shape' && d.geometry === 'units') {
      const shapes = await db.query<{ id: string; geometry: string }>(sqlFile('layers_unit_shapes'), [
        page.map((r) => r['id']),
      ]);
      const byUnit = new Map(shapes.rows.map((x) => [x.id, JSON.parse(x.geometry) as unknown]));
      res
        .set('Cache-Control', 'public, max-age=60')
        .type('application/geo+json')
        .send(
          JSON.stringify({
            type: 'FeatureCollection',
            ...extra,
            features: page.map(({ lon: _lon, lat: _lat, ...properties }) => ({
              type: 'Feature',
              id: properties['id'],
              geometry: byUnit.get(String(properties['id'])) ?? null,
              properties,
            })),
          }),
        );
      return;
    }
    sendPage(res, format, { ...extra, results: page } satisfies LayerFeaturesPage, {
      schema: layerFeaturesPage,
      filename: `${id}${layerQueryString(layer, filters) ? '-filtered' : ''}`,
    });
  });
  return router;
}
