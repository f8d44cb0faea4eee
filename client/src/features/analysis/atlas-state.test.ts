import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYERS, formatPosition, parsePosition, readAtlasState, toggleLayer } from './atlas-state.js';

describe('the atlas state in the URL', () => {
  it('reads every part of a shared link', () => {
    const s = readAtlasState(
      new URLSearchParams(
        'threshold_km=25&province=QC&layers=cwb,indigenous_communities&at=-73.5,45.5,7&table=cwb&sort=population&order=desc&page=3',
      ),
    );
    expect(s.params).toMatchObject({ threshold_km: 25, province: ['QC'] });
    expect(s.layers).toEqual(['cwb', 'indigenous_communities']);
    expect(s.at).toEqual({ lon: -73.5, lat: 45.5, zoom: 7 });
    expect(s).toMatchObject({ table: 'cwb', sort: 'population', order: 'desc', page: 3 });
  });

  it('keeps the orders of government a shared link names, and leaves out names the API would refuse', () => {
    const s = readAtlasState(new URLSearchParams('level=municipal,mayor,federal'));
    expect(s.params.level).toEqual(['municipal', 'federal']);
  });

  it('reads the partnership controls within their ranges', () => {
    expect(readAtlasState(new URLSearchParams('max_m=1000&k=10&candidates=points')).params).toMatchObject({
      max_m: 1000,
      k: 10,
      candidates: 'points',
    });
    expect(readAtlasState(new URLSearchParams('max_m=99999&k=0&candidates=x')).params).toMatchObject({
      max_m: 500,
      k: 5,
      candidates: 'places',
    });
  });

  it('falls back to defaults for a bare or hostile URL, without throwing', () => {
    const s = readAtlasState(
      new URLSearchParams('threshold_km=-4&layers=cwb,<script>&at=500,1,1&table=../x&sort=a%20b&page=0'),
    );
    expect(s.params.threshold_km).toBe(50);
    expect(s.layers).toEqual(['cwb']);
    expect(s.at).toBeNull();
    expect(s).toMatchObject({ table: null, sort: null, order: 'asc', page: 1 });
    expect(readAtlasState(new URLSearchParams('')).layers).toEqual(DEFAULT_LAYERS);
  });

  it('keeps "no layer" distinct from "the default layers"', () => {
    expect(toggleLayer(['cwb'], 'cwb', false)).toEqual({ layers: 'none' });
    expect(readAtlasState(new URLSearchParams('layers=none')).layers).toEqual([]);
    expect(toggleLayer(['cwb'], 'gaps', true)).toEqual({ layers: 'cwb,gaps' });
  });

  it('round-trips a map position at a useful precision', () => {
    expect(parsePosition(formatPosition({ lon: -79.38321, lat: 43.65344, zoom: 9.123 }))).toEqual({
      lon: -79.3832,
      lat: 43.6534,
      zoom: 9.12,
    });
    expect(parsePosition('1,2')).toBeNull();
  });
});
