import type { StyleSpecification } from 'maplibre-gl';
import { provincesUrl } from './map-assets.js';

/**
 * A base map that needs no network: water, then Canada's provinces and
 * territories from the simplified Natural Earth layer served with the app.
 */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      provinces: { type: 'geojson', data: provincesUrl, attribution: 'Natural Earth' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#d7e6ef' } },
      { id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': '#f6f4ee' } },
      { id: 'provinces-line', type: 'line', source: 'provinces', paint: { 'line-color': '#8c969e', 'line-width': 1 } },
    ],
  };
}
