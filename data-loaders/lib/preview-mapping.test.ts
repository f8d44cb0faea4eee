import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { previewMapping } from './preview-mapping.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-mapping-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The files this process holds open (Linux); null where /proc is not there. */
function openFiles(under: string): number | null {
  if (!fs.existsSync('/proc/self/fd')) return null;
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(under);
    } catch {
      return false;
    }
  }).length;
}

describe('previewMapping', () => {
  it('reads the first rows of a large CSV with the mapping, then lets the file go', async () => {
    const file = path.join(dir, 'big.csv');
    const rows = Array.from({ length: 60_000 }, (_, i) => `R${i},Centre ${i},45.${i % 10},-66.${i % 10},Étage ${i}`);
    fs.writeFileSync(file, ['Ref,Site label,Northing,Easting,Floor', ...rows].join('\n'));
    const preview = await previewMapping(file, 'big.csv', { id: 'Ref', name: 'Site label', lat: 'Northing' }, 3);
    expect(preview.rows).toEqual([
      { row: 1, values: { id: 'R0', name: 'Centre 0', lat: '45.0' }, extra: { Easting: '-66.0', Floor: 'Étage 0' } },
      { row: 2, values: { id: 'R1', name: 'Centre 1', lat: '45.1' }, extra: { Easting: '-66.1', Floor: 'Étage 1' } },
      { row: 3, values: { id: 'R2', name: 'Centre 2', lat: '45.2' }, extra: { Easting: '-66.2', Floor: 'Étage 2' } },
    ]);
    expect(preview.unmapped).toEqual(['Easting', 'Floor']);
    expect(preview.fields.find((f) => f.field === 'name')).toEqual({
      field: 'name',
      column: 'Site label',
      by: 'mapping',
    });
    // The stream closes its file asynchronously: wait for it, for as long as a busy machine needs.
    // A reader left open never closes it, and this fails after 10 s.
    await vi.waitFor(() => expect(openFiles(dir) ?? 0).toBe(0), { timeout: 10_000, interval: 20 });
  });

  it('reads the first features of a GeoJSON file, and flags a mapping entry the file lacks', async () => {
    const file = path.join(dir, 'points.geojson');
    const features = Array.from({ length: 5000 }, (_, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [-66 - i / 1e4, 45 + i / 1e4] },
      properties: { Label: `Office ${i}`, Telephone: '506-555-0100' },
    }));
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    const preview = await previewMapping(file, 'points.geojson', { name: 'Label', email: 'Courriel' }, 2);
    expect(preview.format).toBe('geojson');
    expect(preview.rows.map((r) => r.values)).toEqual([
      { name: 'Office 0', phone: '506-555-0100', lon: -66, lat: 45 },
      { name: 'Office 1', phone: '506-555-0100', lon: -66.0001, lat: 45.0001 },
    ]);
    expect(preview.unknown).toEqual([{ field: 'email', column: 'Courriel' }]);
    // The stream closes its file asynchronously: wait for it, for as long as a busy machine needs.
    // A reader left open never closes it, and this fails after 10 s.
    await vi.waitFor(() => expect(openFiles(dir) ?? 0).toBe(0), { timeout: 10_000, interval: 20 });
  });
});
