import { z } from 'zod';

/** A comma-separated list parameter (`a,b,c`), each item checked by `item`. */
export function csvList<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
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
