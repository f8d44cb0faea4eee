import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { appConfig, type ServicePoint } from '../api/client.js';
import { LEVEL_COLOURS, LEVELS } from './levels.js';
import { workerUrl } from './map-assets.js';
import { offlineStyle } from './offline-style.js';

// MapLibre 6 is ES-module only: its worker must be given to it as a URL.
maplibregl.setWorkerUrl(workerUrl);
// Its worker (half a megabyte to download and compile) starts now, while React mounts the map.
maplibregl.prewarm();

/** What the map needs of a point (a located one); service points and a feed's staged rows both fit. */
export type MapPoint = Pick<ServicePoint, 'id' | 'name'> & { lon: number; lat: number; level: string };

export interface MapViewProps {
  points: MapPoint[];
  origin: { lon: number; lat: number } | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onReady?: () => void;
  /** On a phone the map is hidden behind a toggle; MapLibre must measure itself again when shown. */
  visible?: boolean;
}

const levelColour = [
  'match',
  ['get', 'level'],
  ...LEVELS.flatMap((l) => [l, LEVEL_COLOURS[l]]),
  '#555555',
] as unknown as string;

function pointsGeoJson(points: MapPoint[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: points.map((p) => ({
      type: 'Feature',
      id: p.id,
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: { id: p.id, level: p.level, name: p.name },
    })),
  };
}

/** The map: points coloured by order of government, clustered when zoomed out; the list is its complete alternative. */
export function MapView({ points, origin, selectedId, onSelect, onReady, visible }: MapViewProps) {
  const { t } = useTranslation();
  const tRef = useRef(t);
  tRef.current = t;
  const container = useRef<HTMLDivElement>(null);
  const markers = useRef<KeyboardMarkers | null>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const loaded = useRef(false);
  /** What the map draws now; a re-render of the page with the same points must not redraw or move it. */
  const drawn = useRef<{ points: MapPoint[]; origin: MapViewProps['origin'] }>({ points: [], origin: null });
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const latest = useRef({ points, origin, selectedId });
  latest.current = { points, origin, selectedId };

  useEffect(() => {
    if (!container.current) return;
    // The first frame already shows the search: the results and the searched place are in the
    // style the map starts with, and the camera starts on them, so the map draws the right place
    // once instead of drawing Canada and then moving (each frame costs a lot on a slow device).
    const first = latest.current;
    drawn.current = { points: first.points, origin: first.origin };
    const map = new maplibregl.Map({
      container: container.current,
      style: startStyle(first.points, first.origin, first.selectedId),
      ...startCamera(first.points, first.origin),
      attributionControl: { compact: true },
      // Our layers have no labels to fade in; with a fade, every tile that arrives keeps the map
      // redrawing for 300 ms more, and on a slow device each of those frames holds up the first one.
      fadeDuration: 0,
    });
    mapRef.current = map;
    // The offline base layer always works; an online style, when configured, replaces it only once it loads.
    appConfig().then(
      (c) => {
        if (!c.basemap_style_url || mapRef.current !== map) return;
        const url = c.basemap_style_url;
        fetch(url)
          .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
          .then(
            (style: maplibregl.StyleSpecification) => {
              if (mapRef.current !== map) return;
              map.setStyle(style, {
                transformStyle: (_prev, next) => ({
                  ...next,
                  sources: { ...next.sources, ...pickSources(map) },
                  layers: [
                    ...next.layers,
                    ...OUR_LAYERS.flatMap((id) => {
                      const l = map.getLayer(id);
                      return l ? [l.serialize() as maplibregl.LayerSpecification] : [];
                    }),
                  ],
                }),
              });
            },
            () => undefined,
          );
      },
      () => undefined,
    );
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      map.on('click', 'points', (e) => {
        const id = e.features?.[0]?.properties?.['id'];
        if (typeof id === 'string') onSelectRef.current(id);
      });
      map.on('click', 'clusters', (e) => {
        const f = e.features?.[0];
        if (f?.geometry.type === 'Point')
          map.easeTo({ center: f.geometry.coordinates as [number, number], zoom: map.getZoom() + 2 });
      });
      // The keyboard's way in: a focusable, labelled button over each point and cluster the map shows.
      markers.current = new KeyboardMarkers(
        map,
        (id) => onSelectRef.current(id),
        (k, o) => tRef.current(k, o),
      );
      for (const layer of ['points', 'clusters']) {
        map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
        map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
      }
      loaded.current = true;
      // Results or a place that came after the map started are drawn now; what it started with is already there.
      const now = latest.current;
      if (!samePlaces(now.points, first.points) || now.origin !== first.origin) {
        apply(map, now.points, now.origin, now.selectedId, true);
        drawn.current = { points: now.points, origin: now.origin };
      } else if (now.selectedId !== first.selectedId) apply(map, now.points, now.origin, now.selectedId, false);
      markers.current.setPoints(now.points, now.selectedId);
      map.once('idle', () => onReady?.());
    });
    return () => {
      loaded.current = false;
      markers.current?.remove();
      markers.current = null;
      map.remove();
      mapRef.current = null;
    };
    // The map is created once; later prop changes go through the effects below.
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    const same = samePlaces(points, drawn.current.points) && origin === drawn.current.origin;
    if (map && loaded.current && !same) {
      apply(map, points, origin, selectedId, true);
      drawn.current = { points, origin };
    }
    markers.current?.setPoints(points, selectedId);
  }, [points, origin]);

  useEffect(() => {
    const map = mapRef.current;
    if (map && loaded.current) apply(map, points, origin, selectedId, false);
    markers.current?.setPoints(points, selectedId);
  }, [selectedId]);

  useEffect(() => {
    markers.current?.refresh();
  }, [t]);

  useEffect(() => {
    if (visible) mapRef.current?.resize();
  }, [visible]);

  return (
    <div className="map-wrap">
      <div
        ref={container}
        className="map"
        role="region"
        aria-label={t('map.label')}
        aria-describedby="map-keys"
        data-testid="map"
      />
      <p id="map-keys" className="visually-hidden">
        {t('map.keys')}
      </p>
      <div className="legend" aria-label={t('map.legend')}>
        <ul>
          {LEVELS.map((l) => (
            <li key={l}>
              <span className="swatch" style={{ background: LEVEL_COLOURS[l] }} aria-hidden="true" />
              {t(`level.${l}`)}
            </li>
          ))}
          <li>
            <span className="swatch cluster-swatch" aria-hidden="true" />
            {t('map.cluster')}
          </li>
          <li>
            <span className="swatch origin-swatch" aria-hidden="true" />
            {t('map.searched_location')}
          </li>
        </ul>
      </div>
    </div>
  );
}

const OUR_LAYERS = ['clusters', 'points', 'selected', 'origin'];

function originGeoJson(origin: MapViewProps['origin']): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: origin
      ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [origin.lon, origin.lat] }, properties: {} }]
      : [],
  };
}

/** The base map with our points, clusters, selection ring and searched place on top, holding what is known at start. */
function startStyle(
  points: MapPoint[],
  origin: MapViewProps['origin'],
  selectedId: string | null,
): maplibregl.StyleSpecification {
  const base = offlineStyle();
  return {
    ...base,
    sources: {
      ...base.sources,
      points: { type: 'geojson', data: pointsGeoJson(points), cluster: true, clusterRadius: 40, clusterMaxZoom: 8 },
      origin: { type: 'geojson', data: originGeoJson(origin) },
    },
    layers: [
      ...base.layers,
      {
        id: 'clusters',
        type: 'circle',
        source: 'points',
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': '#3d4852',
          'circle-opacity': 0.85,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
          'circle-radius': ['step', ['get', 'point_count'], 12, 10, 16, 50, 22],
        },
      },
      {
        id: 'points',
        type: 'circle',
        source: 'points',
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': levelColour,
          'circle-radius': 7,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      },
      {
        id: 'selected',
        type: 'circle',
        source: 'points',
        filter: ['==', ['get', 'id'], selectedId ?? ''],
        paint: {
          'circle-color': 'rgba(0,0,0,0)',
          'circle-radius': 12,
          'circle-stroke-color': '#111111',
          'circle-stroke-width': 3,
        },
      },
      {
        id: 'origin',
        type: 'circle',
        source: 'origin',
        paint: {
          'circle-color': '#111111',
          'circle-radius': 6,
          'circle-stroke-color': '#ffd400',
          'circle-stroke-width': 3,
        },
      },
    ],
  };
}

/** The area `apply` would fit for these points and this place, if there is one. */
function fitFor(
  points: MapPoint[],
  origin: MapViewProps['origin'],
): { bounds: maplibregl.LngLatBounds; padding: number } | null {
  const around = origin ? points.slice(0, 5) : points;
  const start = origin ?? around[0];
  if (!start || (!origin && around.length === 0)) return null;
  const bounds = new maplibregl.LngLatBounds([start.lon, start.lat], [start.lon, start.lat]);
  for (const p of around) bounds.extend([p.lon, p.lat]);
  return { bounds, padding: origin ? 60 : 40 };
}

/** Where the map starts: where `apply` would fit the search and its results (the place alone until they come), else all of Canada. */
function startCamera(
  points: MapPoint[],
  origin: MapViewProps['origin'],
): Pick<maplibregl.MapOptions, 'center' | 'zoom' | 'bounds' | 'fitBoundsOptions'> {
  const fit = fitFor(points, origin);
  if (fit) return { bounds: fit.bounds, fitBoundsOptions: { padding: fit.padding, maxZoom: 11 } };
  return { center: [-96, 58], zoom: 2.6 };
}

/** Whether two lists put the same points in the same places and order (a new array with the same points is the same). */
function samePlaces(a: MapPoint[], b: MapPoint[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]!;
      return p.id === q.id && p.lon === q.lon && p.lat === q.lat && p.level === q.level && p.name === q.name;
    })
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The map's markers for the keyboard and screen readers: a button over each
 * point and each cluster the map currently draws (so they follow zoom and
 * clustering), in the list's order, labelled with the point's name and order
 * of government, the selected one marked current. Enter or Space on a point
 * opens it, as clicking it does; on a cluster it zooms to its points.
 */
class KeyboardMarkers {
  private points: MapPoint[] = [];
  private selectedId: string | null = null;
  private readonly shown = new Map<string, maplibregl.Marker>();
  private readonly onChange = () => this.refresh();

  constructor(
    private readonly map: MapLibreMap,
    private readonly onSelect: (id: string) => void,
    private readonly t: Translate,
  ) {
    map.on('moveend', this.onChange);
    map.on('sourcedata', (e) => {
      if (e.sourceId === 'points' && e.isSourceLoaded) this.refresh();
    });
  }

  setPoints(points: MapPoint[], selectedId: string | null): void {
    this.points = points;
    this.selectedId = selectedId;
    this.refresh();
  }

  remove(): void {
    this.map.off('moveend', this.onChange);
    for (const m of this.shown.values()) m.remove();
    this.shown.clear();
  }

  refresh(): void {
    const src = this.map.getSource('points') as GeoJSONSource | undefined;
    if (!src) return;
    const order = new Map(this.points.map((p, i) => [p.id, i]));
    const byId = new Map(this.points.map((p) => [p.id, p]));
    const wanted: {
      key: string;
      lngLat: [number, number];
      label: string;
      rank: number;
      build: (el: HTMLButtonElement) => void;
    }[] = [];
    const seen = new Set<string>();
    for (const f of this.map.querySourceFeatures('points')) {
      if (f.geometry.type !== 'Point') continue;
      const lngLat = f.geometry.coordinates as [number, number];
      const props = f.properties ?? {};
      if (props['cluster']) {
        const clusterId = Number(props['cluster_id']);
        const key = `cluster-${clusterId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const count = Number(props['point_count']);
        wanted.push({
          key,
          lngLat,
          rank: -1,
          label: this.t('map.cluster_marker', { count }),
          build: (el) => {
            el.className = 'map-marker cluster-marker';
            el.dataset['cluster'] = String(count);
            el.onclick = () => {
              void src.getClusterExpansionZoom(clusterId).then(
                (zoom) => this.map.easeTo({ center: lngLat, zoom: Math.min(zoom, 14) }),
                () => undefined,
              );
            };
          },
        });
      } else {
        const id = String(props['id'] ?? '');
        const p = byId.get(id);
        if (!p || seen.has(id)) continue;
        seen.add(id);
        wanted.push({
          key: id,
          lngLat: [p.lon, p.lat],
          rank: order.get(id) ?? 0,
          label: this.t('map.point_marker', {
            name: p.name,
            level: this.t(`level.${p.level}`),
            n: (order.get(id) ?? 0) + 1,
            total: this.points.length,
          }),
          build: (el) => {
            el.className = 'map-marker point-marker';
            el.dataset['pointId'] = id;
            el.onclick = () => this.onSelect(id);
          },
        });
      }
    }
    // Clusters first (by position), then points in the list's order: Tab walks the map as the list reads.
    wanted.sort((a, b) => a.rank - b.rank || a.lngLat[0] - b.lngLat[0]);
    const keep = new Set(wanted.map((w) => w.key));
    const focused =
      document.activeElement instanceof HTMLElement ? document.activeElement.dataset['markerKey'] : undefined;
    for (const [key, m] of this.shown) {
      if (!keep.has(key)) {
        m.remove();
        this.shown.delete(key);
      }
    }
    for (const w of wanted) {
      let m = this.shown.get(w.key);
      if (!m) {
        const el = document.createElement('button');
        el.type = 'button';
        el.dataset['markerKey'] = w.key;
        w.build(el);
        // The canvas already draws the point: the button is its focus ring and its name.
        m = new maplibregl.Marker({ element: el }).setLngLat(w.lngLat);
        this.shown.set(w.key, m);
      }
      const el = m.getElement();
      el.setAttribute('aria-label', w.label);
      el.title = w.label;
      if (w.key === this.selectedId) el.setAttribute('aria-current', 'true');
      else el.removeAttribute('aria-current');
      // Re-adding moves the element to the end of the container: the DOM (and Tab) follow the list's order.
      m.addTo(this.map);
    }
    if (focused) (this.shown.get(focused)?.getElement() as HTMLElement | undefined)?.focus({ preventScroll: true });
  }
}

function pickSources(map: MapLibreMap): Record<string, maplibregl.SourceSpecification> {
  const out: Record<string, maplibregl.SourceSpecification> = {};
  for (const id of ['points', 'origin']) {
    const src = map.getSource(id) as GeoJSONSource | undefined;
    if (src) out[id] = src.serialize() as maplibregl.SourceSpecification;
  }
  return out;
}

function apply(
  map: MapLibreMap,
  points: MapPoint[],
  origin: MapViewProps['origin'],
  selectedId: string | null,
  fit: boolean,
) {
  void (map.getSource('points') as GeoJSONSource | undefined)?.setData(pointsGeoJson(points));
  void (map.getSource('origin') as GeoJSONSource | undefined)?.setData(originGeoJson(origin));
  map.setFilter('selected', ['==', ['get', 'id'], selectedId ?? '']);
  const selected = points.find((p) => p.id === selectedId);
  if (!fit && selected) {
    map.easeTo({ center: [selected.lon, selected.lat], zoom: Math.max(map.getZoom(), 10) });
    return;
  }
  // With no searched place (a feed preview, a shared point) every point is shown; with one, it and its nearest five.
  const area = fit && (origin || points.length > 0) ? fitFor(points, origin) : null;
  if (area) map.fitBounds(area.bounds, { padding: area.padding, maxZoom: 11, duration: 0 });
}
