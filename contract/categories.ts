import { z } from 'zod';
import { level, origin, straightLine } from './common.js';
import { servicePoint } from './service-points.js';

/** A service category in the asked language (both names kept), with the orders of government that usually offer it. */
export const category = z.strictObject({
  code: z.string(),
  name: z.string(),
  name_en: z.string(),
  name_fr: z.string(),
  description: z.string().nullable(),
  description_en: z.string().nullable(),
  description_fr: z.string().nullable(),
  usual_levels: z.array(level),
  published_points: z.number(),
});
export type Category = z.infer<typeof category>;

/** GET /api/categories. */
export const categoryList = z.strictObject({ results: z.array(category) });

/** A service a life event needs. */
export const lifeEventCategory = z.strictObject({
  code: z.string(),
  name: z.string(),
  name_en: z.string(),
  name_fr: z.string(),
  usual_levels: z.array(level),
});
export type LifeEventCategory = z.infer<typeof lifeEventCategory>;

/** A life event ("I lost my wallet") and the services it needs. */
export const lifeEvent = z.strictObject({
  code: z.string(),
  name: z.string(),
  name_en: z.string(),
  name_fr: z.string(),
  description: z.string().nullable(),
  description_en: z.string().nullable(),
  description_fr: z.string().nullable(),
  categories: z.array(lifeEventCategory),
});
export type LifeEvent = z.infer<typeof lifeEvent>;

/** GET /api/life-events. */
export const lifeEventList = z.strictObject({ results: z.array(lifeEvent) });

/** One needed service of a life event, with the nearest point of each order of government that offers it. */
export const lifeEventNeed = z.strictObject({
  category: lifeEventCategory,
  category_code: z.string(),
  category_name: z.string(),
  nearest: z.array(servicePoint),
  /** Orders that usually offer the service but have no point here (or none loaded). */
  missing_levels: z.array(level),
});
export type LifeEventNeed = z.infer<typeof lifeEventNeed>;

/** GET /api/life-events/{code}/nearest (JSON). */
export const lifeEventNearestPage = z.strictObject({
  life_event: z.strictObject({ code: z.string(), name: z.string(), description: z.string().nullable() }),
  origin,
  distance_kind: straightLine,
  results: z.array(lifeEventNeed),
});
export type LifeEventNearestPage = z.infer<typeof lifeEventNearestPage>;
