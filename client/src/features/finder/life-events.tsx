import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lifeEventNearest, type LifeEventNeed, type ServicePoint } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { LevelBadge } from '../../components/level-badge.js';
import type { Lang } from '../../i18n/index.js';
import { taxonName, type Taxonomy } from '../../taxonomy/use-taxonomy.js';
import { formatKm, localeOf } from './point-format.js';

export interface LifeEventsProps {
  lang: Lang;
  taxonomy: Taxonomy;
  eventCode: string | null;
  origin: { lon: number; lat: number; name: string } | null;
  onEvent: (code: string | null) => void;
  onOpen: (point: ServicePoint) => void;
}

/** "I lost my wallet": for each service the moment needs, the nearest place and the government that runs it. */
export function LifeEvents({ lang, taxonomy, eventCode, origin, onEvent, onOpen }: LifeEventsProps) {
  const { t } = useTranslation();
  const locale = localeOf(lang);
  const [needs, setNeeds] = useState<LifeEventNeed[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef(false);
  const event = taxonomy.events?.find((e) => e.code === eventCode) ?? null;

  useEffect(() => {
    setNeeds(null);
    setError(null);
    if (!eventCode || !origin) return;
    const ctrl = new AbortController();
    lifeEventNearest(eventCode, origin.lon, origin.lat, lang, ctrl.signal).then(
      (r) => {
        setNeeds(r);
        if (focusNext.current) {
          focusNext.current = false;
          heading.current?.focus();
        }
      },
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ctrl.abort();
  }, [eventCode, origin, lang]);

  if (taxonomy.eventsError && !taxonomy.events) {
    return (
      <section className="life-events" aria-labelledby="life-events-title">
        <h2 id="life-events-title">{t('life.title')}</h2>
        <ApiErrorMessage error={taxonomy.eventsError} />
      </section>
    );
  }
  if (!taxonomy.events || taxonomy.events.length === 0) return null;
  return (
    <section className="life-events" aria-labelledby="life-events-title">
      <h2 id="life-events-title">{t('life.title')}</h2>
      <ul className="chips">
        {taxonomy.events.map((e) => (
          <li key={e.code}>
            <button
              type="button"
              className="chip"
              aria-pressed={e.code === eventCode}
              onClick={() => {
                focusNext.current = true;
                onEvent(e.code === eventCode ? null : e.code);
              }}
            >
              {taxonName(e, lang)}
            </button>
          </li>
        ))}
      </ul>
      {event && (
        <div className="life-result" data-testid="life-event">
          <h3 ref={heading} tabIndex={-1}>
            {origin ? t('life.near', { event: taxonName(event, lang), place: origin.name }) : taxonName(event, lang)}
          </h3>
          {event.description && <p>{event.description}</p>}
          {!origin && <p>{t('life.need_location')}</p>}
          {error !== null && <ApiErrorMessage error={error} />}
          {origin && !needs && error === null && <p>{t('results.loading')}</p>}
          {needs && (
            <ul className="needs">
              {needs.map((n) => {
                const cat = n.category;
                const pts = n.nearest;
                return (
                  <li key={cat.code} data-testid="need">
                    <h4>{taxonName(cat, lang)}</h4>
                    {pts.length === 0 ? (
                      <p>{t('life.none')}</p>
                    ) : (
                      <ul>
                        {pts.map((p) => (
                          <li key={`${cat.code}-${p.id}`}>
                            <button type="button" className="link-button" onClick={() => onOpen(p)}>
                              {p.name}
                            </button>{' '}
                            <LevelBadge level={p.level} /> {t('life.run_by', { jurisdiction: p.jurisdiction_name })}
                            {p.distance_m !== undefined && (
                              <> · {t('results.distance', { km: formatKm(p.distance_m, locale) })}</>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
