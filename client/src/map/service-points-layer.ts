import i18next from 'i18next';
import type { MapLayer } from '../api/types.js';
import type { Lang } from '../i18n/index.js';
import { LEVEL_COLOURS, LEVELS } from './levels.js';

/** The colour of a group of points drawn as one (zoomed out); the same as the finder's clusters. */
export const CLUSTER_COLOUR = '#3d4852';

/**
 * The published service points as a layer of the atlas, described like the
 * server's layers so the same legend, toggle and table code serve it. Its
 * table is the OGC API - Features collection (paged, GeoJSON).
 */
export function servicePointsLayer(lang: Lang): MapLayer {
  const en = i18next.getFixedT('en');
  const fr = i18next.getFixedT('fr');
  // The contract names a source and its licence in one language; this layer's are the page's.
  const own = i18next.getFixedT(lang);
  return {
    id: 'service_points',
    title_en: en('atlas.sp_title'),
    title_fr: fr('atlas.sp_title'),
    description_en: en('atlas.sp_description'),
    description_fr: fr('atlas.sp_description'),
    kind: 'points',
    source: {
      name: own('atlas.sp_source'),
      licence: own('atlas.sp_licence'),
      attribution_en: en('atlas.sp_attribution'),
      attribution_fr: fr('atlas.sp_attribution'),
    },
    legend: [
      ...LEVELS.map((l) => ({
        label_en: en(`level.${l}`),
        label_fr: fr(`level.${l}`),
        color: LEVEL_COLOURS[l],
        value: l,
      })),
      { label_en: en('atlas.sp_cluster'), label_fr: fr('atlas.sp_cluster'), color: CLUSTER_COLOUR },
    ],
    tiles: '/tiles/service_points/{z}/{x}/{y}.mvt',
    source_layer: 'service_points',
    property: 'level',
    table: '/ogc/collections/service_points/items',
    symbol: 'square',
  };
}

/** Whether a layer's table can be sorted and exported as CSV (the OGC collection pages only, in GeoJSON). */
export function isOgcTable(layer: MapLayer): boolean {
  return layer.table.startsWith('/ogc/');
}
