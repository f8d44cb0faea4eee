import { z } from 'zod';
import type { PointFilters } from '../../contract/requests.js';

/** A comma-separated list parameter (`a,b,c`), each item checked by `item`. */
export function csvList<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0),
    )
    .pipe(z.array(item).min(1).max(50))
    .optional();
}

export const LEVELS = ['federal', 'provincial', 'territorial', 'municipal', 'indigenous'] as const;

export const langParam = z.enum(['en', 'fr']).optional();
export const formatParam = z.enum(['json', 'geojson', 'csv']).default('json');
export const code = z.string().regex(/^[a-z0-9_-]{1,64}$/i, 'letters, digits, - and _ only');
export const lonParam = z.coerce.number().min(-180).max(180);
export const latParam = z.coerce.number().min(-90).max(90);
export const boolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * The service point filters of the API contract, shared by every endpoint
 * that lists points (nearest, bbox, life events) so they always agree.
 */
export const pointFilterShape = {
  level: csvList(z.enum(LEVELS)),
  jurisdiction: csvList(z.string().regex(/^ca(-[a-z0-9]+)*$/, 'a jurisdiction id such as ca, ca-nb or ca-on-toronto')),
  category: csvList(code),
  language: csvList(z.string().regex(/^[a-z]{2,3}$/, 'a two- or three-letter language code')),
  accessibility: csvList(code),
  open_now: boolParam.optional(),
};

/** The filters as the server reads them are the contract's (contract/requests.ts): a drift fails the type check. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _pointFiltersMatchContract: Same<z.output<z.ZodObject<typeof pointFilterShape>>, PointFilters> = true;
void _pointFiltersMatchContract;
