/** Which service points an analysis counts: the point filters of the API contract. */
export interface PointFilter {
  levels?: string[] | undefined;
  jurisdictions?: string[] | undefined;
  categories?: string[] | undefined;
  languages?: string[] | undefined;
  accessibility?: string[] | undefined;
}

/**
 * Where a filter's distances come from. The coverage store keeps one scope per
 * single filter value, so a filter on one dimension (any number of values: the
 * nearest of several is the smallest of their distances) reads stored rows;
 * anything else is computed live.
 */
export type DistancePlan = { kind: 'stored'; scopes: string[] } | { kind: 'live'; filter: PointFilter };

export function planDistances(filter: PointFilter): DistancePlan {
  const used = (list: string[] | undefined): list is string[] => list !== undefined && list.length > 0;
  if (used(filter.languages) || used(filter.accessibility)) return { kind: 'live', filter };
  const dims: [string, string[]][] = [];
  if (used(filter.levels)) dims.push(['level', filter.levels]);
  if (used(filter.jurisdictions)) dims.push(['jurisdiction', filter.jurisdictions]);
  if (used(filter.categories)) dims.push(['category', filter.categories]);
  if (dims.length === 0) return { kind: 'stored', scopes: ['all'] };
  const only = dims[0];
  if (dims.length > 1 || !only) return { kind: 'live', filter };
  const [dim, values] = only;
  return { kind: 'stored', scopes: [...new Set(values)].map((v) => `${dim}:${v}`) };
}
