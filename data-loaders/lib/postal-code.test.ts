import { describe, expect, it } from 'vitest';
import { findPostalCode, forwardSortationArea, normalizePostalCode } from './postal-code.js';

describe('postal codes', () => {
  it('normalises with or without the space, any case', () => {
    expect(normalizePostalCode('v2t6t6')).toBe('V2T 6T6');
    expect(normalizePostalCode('E3B 1A1')).toBe('E3B 1A1');
    expect(normalizePostalCode('E3B-1A1')).toBe('E3B 1A1');
  });
  it('rejects letters Canada Post never uses', () => {
    expect(normalizePostalCode('D3B 1A1')).toBeNull();
    expect(normalizePostalCode('E3B 1O1')).toBeNull();
    expect(normalizePostalCode('12345')).toBeNull();
  });
  it('gives the forward sortation area of a code or an FSA', () => {
    expect(forwardSortationArea('e3b')).toBe('E3B');
    expect(forwardSortationArea('E3B 1A1')).toBe('E3B');
    expect(forwardSortationArea('E3')).toBeNull();
  });
  it('finds a code inside an address', () => {
    expect(findPostalCode('32525 Simon Avenue\nAbbotsford, British Columbia\nV2T6T6')).toBe('V2T 6T6');
  });
});
