import * as maplibregl from 'maplibre-gl';
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapLayer } from '../api/types.js';
import type { Lang } from '../i18n/index.js';
import { legendExpression } from './legend-expression.js';
import { offlineStyle } from './offline-style.js';

maplibregl.setWorkerUrl(workerUrl);

export interface AtlasPosition {
  lon: number;
  lat: number;
  zoom: number;
}

export interface AtlasMapProps {
  /** Every layer the atlas knows, in legend order; choropleths are drawn under points whatever the order. */
  catalog: MapLayer[];
  /** Ids of the layers switched on. */
  visible: string[];
  lang: Lang;
  at: AtlasPosition | null;
  onMove: (p: AtlasPosition) => void;
}

export interface AtlasMapHandle {
  /** The map's canvas, readable because it is drawn with preserveDrawingBuffer; null before the map exists. */
  canvas(): HTMLCanvasElement | null;
  /** Resolves once every visible tile is drawn. */
  idle(): Promise<void>;
}

const HOME: AtlasPosition = { lon: -96, lat: 58, zoom: 2.4 };

/** A tile template made absolute so MapLibre's worker can fetch it (the server already put the filters in it). */
function tileUrl(template: string): string {
  return /^https?:/.test(template) ? template : `${window.location.origin}${template}`;
}

const SQUARE = 'atlas-square';

/**
 * A square as a signed distance field (alpha = distance to the edge), so
 * MapLibre can colour each square from the legend and draw a halo around it.
 */
function squareImage(): { width: number; height: number; data: Uint8Array } {
  const size = 24;
  const half = 7;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = Math.abs(x + 0.5 - size / 2) - half;
      const dy = Math.abs(y + 0.5 - size / 2) - half;
      const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0);
      const i = (y * size + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = 255;
      data[i + 3] = Math.max(0, Math.min(255, Math.round(191 - outside * 24)));
    }
  }
  return { width: size, height: size, data };
}

/** What one feature is, in words: the layer, its name and its class; built from text nodes, never from HTML. */
function featureCard(layer: MapLayer, props: Record<string, unknown>, lang: Lang, several: string): HTMLElement {
  const card = document.createElement('div');
  const title = document.createElement('p');
  title.className = 'feature-layer';
  title.textContent = lang === 'fr' ? layer.title_fr : layer.title_en;
  card.append(title);
  const name = props['name_fr'] !== undefined && lang === 'fr' ? props['name_fr'] : props['name'];
  if (typeof name === 'string' && name) {
    const n = document.createElement('p');
    n.className = 'feature-name';
    n.textContent = name;
    card.append(n);
  }
  const value = props[layer.property];
  const c = layer.legend.find((l) => l.value !== undefined && l.value !== null && String(l.value) === String(value));
  const text =
    props['point_count'] !== undefined
      ? `${String(props['point_count'])} · ${several}`
      : c
        ? lang === 'fr'
          ? c.label_fr
          : c.label_en
        : null;
  if (text) {
    const v = document.createElement('p');
    v.textContent = text;
    card.append(v);
  }
  return card;
}

/** The style layers drawn for one atlas layer (ids prefixed with the layer id). */
function styleLayers(layer: MapLayer): LayerSpecification[] {
  const colour = legendExpression(layer.property, layer.legend) as string;
  const source = `atlas-${layer.id}`;
  const common = { source, 'source-layer': layer.source_layer } as const;
  if (layer.symbol === 'square') {
    return [
      {
        id: `${layer.id}-dot`,
        type: 'symbol',
        ...common,
        layout: {
          'icon-image': SQUARE,
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
          'icon-size': [
            'interpolate',
            ['linear'],
            ['zoom'],
            2,
            ['case', ['has', 'point_count'], 0.8, 0.55],
            10,
            ['case', ['has', 'point_count'], 1.2, 0.9],
          ],
        },
        paint: { 'icon-color': colour, 'icon-halo-color': '#ffffff', 'icon-halo-width': 1.5 },
      },
    ];
  }
  const dot: LayerSpecification = {
    id: `${layer.id}-dot`,
    type: 'circle',
    ...common,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': colour,
      'circle-radius':
        layer.kind === 'points'
          ? ['interpolate', ['linear'], ['zoom'], 2, 3.5, 8, 6, 12, 8]
          : ['interpolate', ['linear'], ['zoom'], 2, 3, 5, 4.5, 8, 6],
      'circle-opacity': 0.9,
      'circle-stroke-color': layer.kind === 'points' ? '#ffffff' : 'rgba(255,255,255,0.6)',
      'circle-stroke-width': layer.kind === 'points' ? 1.5 : 0.5,
    },
  };
  if (layer.kind === 'points') return [dot];
  return [
    {
      id: `${layer.id}-fill`,
      type: 'fill',
      ...common,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': colour, 'fill-opacity': 0.75 },
    },
    {
      id: `${layer.id}-line`,
      type: 'line',
      ...common,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': '#ffffff', 'line-width': 0.5, 'line-opacity': 0.8 },
    },
    dot,
  ];
}

/**
 * The atlas: the offline base map with every layer of the catalog as vector
 * tiles, styled from its legend, filtered like the findings, and its view
 * kept in the URL. Areas lie under the points, and the service points on top.
 */
export const AtlasMap = forwardRef<AtlasMapHandle, AtlasMapProps>(function AtlasMap(
  { catalog, visible, lang, at, onMove },
  ref,
) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const drawn = useRef<string[]>([]);
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;
  const describe = useRef<(f: maplibregl.MapGeoJSONFeature) => HTMLElement | null>(() => null);
  describe.current = (f) => {
    const id = f.layer.id.replace(/-(fill|line|dot)$/, '');
    const layer = catalog.find((l) => l.id === id);
    if (!layer) return null;
    return featureCard(layer, f.properties, lang, t('atlas.several_points'));
  };
  const [loaded, setLoaded] = useState(false);
  const [ready, setReady] = useState(false);

  useImperativeHandle(
    ref,
    () => ({
      canvas: () => mapRef.current?.getCanvas() ?? null,
      idle: () =>
        new Promise<void>((resolve) => {
          const map = mapRef.current;
          if (!map || map.loaded()) resolve();
          else map.once('idle', () => resolve());
        }),
    }),
    [],
  );

  useEffect(() => {
    if (!container.current) return;
    const start = at ?? HOME;
    const map = new maplibregl.Map({
      container: container.current,
      style: offlineStyle(),
      center: [start.lon, start.lat],
      zoom: start.zoom,
      attributionControl: false,
      // Kept so the PNG export and the browser's print can read the drawn map.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    // Attribution and scale at the bottom left, the legend at the bottom right: neither hides the other.
    map.addControl(new maplibregl.AttributionControl({ compact: true }), 'bottom-left');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.on('load', () => {
      map.addImage(SQUARE, squareImage(), { sdf: true });
      setLoaded(true);
      map.once('idle', () => setReady(true));
    });
    // A click names what is under it; the layer's table is the same information for keyboard and screen-reader users.
    map.on('click', (e) => {
      const ours = new Set(drawn.current);
      const hit = map.queryRenderedFeatures(e.point).filter((f) => ours.has(f.layer.id));
      const cards = hit
        .slice(0, 3)
        .map((f) => describe.current(f))
        .filter((c): c is HTMLElement => c !== null);
      if (cards.length === 0) return;
      const box = document.createElement('div');
      box.className = 'feature-popup';
      box.append(...cards);
      new maplibregl.Popup({ maxWidth: '280px' }).setLngLat(e.lngLat).setDOMContent(box).addTo(map);
    });
    map.on('moveend', () => {
      const c = map.getCenter();
      onMoveRef.current({ lon: c.lng, lat: c.lat, zoom: map.getZoom() });
    });
    return () => {
      map.remove();
      mapRef.current = null;
    };
    // The map is made once; the effects below follow the props.
  }, []);

  // Sources and style layers, rebuilt when the catalog (its tile URLs carry the filters) or the language change.
  const catalogKey = catalog.map((l) => `${l.id}:${l.tiles}:${JSON.stringify(l.legend)}`).join('|');
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    for (const id of drawn.current) if (map.getLayer(id)) map.removeLayer(id);
    for (const l of catalog) if (map.getSource(`atlas-${l.id}`)) map.removeSource(`atlas-${l.id}`);
    drawn.current = [];
    // Areas first, then the layers' points, then the service points on top: the subject of every analysis stays visible.
    const rank = (l: MapLayer) => (l.kind === 'choropleth' ? 0 : l.symbol === 'square' ? 2 : 1);
    const ordered = [...catalog].sort((a, b) => rank(a) - rank(b));
    for (const layer of ordered) {
      map.addSource(`atlas-${layer.id}`, {
        type: 'vector',
        tiles: [tileUrl(layer.tiles)],
        minzoom: 0,
        maxzoom: 14,
        attribution: lang === 'fr' ? layer.source.attribution_fr : layer.source.attribution_en,
      });
      for (const spec of styleLayers(layer)) {
        const layout = 'layout' in spec ? spec.layout : {};
        map.addLayer({
          ...spec,
          layout: { ...layout, visibility: visible.includes(layer.id) ? 'visible' : 'none' },
        } as LayerSpecification);
        drawn.current.push(spec.id);
      }
    }
  }, [loaded, catalogKey, lang]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    for (const layer of catalog) {
      for (const suffix of ['fill', 'line', 'dot']) {
        const id = `${layer.id}-${suffix}`;
        if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible.includes(layer.id) ? 'visible' : 'none');
      }
    }
  }, [loaded, catalogKey, visible.join(',')]);

  // Back and forward move the map to the position in the URL.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !at) return;
    const c = map.getCenter();
    if (
      Math.abs(c.lng - at.lon) > 1e-3 ||
      Math.abs(c.lat - at.lat) > 1e-3 ||
      Math.abs(map.getZoom() - at.zoom) > 0.01
    ) {
      map.jumpTo({ center: [at.lon, at.lat], zoom: at.zoom });
    }
  }, [at?.lon, at?.lat, at?.zoom]);

  return (
    <div
      ref={container}
      className="atlas-map"
      role="region"
      aria-label={t('atlas.map_label')}
      data-map-ready={ready ? 'true' : 'false'}
      data-testid="atlas-map"
    />
  );
});
