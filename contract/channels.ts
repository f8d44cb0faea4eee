import { z } from 'zod';
import { origin, straightLine, timestamp } from './common.js';
import { channel, pointPerformance, pointStandard, servicePoint } from './service-points.js';

/** The ways a person can reach a government: at a counter, online, by phone. */
export const channelKind = z.enum(['in_person', 'online', 'phone']);
export type ChannelKind = z.infer<typeof channelKind>;

/** GET /api/channels (JSON): online and phone channels with their standard and latest performance. */
export const channelList = z.strictObject({ results: z.array(channel) });
export type ChannelList = z.infer<typeof channelList>;

/** A category as a question names it, in the asked language and both. */
export const questionCategory = z.strictObject({
  code: z.string(),
  name: z.string(),
  name_en: z.string(),
  name_fr: z.string(),
});
export type QuestionCategory = z.infer<typeof questionCategory>;

/** A nearest in-person point of a handler, with its standard, latest figures and whether they meet it. */
export const handlerPoint = servicePoint.extend({
  standard: pointStandard.nullable(),
  performance: pointPerformance.nullable(),
  meets_standard: z.boolean().nullable(),
});
export type HandlerPoint = z.infer<typeof handlerPoint>;

/** One order of government that handles a service in the province, with its three ways in. */
export const handler = z.strictObject({
  level: z.string(),
  /** Null for a local government (a municipality, a First Nation) that differs from place to place. */
  jurisdiction_id: z.string().nullable(),
  jurisdiction_name: z.string().nullable(),
  jurisdiction_name_en: z.string().nullable(),
  jurisdiction_name_fr: z.string().nullable(),
  /** Where to go first: 1 before 2. */
  rank: z.number().int(),
  note: z.string().nullable(),
  /** The official page that says this government handles the service here, when the answer has one. */
  source: z
    .strictObject({ url: z.string(), checked_on: z.string().nullable(), note: z.string().nullable() })
    .nullable(),
  channel_order: z.array(channelKind),
  channels_available: z.array(channelKind),
  /** Whether this handler offers the channel the person chose; null when none was chosen. */
  has_chosen_channel: z.boolean().nullable(),
  online: z.array(channel),
  phone: z.array(channel),
  in_person: z.array(handlerPoint),
});
export type Handler = z.infer<typeof handler>;

/** One asked category and who handles it, best first. */
export const categoryHandlers = z.strictObject({ category: questionCategory, handlers: z.array(handler) });
export type CategoryHandlers = z.infer<typeof categoryHandlers>;

/** What "who handles this?" finds before the route names the province and the life event. */
export const whoHandlesFound = z.strictObject({
  province: z.string(),
  /** The location the in-person distances are measured from, or null when only a province was given. */
  origin: origin.nullable(),
  channel: channelKind.nullable(),
  channel_order: z.array(channelKind),
  distance_kind: straightLine,
  results: z.array(categoryHandlers),
});
export type WhoHandlesFound = z.infer<typeof whoHandlesFound>;

/** GET /api/who-handles: per category (or each service of a life event), who handles it and how to reach them. */
export const whoHandlesAnswer = whoHandlesFound.extend({
  province_name: z.string(),
  /** The life event asked about (its categories are the results, in its order), or null for categories. */
  life_event: z.string().nullable(),
});
export type WhoHandlesAnswer = z.infer<typeof whoHandlesAnswer>;

/** GET /api/wrong-door: whether the government a person thought of handles the service, and the right door. */
export const wrongDoorAnswer = z.strictObject({
  category: questionCategory.nullable(),
  province: z.string(),
  province_name: z.string(),
  thought: z.strictObject({ jurisdiction_id: z.string().nullable(), level: z.string(), name: z.string() }),
  verdict: z.enum(['right', 'partly', 'wrong']),
  is_right: z.boolean(),
  message: z.string(),
  message_en: z.string(),
  message_fr: z.string(),
  /** Where to go instead (or as well): the first-rank handlers with their channels. */
  go_to: z.array(handler),
  handlers: z.array(handler),
  channel_order: z.array(channelKind),
  distance_kind: straightLine,
});
export type WrongDoorAnswer = z.infer<typeof wrongDoorAnswer>;

/** One row of the category-to-order-of-government map of a province. */
export const responsibility = z.strictObject({
  province: z.string(),
  category_code: z.string(),
  category_name: z.string(),
  level: z.string(),
  jurisdiction_id: z.string().nullable(),
  jurisdiction_name: z.string().nullable(),
  rank: z.number().int(),
  note: z.string().nullable(),
  note_en: z.string().nullable(),
  note_fr: z.string().nullable(),
  /** `seed`: shipped with the finder; `steward`: set by the province's stewards. */
  origin: z.string(),
  updated_at: timestamp,
  source_url: z.string().nullable(),
  source_checked_on: z.string().nullable(),
  source_note: z.string().nullable(),
});
export type Responsibility = z.infer<typeof responsibility>;

/** GET /api/responsibilities (JSON). */
export const responsibilityList = z.strictObject({ results: z.array(responsibility) });
export type ResponsibilityList = z.infer<typeof responsibilityList>;

/** PUT /api/responsibilities/{province}/{category}: the category's handlers as now stored. */
export const responsibilityUpdate = z.strictObject({
  province: z.string(),
  category_code: z.string(),
  results: z.array(responsibility),
});
export type ResponsibilityUpdate = z.infer<typeof responsibilityUpdate>;

/** What a standard or a performance figure belongs to. */
export const targetKind = z.enum(['channel', 'point']);

/** POST /api/channels/{id}/performance and /api/service-points/{id}/performance (201): the stored figure. */
export const performanceReceipt = z.strictObject({
  id: z.number().int(),
  target_kind: targetKind,
  target_id: z.string(),
  measured_at: timestamp,
  valid_until: timestamp,
  /** A figure measured long ago can arrive already out of date. */
  is_stale: z.boolean(),
});
export type PerformanceReceipt = z.infer<typeof performanceReceipt>;

/** PUT /api/channels/{id}/standard and /api/service-points/{id}/standard: the standard as now published. */
export const standardUpdate = z.strictObject({
  target_kind: targetKind,
  target_id: z.string(),
  standard: pointStandard.nullable(),
});
export type StandardUpdate = z.infer<typeof standardUpdate>;

/** One category in one province: which channels exist, and how many people live beyond the threshold. */
export const availabilityRow = z.strictObject({
  province: z.string(),
  category_code: z.string(),
  category_name: z.string(),
  handler_levels: z.array(z.string()),
  has_online: z.boolean(),
  has_phone: z.boolean(),
  /** Only a general enquiries line answers for this service. */
  has_general_line: z.boolean(),
  population_total: z.number(),
  population_within: z.number(),
  population_beyond: z.number(),
  pct_within: z.number().nullable(),
  units_beyond: z.number(),
  gaps: z.array(z.enum(['online', 'phone', 'in_person'])),
});
export type AvailabilityRow = z.infer<typeof availabilityRow>;

/** GET /api/channels/availability (JSON). */
export const availabilityReport = z.strictObject({
  threshold_km: z.number(),
  distance_kind: straightLine,
  /** False while the coverage the populations come from is being recomputed. */
  coverage_is_fresh: z.boolean(),
  results: z.array(availabilityRow),
});
export type AvailabilityReport = z.infer<typeof availabilityReport>;

/** One published standard against the latest pushed performance. */
export const standardsReportRow = z.strictObject({
  target_kind: targetKind,
  target_id: z.string(),
  channel_kind: channelKind.nullable(),
  jurisdiction_id: z.string(),
  name: z.string(),
  standard: pointStandard.nullable(),
  performance: pointPerformance.nullable(),
  meets_standard: z.boolean().nullable(),
});
export type StandardsReportRow = z.infer<typeof standardsReportRow>;

/** GET /api/channels/standards-report (JSON). */
export const standardsReport = z.strictObject({ results: z.array(standardsReportRow) });
export type StandardsReport = z.infer<typeof standardsReport>;
