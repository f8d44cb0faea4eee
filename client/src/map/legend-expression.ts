import type { ExpressionSpecification } from 'maplibre-gl';
import type { LegendClass } from '../api/types.js';

/** The colour of features whose property is missing when the legend has no "no data" class of its own. */
export const NO_DATA_COLOUR = '#bdbdbd';

/** A class that stands for "no value published": neither a range nor a value. */
export function isNoDataClass(c: LegendClass): boolean {
  const none = (v: unknown) => v === null || v === undefined;
  return none(c.min) && none(c.max) && none(c.value);
}

/**
 * The MapLibre colour expression of a legend, so a new layer needs no client
 * code: value classes become a `match` on the property, range classes (min
 * inclusive, max exclusive) a `step`, and features without the property take
 * the legend's "no data" class. The legend is the single truth of the colours
 * shown on the map, in the PNG and in print.
 */
export function legendExpression(property: string, legend: LegendClass[]): ExpressionSpecification | string {
  const noData = legend.find(isNoDataClass)?.color ?? NO_DATA_COLOUR;
  const classes = legend.filter((c) => !isNoDataClass(c));
  if (classes.length === 0) return noData;
  const get: ExpressionSpecification = ['get', property];

  const valued = classes.filter((c) => c.value !== null && c.value !== undefined);
  if (valued.length > 0) {
    // match compares strings with strings and numbers with numbers; booleans and mixed values are compared as text.
    const numeric = valued.every((c) => typeof c.value === 'number');
    const input: ExpressionSpecification = numeric ? ['to-number', get, Number.NaN] : ['to-string', get];
    const seen = new Set<string>();
    const pairs: (string | number)[] = [];
    for (const c of valued) {
      const v = numeric ? Number(c.value) : String(c.value);
      if (seen.has(String(v))) continue;
      seen.add(String(v));
      pairs.push(v, c.color);
    }
    return ['match', input, ...pairs, noData] as unknown as ExpressionSpecification;
  }

  const ranged = classes
    .filter((c) => typeof c.min === 'number' || typeof c.max === 'number')
    .sort((a, b) => (a.min ?? Number.NEGATIVE_INFINITY) - (b.min ?? Number.NEGATIVE_INFINITY));
  const first = ranged[0];
  if (!first) return noData;
  // Below the first class's minimum there is no class: such values show as "no data" rather than borrowing a colour.
  const stops: (string | number)[] = [];
  let base = first.color;
  if (typeof first.min === 'number') {
    base = noData;
    stops.push(first.min, first.color);
  }
  for (const c of ranged.slice(1)) {
    const at = typeof c.min === 'number' ? c.min : null;
    if (at === null || (stops.length > 0 && at <= Number(stops[stops.length - 2]))) continue;
    stops.push(at, c.color);
  }
  const step = (stops.length > 0 ? ['step', ['to-number', get], base, ...stops] : base) as
    ExpressionSpecification | string;
  return ['case', ['==', ['typeof', get], 'number'], step, noData] as unknown as ExpressionSpecification;
}
