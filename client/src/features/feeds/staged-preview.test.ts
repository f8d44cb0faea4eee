import { describe, expect, it } from 'vitest';
import { stagedPreview } from './staged-preview.js';

describe('stagedPreview', () => {
  it('reads named, located CSV rows and leaves out rows without usable coordinates', () => {
    const csv = 'name;latitude;longitude\n"Office, ""Main""";45.96;-66.64\nNo place;;\nBad;abc;-66\n';
    expect(stagedPreview('a.csv', csv, 'provincial')).toEqual([
      { id: 'row-1', name: 'Office, "Main"', lon: -66.64, lat: 45.96, level: 'provincial' },
    ]);
  });

  it('reads GeoJSON points', () => {
    const gj = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [-63.6, 44.6] }, properties: { nom: 'Bureau' } },
      ],
    });
    expect(stagedPreview('a.geojson', gj, 'municipal')).toEqual([
      { id: 'row-1', name: 'Bureau', lon: -63.6, lat: 44.6, level: 'municipal' },
    ]);
  });

  it('gives nothing for a file without coordinate columns', () => {
    expect(stagedPreview('a.csv', 'name,address\nA,1 Main St\n', 'federal')).toEqual([]);
  });
});
