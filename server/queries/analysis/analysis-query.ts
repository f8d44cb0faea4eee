import { z } from 'zod';
import type { AnalysisFilters } from '../../../contract/requests.js';
import { code, csvList, formatParam, langParam, LEVELS, type Same } from '../../http/list-params.js';
import { PROVINCES } from '../../../domain/provinces.js';
import type { PointFilter } from '../../../data-loaders/lib/coverage/point-filter.js';

export const MAX_THRESHOLD_KM = 1000;

const provinceCode = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(PROVINCES.map((p) => p.code) as [string, ...string[]]));

/** The parameters every analysis takes (api-contract.md "Analysts"). */
export const analysisFilterShape = {
  threshold_km: z.coerce.number().positive().max(MAX_THRESHOLD_KM).default(50),
  level: csvList(z.enum(LEVELS)),
  jurisdiction: csvList(code),
  category: csvList(code),
  language: csvList(z.string().regex(/^[a-z]{2,3}$/, 'a two- or three-letter language code')),
  accessibility: csvList(code),
  province: csvList(provinceCode),
  format: formatParam,
  lang: langParam,
};

/** The analysis filters as the server reads them are the contract's (contract/requests.ts): a drift fails the type check. */
const _analysisFiltersMatchContract: Same<
  Omit<z.output<z.ZodObject<typeof analysisFilterShape>>, 'format' | 'lang'>,
  AnalysisFilters
> = true;
void _analysisFiltersMatchContract;

export function pointFilterOf(q: {
  level?: string[] | undefined;
  jurisdiction?: string[] | undefined;
  category?: string[] | undefined;
  language?: string[] | undefined;
  accessibility?: string[] | undefined;
}): PointFilter {
  return {
    levels: q.level,
    jurisdictions: q.jurisdiction,
    categories: q.category,
    languages: q.language,
    accessibility: q.accessibility,
  };
}
