import { createPropertyExpression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { LegendClass } from '../api/types.js';
import { legendExpression, NO_DATA_COLOUR } from './legend-expression.js';

const SPEC = {
  type: 'color',
  'property-type': 'data-driven',
  expression: { interpolated: false, parameters: ['zoom', 'feature'] },
} as const;

/** The colour MapLibre itself would paint for a feature with these properties, as #rrggbb. */
function paint(expr: unknown, properties: Record<string, unknown>): string {
  const parsed = createPropertyExpression(expr, 'circle-color', SPEC as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const c = parsed.value.evaluate({ zoom: 5 }, { type: 'Point', properties } as never) as {
    r: number;
    g: number;
    b: number;
  };
  return `#${[c.r, c.g, c.b]
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const cls = (color: string, extra: Partial<LegendClass>): LegendClass => ({
  label_en: color,
  label_fr: color,
  color,
  ...extra,
});

describe('legendExpression', () => {
  const cwb: LegendClass[] = [
    cls('#440154', { min: 0, max: 50 }),
    cls('#3b528b', { min: 50, max: 60 }),
    cls('#21918c', { min: 60, max: 70 }),
    cls('#fde725', { min: 70, max: 101 }),
    cls('#eeeeee', {}),
  ];

  it('colours ranges with min inclusive and max exclusive, and missing values with the "no data" class', () => {
    const e = legendExpression('cwb', cwb);
    expect(paint(e, { cwb: 12 })).toBe('#440154');
    expect(paint(e, { cwb: 50 })).toBe('#3b528b');
    expect(paint(e, { cwb: 69.9 })).toBe('#21918c');
    expect(paint(e, { cwb: 70 })).toBe('#fde725');
    expect(paint(e, {})).toBe('#eeeeee');
    expect(paint(e, { cwb: null })).toBe('#eeeeee');
  });

  it('shows a value below every class as "no data", never as the first class', () => {
    expect(paint(legendExpression('cwb', cwb), { cwb: -5 })).toBe('#eeeeee');
  });

  it('matches value classes, text and numbers alike, with a grey fallback when the legend has no "no data" class', () => {
    const types = [
      cls('#1b9e77', { value: 'first_nations' }),
      cls('#d95f02', { value: 'inuit' }),
      cls('#7570b3', { value: 'other' }),
    ];
    const e = legendExpression('community_type', types);
    expect(paint(e, { community_type: 'inuit' })).toBe('#d95f02');
    expect(paint(e, { community_type: 'other' })).toBe('#7570b3');
    expect(paint(e, { community_type: 'unknown' })).toBe(NO_DATA_COLOUR);
    const flags = legendExpression('is_same_community', [
      cls('#0072b2', { value: true }),
      cls('#e69f00', { value: false }),
    ]);
    expect(paint(flags, { is_same_community: true })).toBe('#0072b2');
    expect(paint(flags, { is_same_community: false })).toBe('#e69f00');
    const ranks = legendExpression('rank', [cls('#000000', { value: 1 }), cls('#ffffff', { value: 2 })]);
    expect(paint(ranks, { rank: 2 })).toBe('#ffffff');
  });

  it('takes an open first class (no min) as the colour of everything below the second', () => {
    const e = legendExpression('d', [cls('#111111', { max: 10 }), cls('#222222', { min: 10 })]);
    expect(paint(e, { d: -100 })).toBe('#111111');
    expect(paint(e, { d: 10 })).toBe('#222222');
  });

  it('gives one colour to a legend of one class', () => {
    expect(legendExpression('x', [cls('#123456', { value: null })])).toBe('#123456');
  });
});
