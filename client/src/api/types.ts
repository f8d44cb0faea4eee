import type { LegendClass as ApiLegendClass, MapLayer as ApiMapLayer } from '../../../contract/layers.js';

/**
 * The shapes of the API as the client reads them: the types inferred from the
 * zod schemas in contract/, the same schemas that type the server's answers and
 * fill its OpenAPI document. Type imports only, so zod never enters the bundle.
 */

export type { DataStatus3, FieldError, GeocodeQuality, Level, Problem, StatusCount } from '../../../contract/common.js';
export type {
  Channel as PointChannel,
  HoursDay,
  LocatedServicePoint,
  PointPerformance,
  PointSource,
  PointStandard,
  ReportReceipt,
  ServicePoint,
  ServicePointDetail,
} from '../../../contract/service-points.js';
export type { AppConfig, CatalogFeed, DataStatus, Place, PlaceList } from '../../../contract/platform.js';
export type { Category, LifeEvent, LifeEventCategory, LifeEventNeed } from '../../../contract/categories.js';
export type {
  BreakdownRow,
  ColocationList,
  ColocationPair,
  Coverage,
  CoverageBand,
  CoverageBreakdown,
  CoverageGroup,
  CoverageMatrix,
  CoveragePrecision,
  Gap,
  GapList,
  MatrixCell,
  PairPoint,
  SingleOrderCommunity,
  SingleOrderList,
  SuggestedSite,
  SuggestionList,
} from '../../../contract/analysis.js';
export type { LayerFeaturesPage } from '../../../contract/layers.js';
export type { OgcItemsPage } from '../../../contract/ogc.js';
export type {
  AvailabilityReport,
  AvailabilityRow,
  ChannelKind,
  ChannelList,
  Handler,
  HandlerPoint,
  PerformanceReceipt,
  QuestionCategory,
  Responsibility,
  ResponsibilityList,
  ResponsibilityUpdate,
  StandardsReport,
  StandardsReportRow,
  StandardUpdate,
  WhoHandlesAnswer,
  WrongDoorAnswer,
} from '../../../contract/channels.js';
export type {
  Feed,
  FeedPull,
  FeedSettings,
  FeedVersion,
  KeyIdentity,
  MappingPreview,
  PullSchedule,
  PullScheduleInput,
  VersionDiff,
  VersionDiffPoint,
  PointReport,
  PointReportUpdate,
  PublishResult,
  RollbackResult,
  UploadResult,
  ValidationCounts,
  ValidationIssue,
  VersionCounts,
} from '../../../contract/feeds.js';

/**
 * A class of a legend the atlas draws: a server layer's (GET /api/layers), or
 * one of the client's own service-points layer, whose last class (points
 * drawn as one, zoomed out) has no value, only a colour.
 */
export type LegendClass = Omit<ApiLegendClass, 'value' | 'min' | 'max'> & {
  value?: string | number | boolean | null;
  min?: number | null;
  max?: number | null;
};

/**
 * A layer of the atlas: one the server offers, or the published service
 * points the client adds itself, drawn as squares (`symbol`) so they never
 * read as the round points of a layer.
 */
export type MapLayer = Omit<ApiMapLayer, 'legend' | 'shapes_from_zoom' | 'follows'> &
  Partial<Pick<ApiMapLayer, 'shapes_from_zoom' | 'follows'>> & { legend: LegendClass[]; symbol?: 'square' };
