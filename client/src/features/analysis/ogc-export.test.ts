import { describe, expect, it } from 'vitest';
import { toCsv } from './ogc-export.js';

describe('toCsv', () => {
  it('quotes what needs quoting, joins lists, leaves missing values empty, and starts with a byte-order mark', () => {
    const csv = toCsv(
      [{ name: 'Centre "Nord", Québec', categories: ['passport', 'sin'], phone: null, n: 3 }],
      ['name', 'categories', 'phone', 'n'],
    );
    expect(csv).toBe('\ufeffname,categories,phone,n\r\n"Centre ""Nord"", Québec",passport;sin,,3\r\n');
  });
});
