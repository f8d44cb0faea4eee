import { describe, expect, it } from 'vitest';
import { NumberSet } from './number-set.js';

describe('NumberSet', () => {
  it('agrees with Set<number> over many 52-bit values, 0 and the largest one included', () => {
    const ours = new NumberSet();
    const theirs = new Set<number>();
    let x = 12345;
    const values = [0, 1, 2 ** 52 - 1, 2 ** 53 - 2];
    for (let i = 0; i < 20_000; i += 1) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      values.push(x * 2 ** 21 + (i % 2 ** 21), i % 7 === 0 ? values[i]! : x);
    }
    for (const v of values) {
      expect(ours.has(v)).toBe(theirs.has(v));
      expect(ours.add(v)).toBe(!theirs.has(v));
      theirs.add(v);
    }
    expect(ours.size).toBe(theirs.size);
    for (const v of theirs) expect(ours.has(v)).toBe(true);
    expect(ours.has(3)).toBe(theirs.has(3));
  });

  it('refuses what it cannot hold exactly', () => {
    const s = new NumberSet();
    expect(() => s.add(-1)).toThrow(RangeError);
    expect(() => s.add(0.5)).toThrow(RangeError);
    expect(() => s.add(2 ** 53)).toThrow(RangeError);
  });
});
