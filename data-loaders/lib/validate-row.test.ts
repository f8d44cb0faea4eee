import { describe, expect, it } from 'vitest';
import { Gazetteer } from './gazetteer.js';
import { LoadReport } from './load-report.js';
import { CategoryMatcher, RowValidator } from './validate-row.js';

const KNOWN = [
  { code: 'passport', name_en: 'Passports', name_fr: 'Passeports' },
  { code: 'health_card', name_en: 'Health card', name_fr: 'Carte santé' },
];

function validate(categories: string, matcher?: CategoryMatcher) {
  const report = new LoadReport();
  const v = new RowValidator({ gazetteer: new Gazetteer(), report, ...(matcher ? { categories: matcher } : {}) });
  const point = v.validate({ row: 1, values: { id: 'x', name: 'Test office', lon: -66.64, lat: 45.96, categories } });
  return { point, report };
}

describe('service categories of a row', () => {
  it('with the category list loaded, an unknown label is dropped with a bilingual warning and the row kept', () => {
    const { point, report } = validate(
      'Passeports; Underwater basket weaving; carte sante',
      new CategoryMatcher(KNOWN),
    );
    expect(point).not.toBeNull();
    expect(point!.categories).toEqual(['passport', 'health_card']);
    expect(point!.extra['categories_as_given']).toEqual(['Underwater basket weaving']);
    expect(report.accepted).toBe(1);
    expect(report.warned).toBe(1);
    expect(report.issues).toEqual([
      expect.objectContaining({
        row: 1,
        field: 'categories',
        value: 'Underwater basket weaving',
        code: 'unknown_category',
        severity: 'warning',
        message_en: 'Unknown service category; ignored.',
        message_fr: 'Catégorie de service inconnue; ignorée.',
      }),
    ]);
  });

  it('with only unknown labels, the row is kept with no category', () => {
    const { point, report } = validate('Bingo, Raffles', new CategoryMatcher(KNOWN));
    expect(point!.categories).toEqual([]);
    expect(report.byCode).toEqual({ unknown_category: 1 });
    expect(report.issues[0]!.value).toBe('Bingo; Raffles');
  });

  it('without a category list (none loaded), labels are kept as slugs and nothing is reported', () => {
    for (const matcher of [undefined, new CategoryMatcher([])]) {
      const { point, report } = validate('Passports; Underwater basket weaving', matcher);
      expect(point!.categories).toEqual(['passports', 'underwater_basket_weaving']);
      expect(report.issues).toEqual([]);
    }
  });
});
