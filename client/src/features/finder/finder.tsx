import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dataStatus, nearest, type DataStatus, type ServicePoint } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';
import { MapView } from '../../map/map-view.js';
import { ResultList } from './result-list.js';
import { SearchBox } from './search-box.js';

interface Origin {
  name: string;
  lon: number;
  lat: number;
}

function originFromUrl(): Origin | null {
  const p = new URLSearchParams(window.location.search);
  const lon = Number(p.get('lon'));
  const lat = Number(p.get('lat'));
  if (!p.get('lon') || !p.get('lat') || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  return { name: p.get('place') ?? `${lat.toFixed(3)}, ${lon.toFixed(3)}`, lon, lat };
}

/** The citizen's view: search, the nearest service points in a list, and the map. */
export function Finder({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const [origin, setOrigin] = useState<Origin | null>(originFromUrl);
  const [points, setPoints] = useState<ServicePoint[]>([]);
  const [state, setState] = useState<'idle' | 'loading' | 'done' | 'error'>('idle');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [status, setStatus] = useState<DataStatus | null>(null);
  const [mapReady, setMapReady] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);

  useEffect(() => {
    dataStatus().then(setStatus).catch(() => undefined);
  }, []);

  useEffect(() => {
    const onPop = () => setOrigin(originFromUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    if (!origin) return;
    const ctrl = new AbortController();
    setState('loading');
    nearest(origin.lon, origin.lat, lang, ctrl.signal)
      .then((r) => {
        setPoints(r.results);
        setSelectedId(null);
        setState('done');
        if (moveFocus.current) {
          moveFocus.current = false;
          heading.current?.focus();
        }
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== 'AbortError') setState('error');
      });
    return () => ctrl.abort();
  }, [origin, lang]);

  const onPlace = useCallback((place: Origin) => {
    const params = new URLSearchParams({ place: place.name, lon: place.lon.toFixed(5), lat: place.lat.toFixed(5) });
    window.history.pushState(null, '', `${window.location.pathname}?${params}`);
    moveFocus.current = true;
    setOrigin(place);
  }, []);

  const empty = status !== null && status.published_points === 0;
  return (
    <div className="finder" data-map-ready={mapReady ? 'true' : 'false'}>
      <section className="panel" aria-labelledby="finder-title">
        <h2 id="finder-title" className="visually-hidden">
          {t('search.label')}
        </h2>
        <SearchBox lang={lang} onPlace={onPlace} />
        {empty && (
          <div className="notice" role="note">
            <h3>{t('status.empty_title')}</h3>
            <p>
              {t('status.empty_body', { command: '' })}
              <code>{t('status.empty_example')}</code>
            </p>
          </div>
        )}
        {status !== null && status.synthetic_feeds > 0 && (
          <div className="notice synthetic" role="note">
            {t('status.synthetic_banner')}
          </div>
        )}
        <h2 id="results" ref={heading} tabIndex={-1}>
          {origin ? t('results.near', { place: origin.name }) : t('results.heading')}
        </h2>
        <p className="visually-hidden" aria-live="polite">
          {state === 'done' && origin ? t('results.count', { count: points.length, place: origin.name }) : ''}
        </p>
        {state === 'idle' && <p>{t('results.start')}</p>}
        {state === 'loading' && <p>{t('results.loading')}</p>}
        {state === 'error' && <p role="alert">{t('results.error')}</p>}
        {state === 'done' && points.length === 0 && <p>{t('results.none')}</p>}
        {points.length > 0 && <p className="distance-note">{t('results.distance_note')}</p>}
        <ResultList points={points} selectedId={selectedId} onSelect={setSelectedId} />
      </section>
      <MapView points={points} origin={origin} selectedId={selectedId} onSelect={setSelectedId} onReady={() => setMapReady(true)} />
    </div>
  );
}
