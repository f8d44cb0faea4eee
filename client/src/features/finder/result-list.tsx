import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServicePoint } from '../../api/client.js';
import { LEVEL_COLOURS } from '../../map/levels.js';

export interface ResultListProps {
  points: ServicePoint[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

function km(distanceM: number): string {
  const k = distanceM / 1000;
  return k < 10 ? k.toFixed(1) : Math.round(k).toString();
}

/** The nearest service points as a list: a complete alternative to the map. */
export const ResultList = forwardRef<HTMLOListElement, ResultListProps>(function ResultList({ points, selectedId, onSelect }, ref) {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 });
  return (
    <ol className="results" ref={ref} tabIndex={-1}>
      {points.map((p) => (
        <li key={p.id} className={p.id === selectedId ? 'result selected' : 'result'} data-testid="result">
          <button type="button" className="result-main" aria-pressed={p.id === selectedId} onClick={() => onSelect(p.id)}>
            <span className="result-name">{p.name}</span>
            <span className="result-distance">
              {t('results.distance', { km: fmt.format(Number(km(p.distance_m))) })}
            </span>
          </button>
          <div className="result-meta">
            <span className="badge" style={{ background: LEVEL_COLOURS[p.level] }}>
              {t(`level.${p.level}`)}
            </span>{' '}
            <span>{p.jurisdiction_name}</span>
            {p.languages.length > 0 && (
              <span> · {t('results.languages', { list: p.languages.map((l) => t(`lang.${l}`, { defaultValue: l })).join(', ') })}</span>
            )}
          </div>
          {(p.address || p.city) && (
            <div className="result-address">{[p.address, p.city, p.province, p.postal_code].filter(Boolean).join(', ')}</div>
          )}
          {p.geocode_quality !== 'source' && (
            <div className="result-note">{t(`results.location_approx_${p.geocode_quality}`, { defaultValue: '' })}</div>
          )}
          {p.is_synthetic && <div className="result-note synthetic">{t('results.synthetic')}</div>}
          <div className="result-source">
            {t('results.source', { feed: p.source.feed_name })}
            {p.website && (
              <>
                {' · '}
                <a href={p.website} rel="noopener noreferrer">
                  {t('results.website')}
                </a>
              </>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
});
