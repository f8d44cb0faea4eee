import { describe, expect, it } from 'vitest';
import { parseRoute, routePath } from './route.js';

describe('parseRoute', () => {
  it.each([
    ['/', 'en', 'finder'],
    ['/en/', 'en', 'finder'],
    ['/fr', 'fr', 'finder'],
    ['/fr/', 'fr', 'finder'],
    ['/analysis', 'en', 'analysis'],
    ['/fr/analysis', 'fr', 'analysis'],
    ['/en/feeds/', 'en', 'feeds'],
    ['/fr/feeds', 'fr', 'feeds'],
    ['/french', 'en', 'finder'],
  ])('%s is %s %s', (path, lang, view) => {
    expect(parseRoute(path)).toEqual({ lang, view });
  });

  it('round-trips every view in both languages', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const view of ['finder', 'analysis', 'feeds'] as const)
        expect(parseRoute(routePath({ lang, view }))).toEqual({ lang, view });
    }
  });
});
