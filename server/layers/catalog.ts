import { z } from 'zod';
import { langParam, LEVELS } from '../http/list-params.js';
import { analysisFilterShape } from '../queries/analysis/analysis-query.js';
import { CANDIDATE_KINDS } from '../queries/analysis/partnerships.js';

/**
 * The analysts' atlas: every map layer the analysis view can switch on, with
 * its source, licence, legend and where its tiles and its table are. A layer
 * is drawn from vector tiles (`/tiles/<id>/{z}/{x}/{y}.mvt`, MVT layer named
 * `<id>`); each feature carries `property`, whose value is the `value` of one
 * legend class, so a client colours it with one `match` expression.
 *
 * Palettes are colour-blind safe: viridis (CWB, remoteness), ColorBrewer
 * YlGnBu (density), ColorBrewer YlOrRd (distance), ColorBrewer Purples (gaps)
 * and Okabe-Ito (categories: community type, orders of government, pairs).
 * A missing value always has its own grey class.
 */

export const LAYER_IDS = [
  'cwb',
  'community_type',
  'population_density',
  'remoteness',
  'distance_to_service',
  'indigenous_communities',
  'gaps',
  'colocation',
  'single_order',
  'suggested_sites',
] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export const MAX_LAYER_COLOCATION_M = 5000;
export const MAX_LAYER_SUGGEST_K = 50;

/** The filters every layer route takes: the analysis filters plus the partnership controls. */
export const layerFilterShape = {
  threshold_km: analysisFilterShape.threshold_km,
  level: analysisFilterShape.level,
  jurisdiction: analysisFilterShape.jurisdiction,
  category: analysisFilterShape.category,
  language: analysisFilterShape.language,
  accessibility: analysisFilterShape.accessibility,
  province: analysisFilterShape.province,
  max_m: z.coerce.number().positive().max(MAX_LAYER_COLOCATION_M).default(500),
  k: z.coerce.number().int().min(1).max(MAX_LAYER_SUGGEST_K).default(5),
  candidates: z.enum(CANDIDATE_KINDS).default('places'),
};
export const layerFilterQuery = z.object({ ...layerFilterShape, lang: langParam });
export type LayerFilters = z.infer<typeof layerFilterQuery>;

/** Which filters change what a layer shows (the rest are left out of its tile URL, so tiles cache well). */
type FilterName =
  | 'threshold_km'
  | 'level'
  | 'jurisdiction'
  | 'category'
  | 'language'
  | 'accessibility'
  | 'province'
  | 'max_m'
  | 'k'
  | 'candidates';
const POINT_FILTERS: FilterName[] = ['level', 'jurisdiction', 'category', 'language', 'accessibility'];

export interface LegendClass {
  /** The value of the layer's `property` on the features of this class. */
  value: string;
  label_en: string;
  label_fr: string;
  color: string;
  /** The class's numeric range, lower bound included, upper bound excluded; absent for categories. */
  min?: number;
  max?: number;
}

export interface LayerSource {
  name: string;
  licence: string;
  attribution_en: string;
  attribution_fr: string;
}

export interface LayerDefinition {
  id: LayerId;
  title_en: string;
  title_fr: string;
  description_en: string;
  description_fr: string;
  kind: 'choropleth' | 'points';
  source: LayerSource;
  legend: LegendClass[];
  /** The feature property the legend classes. */
  property: string;
  filters: FilterName[];
}

const CWB_SOURCE: LayerSource = {
  name: 'Community Well-Being Index 2021 (Indigenous Services Canada); 2021 Census of Population (Statistics Canada)',
  licence: 'Open Government Licence – Canada',
  attribution_en:
    'Contains information licensed under the Open Government Licence – Canada (Indigenous Services Canada, Community Well-Being Index 2021).',
  attribution_fr:
    'Contient des renseignements visés par la Licence du gouvernement ouvert – Canada (Services aux Autochtones Canada, Indice de bien-être des collectivités 2021).',
};

const CENSUS_SOURCE: LayerSource = {
  name: '2021 Census of Population and boundary files (Statistics Canada)',
  licence: 'Statistics Canada Open Licence',
  attribution_en:
    'Source: Statistics Canada, 2021 Census of Population. Reproduced and distributed on an “as is” basis with the permission of Statistics Canada.',
  attribution_fr:
    'Source : Statistique Canada, Recensement de la population de 2021. Reproduit et diffusé « tel quel » avec la permission de Statistique Canada.',
};

const FEEDS_SOURCE: LayerSource = {
  name: 'Published service-point feeds of each order of government (see /api/feeds) and the 2021 census',
  licence: 'Each feed’s own licence (see /api/feeds); census: Statistics Canada Open Licence',
  attribution_en:
    'Service points: each publishing government (see the feeds list). Population: Statistics Canada, 2021 Census of Population.',
  attribution_fr:
    'Points de service : chaque gouvernement diffuseur (voir la liste des flux). Population : Statistique Canada, Recensement de la population de 2021.',
};

const NO_DATA_GREY = '#bdbdbd';

/** Viridis, 5 classes. */
const VIRIDIS5 = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
/** ColorBrewer YlGnBu, 5 classes. */
const YLGNBU5 = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];
/** ColorBrewer YlOrRd, 5 classes. */
const YLORRD5 = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
/** ColorBrewer Purples, 3 classes. */
const PURPLES3 = ['#cbc9e2', '#9e9ac8', '#6a51a3'];
/** Okabe-Ito. */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
};

/** Numeric classes [edges[i], edges[i+1]); the value is what the tiles and the table carry. */
export interface NumericClass {
  value: string;
  min?: number;
  max?: number;
}

export const CWB_CLASSES: NumericClass[] = [
  { value: 'lt50', max: 50 },
  { value: '50_60', min: 50, max: 60 },
  { value: '60_70', min: 60, max: 70 },
  { value: '70_80', min: 70, max: 80 },
  { value: 'ge80', min: 80 },
];
export const DENSITY_CLASSES: NumericClass[] = [
  { value: 'lt1', max: 1 },
  { value: '1_10', min: 1, max: 10 },
  { value: '10_100', min: 10, max: 100 },
  { value: '100_1000', min: 100, max: 1000 },
  { value: 'ge1000', min: 1000 },
];
/** Kilometres. */
export const DISTANCE_CLASSES: NumericClass[] = [
  { value: 'lt5', max: 5 },
  { value: '5_25', min: 5, max: 25 },
  { value: '25_50', min: 25, max: 50 },
  { value: '50_100', min: 50, max: 100 },
  { value: 'ge100', min: 100 },
];
/**
 * Index of remoteness classes: the five-class cut-offs Statistics Canada
 * proposed for its index (Subedi, Roshanafshar and Greenberg 2020). Our index
 * is computed on straight-line distances and normalised over the loaded units,
 * so the classes are indicative only (docs/coverage.md).
 */
export const REMOTENESS_CLASSES: NumericClass[] = [
  { value: 'easily_accessible', max: 0.15 },
  { value: 'accessible', min: 0.15, max: 0.2889 },
  { value: 'less_accessible', min: 0.2889, max: 0.3898 },
  { value: 'remote', min: 0.3898, max: 0.5532 },
  { value: 'very_remote', min: 0.5532 },
];

/** The class of `x`, or `missing` when x is null. */
export function classOf(classes: NumericClass[], x: number | null | undefined, missing: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return missing;
  for (const c of classes)
    if ((c.min === undefined || x >= c.min) && (c.max === undefined || x < c.max)) return c.value;
  return missing;
}

function range(
  c: NumericClass,
  unit: { en: string; fr: string },
  fmt: (n: number) => { en: string; fr: string } = (n) => ({ en: String(n), fr: String(n).replace('.', ',') }),
) {
  const lo = c.min === undefined ? null : fmt(c.min);
  const hi = c.max === undefined ? null : fmt(c.max);
  if (lo === null && hi) return { en: `under ${hi.en}${unit.en}`, fr: `moins de ${hi.fr}${unit.fr}` };
  if (hi === null && lo) return { en: `${lo.en}${unit.en} or more`, fr: `${lo.fr}${unit.fr} ou plus` };
  return {
    en: `${lo?.en ?? ''} to under ${hi?.en ?? ''}${unit.en}`,
    fr: `de ${lo?.fr ?? ''} à moins de ${hi?.fr ?? ''}${unit.fr}`,
  };
}

function numericLegend(classes: NumericClass[], colours: string[], unit: { en: string; fr: string }): LegendClass[] {
  return classes.map((c, i) => {
    const label = range(c, unit);
    return {
      value: c.value,
      label_en: label.en,
      label_fr: label.fr,
      color: colours[i] ?? NO_DATA_GREY,
      ...(c.min === undefined ? {} : { min: c.min }),
      ...(c.max === undefined ? {} : { max: c.max }),
    };
  });
}

const thousands = (n: number) => ({ en: n.toLocaleString('en-CA'), fr: n.toLocaleString('fr-CA') });

const LEVEL_NAMES: Record<(typeof LEVELS)[number], { en: string; fr: string; color: string }> = {
  federal: {
    en: 'Only federal points within reach',
    fr: 'Seulement des points fédéraux à proximité',
    color: OKABE_ITO.blue,
  },
  provincial: {
    en: 'Only provincial points within reach',
    fr: 'Seulement des points provinciaux à proximité',
    color: OKABE_ITO.green,
  },
  territorial: {
    en: 'Only territorial points within reach',
    fr: 'Seulement des points territoriaux à proximité',
    color: OKABE_ITO.skyBlue,
  },
  municipal: {
    en: 'Only municipal points within reach',
    fr: 'Seulement des points municipaux à proximité',
    color: OKABE_ITO.orange,
  },
  indigenous: {
    en: 'Only Indigenous government points within reach',
    fr: 'Seulement des points de gouvernements autochtones à proximité',
    color: OKABE_ITO.vermillion,
  },
};

export const LAYERS: readonly LayerDefinition[] = [
  {
    id: 'cwb',
    title_en: 'Community Well-Being score (2021)',
    title_fr: 'Indice de bien-être des collectivités (2021)',
    description_en:
      'Community Well-Being index of each census subdivision (0 to 100: income, education, housing, labour force activity). Suppressed for small or unreliable communities: “no score published”.',
    description_fr:
      'Indice de bien-être des collectivités de chaque subdivision de recensement (0 à 100 : revenu, scolarité, logement, activité sur le marché du travail). Supprimé pour les petites collectivités ou les données peu fiables : « aucun indice publié ».',
    kind: 'choropleth',
    source: CWB_SOURCE,
    property: 'cwb_class',
    legend: [
      ...numericLegend(CWB_CLASSES, VIRIDIS5, { en: '', fr: '' }),
      { value: 'none', label_en: 'No score published', label_fr: 'Aucun indice publié', color: NO_DATA_GREY },
    ],
    filters: ['province'],
  },
  {
    id: 'community_type',
    title_en: 'Community type',
    title_fr: 'Type de collectivité',
    description_en: 'First Nations, Inuit and other communities, as classified in the Community Well-Being index 2021.',
    description_fr:
      'Collectivités des Premières Nations, inuites et autres, selon la classification de l’Indice de bien-être des collectivités 2021.',
    kind: 'choropleth',
    source: CWB_SOURCE,
    property: 'community_type',
    legend: [
      {
        value: 'first_nations',
        label_en: 'First Nations community',
        label_fr: 'Collectivité des Premières Nations',
        color: OKABE_ITO.vermillion,
      },
      { value: 'inuit', label_en: 'Inuit community', label_fr: 'Collectivité inuite', color: OKABE_ITO.blue },
      { value: 'non_indigenous', label_en: 'Other community', label_fr: 'Autre collectivité', color: OKABE_ITO.yellow },
      { value: 'unknown', label_en: 'Type not published', label_fr: 'Type non publié', color: NO_DATA_GREY },
    ],
    filters: ['province'],
  },
  {
    id: 'population_density',
    title_en: 'Population density (2021)',
    title_fr: 'Densité de population (2021)',
    description_en:
      'People per square kilometre of each census subdivision: 2021 population over the area of its (simplified) boundary.',
    description_fr:
      'Habitants par kilomètre carré de chaque subdivision de recensement : population de 2021 divisée par la superficie de sa limite (simplifiée).',
    kind: 'choropleth',
    source: CENSUS_SOURCE,
    property: 'density_class',
    legend: [
      ...numericLegend(DENSITY_CLASSES, YLGNBU5, { en: ' people/km²', fr: ' hab./km²' }).map((c) => {
        const r = range(
          DENSITY_CLASSES.find((d) => d.value === c.value)!,
          { en: ' people/km²', fr: ' hab./km²' },
          thousands,
        );
        return { ...c, label_en: r.en, label_fr: r.fr };
      }),
      {
        value: 'unknown',
        label_en: 'No boundary or population',
        label_fr: 'Aucune limite ni population',
        color: NO_DATA_GREY,
      },
    ],
    filters: ['province'],
  },
  {
    id: 'remoteness',
    title_en: 'Remoteness index (straight line)',
    title_fr: 'Indice d’éloignement (à vol d’oiseau)',
    description_en:
      'Statistics Canada’s index of remoteness method (Alasia et al. 2017): gravity to population centres, normalised from 0 (least remote) to 1 (most remote), computed here on straight-line distances, not travel costs. Indicative only; see docs/coverage.md.',
    description_fr:
      'Méthode de l’indice d’éloignement de Statistique Canada (Alasia et coll., 2017) : gravité vers les centres de population, normalisée de 0 (le moins éloigné) à 1 (le plus éloigné), calculée ici à vol d’oiseau et non selon les coûts de déplacement. À titre indicatif; voir docs/coverage.md.',
    kind: 'choropleth',
    source: CENSUS_SOURCE,
    property: 'remoteness_class',
    legend: [
      ...REMOTENESS_CLASSES.map((c, i) => {
        const names: Record<string, [string, string]> = {
          easily_accessible: ['Easily accessible', 'Facilement accessible'],
          accessible: ['Accessible', 'Accessible'],
          less_accessible: ['Less accessible', 'Moins accessible'],
          remote: ['Remote', 'Éloigné'],
          very_remote: ['Very remote', 'Très éloigné'],
        };
        const [en, fr] = names[c.value] ?? [c.value, c.value];
        // Viridis from yellow (accessible) to purple (very remote).
        return {
          value: c.value,
          label_en: en,
          label_fr: fr,
          color: VIRIDIS5[4 - i] ?? NO_DATA_GREY,
          ...(c.min === undefined ? {} : { min: c.min }),
          ...(c.max === undefined ? {} : { max: c.max }),
        };
      }),
      { value: 'unknown', label_en: 'Not located', label_fr: 'Non localisée', color: NO_DATA_GREY },
    ],
    filters: ['province'],
  },
  {
    id: 'distance_to_service',
    title_en: 'Distance to the nearest service point',
    title_fr: 'Distance au point de service le plus proche',
    description_en:
      'Straight-line distance from each population unit to the nearest published service point matching the current filters.',
    description_fr:
      'Distance à vol d’oiseau entre chaque unité de population et le point de service publié le plus proche qui correspond aux filtres choisis.',
    kind: 'choropleth',
    source: FEEDS_SOURCE,
    property: 'distance_class',
    legend: [
      ...numericLegend(DISTANCE_CLASSES, YLORRD5, { en: ' km', fr: ' km' }),
      {
        value: 'none',
        label_en: 'No matching service point',
        label_fr: 'Aucun point de service correspondant',
        color: '#525252',
      },
    ],
    filters: ['province', ...POINT_FILTERS],
  },
  {
    id: 'indigenous_communities',
    title_en: 'First Nations and Inuit communities',
    title_fr: 'Collectivités des Premières Nations et inuites',
    description_en:
      'Census subdivisions classified as First Nations or Inuit communities in the Community Well-Being index 2021, at their representative point.',
    description_fr:
      'Subdivisions de recensement classées collectivités des Premières Nations ou inuites dans l’Indice de bien-être des collectivités 2021, à leur point représentatif.',
    kind: 'points',
    source: CWB_SOURCE,
    property: 'community_type',
    legend: [
      {
        value: 'first_nations',
        label_en: 'First Nations community',
        label_fr: 'Collectivité des Premières Nations',
        color: OKABE_ITO.vermillion,
      },
      { value: 'inuit', label_en: 'Inuit community', label_fr: 'Collectivité inuite', color: OKABE_ITO.blue },
    ],
    filters: ['province'],
  },
  {
    id: 'gaps',
    title_en: 'Gaps in coverage',
    title_fr: 'Lacunes de couverture',
    description_en:
      'Population units farther than the distance threshold from every matching service point, by priority score. Where no order of government considered has published a feed in the province, the unit is shown as “no data”, not as a gap.',
    description_fr:
      'Unités de population situées au-delà du seuil de distance de tout point de service correspondant, selon leur score de priorité. Là où aucun ordre de gouvernement considéré n’a publié de flux dans la province, l’unité est indiquée « aucune donnée » et non comme une lacune.',
    kind: 'choropleth',
    source: FEEDS_SOURCE,
    property: 'gap_class',
    legend: [
      {
        value: 'low',
        label_en: 'Gap, priority score under 1',
        label_fr: 'Lacune, score de priorité inférieur à 1',
        color: PURPLES3[0]!,
        max: 1,
      },
      {
        value: 'medium',
        label_en: 'Gap, priority score 1 to under 2',
        label_fr: 'Lacune, score de priorité de 1 à moins de 2',
        color: PURPLES3[1]!,
        min: 1,
        max: 2,
      },
      {
        value: 'high',
        label_en: 'Gap, priority score 2 or more',
        label_fr: 'Lacune, score de priorité de 2 ou plus',
        color: PURPLES3[2]!,
        min: 2,
      },
      {
        value: 'no_data',
        label_en: 'No data: no feed of these orders of government in the province',
        label_fr: 'Aucune donnée : aucun flux de ces ordres de gouvernement dans la province',
        color: NO_DATA_GREY,
      },
    ],
    filters: ['threshold_km', 'province', ...POINT_FILTERS],
  },
  {
    id: 'colocation',
    title_en: 'Points of different orders of government close together',
    title_fr: 'Points d’ordres de gouvernement différents rapprochés',
    description_en:
      'Pairs of service points of two orders of government within the co-location distance, both located at their address. Pairs where one point is placed at its community’s or postal area’s centre are shown as “same community”, without a distance.',
    description_fr:
      'Paires de points de service de deux ordres de gouvernement à moins de la distance de colocalisation, tous deux localisés à leur adresse. Les paires dont un point est placé au centre de sa collectivité ou de sa zone postale sont indiquées « même collectivité », sans distance.',
    kind: 'points',
    source: FEEDS_SOURCE,
    property: 'precision',
    legend: [
      {
        value: 'measured',
        label_en: 'Within the distance (both at their address)',
        label_fr: 'À moins de la distance (les deux à leur adresse)',
        color: OKABE_ITO.green,
      },
      {
        value: 'same_community',
        label_en: 'Same community (location approximate)',
        label_fr: 'Même collectivité (emplacement approximatif)',
        color: OKABE_ITO.orange,
      },
    ],
    filters: ['max_m', 'province', 'level', 'jurisdiction', 'category'],
  },
  {
    id: 'single_order',
    title_en: 'Communities served by one order of government only',
    title_fr: 'Collectivités desservies par un seul ordre de gouvernement',
    description_en:
      'Population units within the distance threshold of the service points of exactly one order of government. Where the other orders have published no feed in the province, the unit is shown as “no data”: the absence of their points is not evidence of an absence of service. Where only some of them publish, the table names the orders without data.',
    description_fr:
      'Unités de population à moins du seuil de distance des points de service d’un seul ordre de gouvernement. Là où les autres ordres n’ont publié aucun flux dans la province, l’unité est indiquée « aucune donnée » : l’absence de leurs points ne prouve pas l’absence de service. Là où seuls certains publient, le tableau nomme les ordres sans données.',
    kind: 'choropleth',
    source: FEEDS_SOURCE,
    property: 'single_order_class',
    legend: [
      ...LEVELS.map((l) => ({
        value: l,
        label_en: LEVEL_NAMES[l].en,
        label_fr: LEVEL_NAMES[l].fr,
        color: LEVEL_NAMES[l].color,
      })),
      {
        value: 'no_data',
        label_en: 'No data for the other orders of government',
        label_fr: 'Aucune donnée pour les autres ordres de gouvernement',
        color: NO_DATA_GREY,
      },
    ],
    filters: ['threshold_km', 'province', ...POINT_FILTERS],
  },
  {
    id: 'suggested_sites',
    title_en: 'Suggested shared sites',
    title_fr: 'Sites partagés suggérés',
    description_en:
      'Up to k new shared sites chosen greedily to bring the most people within the distance threshold, the existing matching points staying where they are.',
    description_fr:
      'Jusqu’à k nouveaux sites partagés choisis un à un pour rapprocher le plus de personnes à moins du seuil de distance, les points correspondants existants restant en place.',
    kind: 'points',
    source: FEEDS_SOURCE,
    property: 'site',
    legend: [
      {
        value: 'suggested',
        label_en: 'Suggested site (number: rank)',
        label_fr: 'Site suggéré (numéro : rang)',
        color: OKABE_ITO.purple,
      },
    ],
    filters: ['threshold_km', 'k', 'candidates', 'province', ...POINT_FILTERS],
  },
];

export function layerById(id: string): LayerDefinition | undefined {
  return LAYERS.find((l) => l.id === id);
}

const DEFAULTS = layerFilterQuery.parse({});

/**
 * The query string of the filters `layer` follows, in a fixed order, defaults
 * left out: the same view always asks for the same tile URLs (cacheable).
 */
export function layerQueryString(layer: LayerDefinition, f: LayerFilters): string {
  const params = new URLSearchParams();
  for (const name of layer.filters) {
    const v = f[name];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) {
      if (v.length > 0) params.set(name, [...new Set(v)].sort().join(','));
      continue;
    }
    if (v === DEFAULTS[name]) continue;
    params.set(name, String(v));
  }
  const s = params.toString();
  return s ? `?${s.replace(/%2C/g, ',')}` : '';
}
