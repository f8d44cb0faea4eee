import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColocationPair, Gap, SingleOrderCommunity, SuggestedSite } from '../api/client.js';
import { offlineStyle } from './offline-style.js';

maplibregl.setWorkerUrl(workerUrl);

export interface AnalysisMapProps {
  layers: string[];
  thresholdKm: number;
  gaps: Gap[];
  colocation: ColocationPair[];
  single: SingleOrderCommunity[];
  suggested: SuggestedSite[];
}

/** Distance classes relative to the threshold; the legend names each one, so colour is never alone. */
export const DISTANCE_CLASSES = [
  { key: 'near', colour: '#1f5fa8', max: 0.5 },
  { key: 'within', colour: '#8fb8e0', max: 1 },
  { key: 'beyond', colour: '#e8a15c', max: 2 },
  { key: 'far', colour: '#8a3b00', max: Infinity },
] as const;

function fc(features: GeoJSON.Feature[]): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features };
}

function pt(lon: number | undefined, lat: number | undefined, properties: Record<string, unknown>): GeoJSON.Feature[] {
  return typeof lon === 'number' && typeof lat === 'number' ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties }] : [];
}

const LAYER_IDS: Record<string, string[]> = {
  units: ['units-fill', 'units-point'],
  gaps: ['gaps'],
  colocation: ['colocation'],
  single: ['single'],
  suggest: ['suggest', 'suggest-core'],
};

/**
 * Population units coloured by straight-line distance to the nearest matching
 * point (vector tiles from the API), with the gaps and the partnership layers
 * on top. The tables beside it carry the same information as text.
 */
export function AnalysisMap({ layers, thresholdKm, gaps, colocation, single, suggested }: AnalysisMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({ container: container.current, style: offlineStyle(), center: [-96, 58], zoom: 2.4, attributionControl: { compact: true } });
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      for (const id of ['gaps', 'colocation', 'single', 'suggest']) map.addSource(id, { type: 'geojson', data: fc([]) });
      map.addLayer({ id: 'gaps', type: 'circle', source: 'gaps', paint: {
        'circle-color': '#8a3b00', 'circle-opacity': 0.8, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1,
        'circle-radius': ['interpolate', ['linear'], ['coalesce', ['get', 'population'], 0], 0, 4, 5000, 8, 50000, 14] } });
      map.addLayer({ id: 'single', type: 'circle', source: 'single', paint: {
        'circle-color': '#ffffff', 'circle-radius': 6, 'circle-stroke-color': '#6b4fa3', 'circle-stroke-width': 3 } });
      map.addLayer({ id: 'colocation', type: 'circle', source: 'colocation', paint: {
        'circle-color': '#0b6e61', 'circle-radius': 5, 'circle-stroke-color': '#111111', 'circle-stroke-width': 2 } });
      map.addLayer({ id: 'suggest', type: 'circle', source: 'suggest', paint: {
        'circle-color': 'rgba(0,0,0,0)', 'circle-radius': 14, 'circle-stroke-color': '#111111', 'circle-stroke-width': 3 } });
      map.addLayer({ id: 'suggest-core', type: 'circle', source: 'suggest', paint: { 'circle-color': '#ffd400', 'circle-radius': 6, 'circle-stroke-color': '#111111', 'circle-stroke-width': 1 } });
      setLoaded(true);
      map.once('idle', () => setReady(true));
    });
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  // Population units from the API's vector tiles: each carries the distance to its nearest published point.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    for (const id of ['units-fill', 'units-point']) if (map.getLayer(id)) map.removeLayer(id);
    if (!map.getSource('units')) {
      map.addSource('units', { type: 'vector', tiles: [`${window.location.origin}/tiles/population_units/{z}/{x}/{y}.mvt`], minzoom: 0, maxzoom: 14 });
    }
    const d = ['coalesce', ['get', 'distance_m'], -1];
    const m = thresholdKm * 1000;
    const colour = ['case', ['<', d, 0], '#9aa1a8', ['<=', d, 0.5 * m], DISTANCE_CLASSES[0].colour, ['<=', d, m], DISTANCE_CLASSES[1].colour,
      ['<=', d, 2 * m], DISTANCE_CLASSES[2].colour, DISTANCE_CLASSES[3].colour] as unknown as string;
    const visibility = layers.includes('units') ? 'visible' : 'none';
    map.addLayer({ id: 'units-fill', type: 'fill', source: 'units', 'source-layer': 'population_units', filter: ['==', ['geometry-type'], 'Polygon'],
      layout: { visibility }, paint: { 'fill-color': colour, 'fill-opacity': 0.7, 'fill-outline-color': '#ffffff' } }, 'gaps');
    map.addLayer({ id: 'units-point', type: 'circle', source: 'units', 'source-layer': 'population_units', filter: ['==', ['geometry-type'], 'Point'],
      layout: { visibility }, paint: { 'circle-color': colour, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 2, 2, 8, 5], 'circle-opacity': 0.8 } }, 'gaps');
  }, [loaded, thresholdKm]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    void (map.getSource('gaps') as GeoJSONSource).setData(fc(gaps.flatMap((g) => pt(g.lon, g.lat, { name: g.name, population: g.population }))));
    void (map.getSource('single') as GeoJSONSource).setData(fc(single.flatMap((s) => pt(s.lon, s.lat, { name: s.name }))));
    void (map.getSource('colocation') as GeoJSONSource).setData(fc(colocation.flatMap((c) => pt((c.a.lon + c.b.lon) / 2, (c.a.lat + c.b.lat) / 2, { a: c.a.name, b: c.b.name }))));
    void (map.getSource('suggest') as GeoJSONSource).setData(fc(suggested.flatMap((s) => pt(s.lon, s.lat, { rank: s.rank }))));
  }, [loaded, gaps, colocation, single, suggested]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    for (const [layer, ids] of Object.entries(LAYER_IDS)) {
      for (const id of ids) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', layers.includes(layer) ? 'visible' : 'none');
    }
  }, [loaded, layers.join(',')]);

  return (
    <div className="analysis-map-wrap" data-map-ready={ready ? 'true' : 'false'}>
      <div ref={container} className="analysis-map" role="region" aria-label={t('analysis.map_label')} />
      <div className="legend">
        <p className="legend-title">{t('analysis.legend_distance', { km: thresholdKm })}</p>
        <p className="legend-note">{t('analysis.legend_any_point')}</p>
        <ul>
          {DISTANCE_CLASSES.map((c) => (
            <li key={c.key}>
              <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
              {t(`analysis.class_${c.key}`, { km: thresholdKm, km2: thresholdKm * 2, half: thresholdKm / 2 })}
            </li>
          ))}
          <li>
            <span className="swatch" style={{ background: '#8a3b00' }} aria-hidden="true" />
            {t('analysis.layer_gaps')}
          </li>
          <li>
            <span className="swatch ring" style={{ borderColor: '#6b4fa3' }} aria-hidden="true" />
            {t('analysis.layer_single')}
          </li>
          <li>
            <span className="swatch" style={{ background: '#0b6e61', boxShadow: '0 0 0 2px #111' }} aria-hidden="true" />
            {t('analysis.layer_colocation')}
          </li>
          <li>
            <span className="swatch" style={{ background: '#ffd400', boxShadow: '0 0 0 3px #111' }} aria-hidden="true" />
            {t('analysis.layer_suggest')}
          </li>
        </ul>
      </div>
    </div>
  );
}
