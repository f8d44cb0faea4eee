import { z } from 'zod';

/** One class of a layer's legend: a range (min inclusive, max exclusive) or one value of the layer's property. */
export const legendClass = z.strictObject({
  /** The value of the layer's `property` on the features of this class. */
  value: z.string(),
  label_en: z.string(),
  label_fr: z.string(),
  color: z.string(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type LegendClass = z.infer<typeof legendClass>;

/** A map layer of the analysts' atlas: the client styles it from its legend alone. */
export const mapLayer = z.strictObject({
  id: z.string(),
  title_en: z.string(),
  title_fr: z.string(),
  description_en: z.string(),
  description_fr: z.string(),
  kind: z.enum(['choropleth', 'points']),
  source: z.strictObject({
    name: z.string(),
    licence: z.string(),
    attribution_en: z.string(),
    attribution_fr: z.string(),
  }),
  legend: z.array(legendClass),
  /** The feature property the legend classes. */
  property: z.string(),
  /** A tile URL template, `/tiles/<layer>/{z}/{x}/{y}.mvt`, with the layer's filters as its query. */
  tiles: z.string(),
  source_layer: z.string(),
  /** The layer's rows as a table, `/api/layers/<id>/features`, with the same filters. */
  table: z.string(),
  /** Choropleths are drawn on the units' polygons from this zoom and on their points below it; null for points. */
  shapes_from_zoom: z.number().nullable(),
  /** The query parameters that change what this layer shows. */
  follows: z.array(z.string()),
});
export type MapLayer = z.infer<typeof mapLayer>;

/** GET /api/layers. */
export const layerList = z.strictObject({ layers: z.array(mapLayer) });
export type LayerList = z.infer<typeof layerList>;

/** GET /api/layers/{id}/features (JSON): one page of a layer's table, its columns in order. */
export const layerFeaturesPage = z.strictObject({
  layer: z.string(),
  title: z.string(),
  property: z.string(),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  sort: z.string().nullable(),
  order: z.enum(['asc', 'desc']),
  /** The keys of every row, in the order a table shows them. */
  columns: z.array(z.string()),
  /** The layer's own figures under the filters (counts, data status); each layer has its own. */
  summary: z.record(z.string(), z.unknown()),
  results: z.array(z.record(z.string(), z.unknown())),
});
export type LayerFeaturesPage = z.infer<typeof layerFeaturesPage>;
