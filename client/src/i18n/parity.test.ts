import { describe, expect, it } from 'vitest';
import en from './en.json';
import fr from './fr.json';

/** Every key path of a translation tree; plural forms (_one, _other) count as keys of their own. */
function keys(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function interpolations(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

function leaf(tree: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined),
      tree,
    );
}

describe('translations', () => {
  it('have the same keys in English and French', () => {
    const e = new Set(keys(en));
    const f = new Set(keys(fr));
    expect(
      [...e].filter((k) => !f.has(k)),
      'in en.json, missing from fr.json',
    ).toEqual([]);
    expect(
      [...f].filter((k) => !e.has(k)),
      'in fr.json, missing from en.json',
    ).toEqual([]);
  });

  it('have no empty string, and the same {{placeholders}} in both languages', () => {
    for (const k of keys(en)) {
      const a = leaf(en, k);
      const b = leaf(fr, k);
      expect(typeof a === 'string' && a.trim() !== '', `en ${k}`).toBe(true);
      expect(typeof b === 'string' && b.trim() !== '', `fr ${k}`).toBe(true);
      expect(interpolations(String(b)), `placeholders of ${k}`).toEqual(interpolations(String(a)));
    }
  });
});
