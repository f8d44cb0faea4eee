import { levelsIn } from '../../map/levels.js';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyNotice } from './empty-notice.js';
import {
  dataStatus,
  nearest,
  nearestExportUrl,
  servicePoint,
  type DataStatus,
  type PointFilters,
  type ServicePoint,
} from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { ErrorBoundary } from '../../components/error-boundary.js';
import { warmMapAssets } from '../../map/map-assets.js';
import type { MapPoint } from '../../map/map-view.js';
import type { Lang } from '../../i18n/index.js';
import { listParam, useUrlState } from '../../routing/use-url-state.js';
import { taxonName, useTaxonomy } from '../../taxonomy/use-taxonomy.js';
import { Filters } from './filters.js';
import { WhoHandlesPanel } from '../channels/who-handles-panel.js';
import { WrongDoorNotice } from '../channels/wrong-door-notice.js';
import { LifeEvents } from './life-events.js';
import { PointDetail } from './point-detail.js';
import { ResultList } from './result-list.js';
import { SearchBox } from './search-box.js';

// MapLibre is most of the code; the list (a complete alternative) shows while it loads.
let mapViewCode: Promise<typeof import('../../map/map-view.js')> | null = null;
/**
 * Starts loading the map's code (once). The page calls it before its first render when it opens
 * on the finder, so the map downloads while the list is built instead of after it.
 */
export function preloadMapView(): Promise<typeof import('../../map/map-view.js')> {
  warmMapAssets();
  return (mapViewCode ??= import('../../map/map-view.js'));
}
const MapView = lazy(() => preloadMapView().then((m) => ({ default: m.MapView })));

interface Origin {
  name: string;
  lon: number;
  lat: number;
}

function originOf(p: URLSearchParams): Origin | null {
  const lon = Number(p.get('lon'));
  const lat = Number(p.get('lat'));
  if (!p.get('lon') || !p.get('lat') || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  return { name: p.get('place') ?? `${lat.toFixed(3)}, ${lon.toFixed(3)}`, lon, lat };
}

function filtersOf(p: URLSearchParams): PointFilters {
  return {
    level: levelsIn(listParam(p, 'level')),
    category: listParam(p, 'category'),
    language: listParam(p, 'language'),
    accessibility: listParam(p, 'accessibility'),
    open_now: p.get('open_now') === 'true',
  };
}

/** The citizen's view: search, filters, life events, the nearest service points in a list and on the map, one point's detail. */
export function Finder({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const [params, setParams] = useUrlState();
  const originKey = `${params.get('lon')}|${params.get('lat')}|${params.get('place')}`;
  // Memoised on the URL text so that a new URLSearchParams object does not start a new search.
  const origin = useMemo(() => originOf(params), [originKey]);
  const filterKey = ['level', 'category', 'language', 'accessibility', 'open_now']
    .map((k) => params.get(k) ?? '')
    .join('|');
  const filters = useMemo(() => filtersOf(params), [filterKey]);
  const selectedId = params.get('point');
  const eventCode = params.get('event');
  const taxonomy = useTaxonomy(lang);

  const [points, setPoints] = useState<ServicePoint[]>([]);
  const [state, setState] = useState<'idle' | 'loading' | 'done' | 'error'>('idle');
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<ServicePoint | null>(null);
  const [status, setStatus] = useState<DataStatus | null>(null);
  const [mapReady, setMapReady] = useState(false);
  const [show, setShow] = useState<'list' | 'map'>('list');
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const focus = useRef<'results' | 'detail' | string | null>(null);

  useEffect(() => {
    // While the first start is still trying the feed catalog, ask again until it has an answer.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let tries = 0;
    const read = () =>
      dataStatus()
        .then((s) => {
          setStatus(s);
          const pending = s.catalog?.state === 'pending' || s.catalog?.state === 'checking';
          if (pending && tries++ < 30) timer = setTimeout(read, 2000);
        })
        .catch(() => undefined);
    void read();
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (!origin) {
      setPoints([]);
      setState('idle');
      return;
    }
    const ctrl = new AbortController();
    setState('loading');
    nearest(origin.lon, origin.lat, filters, lang, ctrl.signal).then(
      (r) => {
        setPoints(r);
        setState('done');
      },
      (e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        setError(e);
        setState('error');
      },
    );
    return () => ctrl.abort();
  }, [origin, filters, lang]);

  const listed = points.find((p) => p.id === selectedId) ?? null;
  // The list's copy shows at once; the point read by id (with its channels) replaces it when it comes.
  const fetched = extra?.id === selectedId ? extra : null;
  const selected = fetched && listed ? { ...listed, ...fetched } : (fetched ?? listed);

  // The detail reads the point by id: a shared link can open a point that is not in the list, and
  // only the point by id carries its other channels (read again in the new language).
  useEffect(() => {
    if (!selectedId || state === 'loading') return;
    const ctrl = new AbortController();
    servicePoint(selectedId, lang, ctrl.signal).then(setExtra, () => undefined);
    return () => ctrl.abort();
  }, [selectedId, lang, state]);

  // Focus follows what the person just asked for: the results after a search, the detail when opened,
  // and back to the point in the list when the detail closes.
  useEffect(() => {
    if (focus.current === 'results' && state === 'done') {
      focus.current = null;
      resultsHeading.current?.focus();
    } else if (focus.current === 'detail' && selected) {
      focus.current = null;
      detailHeading.current?.focus();
    } else if (focus.current?.startsWith('result-') && !selectedId) {
      const id = focus.current;
      focus.current = null;
      document.querySelector<HTMLButtonElement>(`#${CSS.escape(id)} button`)?.focus();
    }
  });

  const onPlace = useCallback(
    (place: Origin) => {
      focus.current = 'results';
      setParams({ place: place.name, lon: place.lon.toFixed(5), lat: place.lat.toFixed(5), point: null });
    },
    [setParams],
  );
  const open = useCallback(
    (id: string) => {
      focus.current = 'detail';
      setParams({ point: id });
    },
    [setParams],
  );
  const openFromLifeEvent = (p: ServicePoint) => {
    setExtra(p);
    open(p.id);
  };
  const close = () => {
    focus.current = selectedId ? `result-${selectedId}` : null;
    setParams({ point: null });
  };
  const onFilters = (f: PointFilters) => {
    setParams(
      {
        level: f.level?.join(',') ?? null,
        category: f.category?.join(',') ?? null,
        language: f.language?.join(',') ?? null,
        accessibility: f.accessibility?.join(',') ?? null,
        open_now: f.open_now ? 'true' : null,
        point: null,
      },
      true,
    );
  };
  const categoryName = (code: string) => {
    const c = taxonomy.categories?.find((x) => x.code === code);
    return c ? taxonName(c, lang) : code.replace(/_/g, ' ');
  };

  // Only located points go on the map; an unlocated one still has its page and its place in the list.
  const mapPoints = (selected && !listed ? [...points, selected] : points).filter(
    (p): p is ServicePoint & MapPoint => typeof p.lon === 'number' && typeof p.lat === 'number',
  );
  const empty = status !== null && status.published_points === 0;
  const activeFilters =
    (filters.level?.length ?? 0) +
    (filters.category?.length ?? 0) +
    (filters.language?.length ?? 0) +
    (filters.accessibility?.length ?? 0) +
    (filters.open_now ? 1 : 0);
  return (
    <div className={`finder show-${show}`} data-map-ready={mapReady ? 'true' : 'false'}>
      <h1 className="visually-hidden">{t('nav.finder')}</h1>
      <div className="view-toggle" role="group" aria-label={t('finder.show')}>
        <button type="button" aria-pressed={show === 'list'} className="secondary" onClick={() => setShow('list')}>
          {t('finder.show_list')}
        </button>
        <button type="button" aria-pressed={show === 'map'} className="secondary" onClick={() => setShow('map')}>
          {t('finder.show_map')}
        </button>
      </div>
      <section className="panel" aria-label={t('finder.panel')}>
        <SearchBox lang={lang} onPlace={onPlace} initial={origin?.name ?? ''} />
        {empty && status && <EmptyNotice status={status} lang={lang} />}
        {status !== null && (status.synthetic_feeds ?? 0) > 0 && (
          <div className="notice synthetic" role="note">
            {t('status.synthetic_banner')}
          </div>
        )}
        <p className="visually-hidden" aria-live="polite" data-testid="live-count">
          {state === 'done' && origin ? t('results.count', { count: points.length, place: origin.name }) : ''}
        </p>
        {selected ? (
          <ErrorBoundary what={t('detail.panel')} resetKey={selected.id}>
            <PointDetail
              ref={detailHeading}
              point={selected}
              lang={lang}
              origin={origin}
              categoryName={categoryName}
              onClose={close}
            />
          </ErrorBoundary>
        ) : (
          <>
            <Filters lang={lang} filters={filters} taxonomy={taxonomy} onChange={onFilters} />
            {origin && filters.level?.length === 1 && (filters.category?.length ?? 0) > 0 && (
              <ErrorBoundary resetKey={`${filterKey}|${originKey}`}>
                <WrongDoorNotice
                  lang={lang}
                  level={filters.level[0]!}
                  categories={filters.category ?? []}
                  origin={origin}
                />
              </ErrorBoundary>
            )}
            <ErrorBoundary what={t('life.title')} resetKey={`${eventCode}|${originKey}`}>
              <LifeEvents
                lang={lang}
                taxonomy={taxonomy}
                eventCode={eventCode}
                origin={origin}
                onEvent={(code) => setParams({ event: code })}
                onOpen={openFromLifeEvent}
              />
            </ErrorBoundary>
            <ErrorBoundary what={t('channels.title')} resetKey={originKey}>
              <WhoHandlesPanel lang={lang} taxonomy={taxonomy} origin={origin} />
            </ErrorBoundary>
            <h2 id="results" ref={resultsHeading} tabIndex={-1}>
              {origin ? t('results.near', { place: origin.name }) : t('results.heading')}
            </h2>
            {state === 'idle' && <p>{t('results.start')}</p>}
            {state === 'loading' && <p>{t('results.loading')}</p>}
            {state === 'error' && <ApiErrorMessage error={error} what={t('results.error')} />}
            {state === 'done' && points.length === 0 && (
              <p>{activeFilters > 0 ? t('results.none_filtered') : t('results.none')}</p>
            )}
            {points.length > 0 && <p className="distance-note">{t('results.distance_note')}</p>}
            {points.length > 0 && origin && (
              <p className="print-only">
                {t('results.printed_from', {
                  place: origin.name,
                  date: new Date().toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA'),
                })}
              </p>
            )}
            <ErrorBoundary what={t('results.heading')} resetKey={points}>
              <ResultList points={points} selectedId={selectedId} onOpen={open} />
            </ErrorBoundary>
            {points.length > 0 && origin && (
              <div className="exports" role="group" aria-label={t('results.export_label')}>
                <a
                  href={nearestExportUrl(origin.lon, origin.lat, filters, 'csv', lang)}
                  download
                  data-testid="export-csv"
                >
                  {t('results.export_csv')}
                </a>
                <a
                  href={nearestExportUrl(origin.lon, origin.lat, filters, 'geojson', lang)}
                  download
                  data-testid="export-geojson"
                >
                  {t('results.export_geojson')}
                </a>
                <button type="button" className="secondary" onClick={() => window.print()} data-testid="print">
                  {t('results.print')}
                </button>
              </div>
            )}
          </>
        )}
      </section>
      <ErrorBoundary what={t('map.label')}>
        <Suspense fallback={<div className="map-wrap map-loading">{t('map.loading')}</div>}>
          <MapView
            points={mapPoints}
            origin={origin}
            selectedId={selectedId}
            visible={show === 'map'}
            onSelect={open}
            onReady={() => setMapReady(true)}
          />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}
