import { z } from 'zod';
import { level } from './common.js';

/**
 * The point filters that every service-point and analysis request takes, as
 * the server reads them from the query string (lists are sent comma-separated,
 * `open_now` as true or false). The server's parameter schemas
 * (`server/http/list-params.ts`) are checked against this type when the code
 * is compiled, and the client builds its requests with it.
 */
export const pointFilters = z.object({
  level: z.array(level).optional(),
  jurisdiction: z.array(z.string()).optional(),
  category: z.array(z.string()).optional(),
  language: z.array(z.string()).optional(),
  accessibility: z.array(z.string()).optional(),
  open_now: z.boolean().optional(),
});
export type PointFilters = z.infer<typeof pointFilters>;

/** The filters of the analysis requests (coverage, gaps, partnerships, layers). */
export const analysisFilters = pointFilters.omit({ open_now: true }).extend({
  threshold_km: z.number(),
  province: z.array(z.string()).optional(),
});
export type AnalysisFilters = z.infer<typeof analysisFilters>;
