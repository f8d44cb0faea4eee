import { useTranslation } from 'react-i18next';
import type { ServicePoint } from '../../api/client.js';
import { LevelBadge } from '../../components/level-badge.js';
import type { Lang } from '../../i18n/index.js';
import { StandardAndWaitLine } from './point-channels.js';
import { addressLine, formatKm, hoursTodayText, languagesText, localeOf, openNowText } from './point-format.js';

export interface ResultListProps {
  points: ServicePoint[];
  selectedId: string | null;
  onOpen: (id: string) => void;
}

/** The nearest service points as a list: a complete alternative to the map, and what gets printed. */
export function ResultList({ points, selectedId, onOpen }: ResultListProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  return (
    <ol className="results">
      {points.map((p) => {
        const today = hoursTodayText(p, t);
        return (
          <li
            key={p.id}
            id={`result-${p.id}`}
            className={p.id === selectedId ? 'result selected' : 'result'}
            data-testid="result"
          >
            <div className="result-head">
              <button
                type="button"
                className="link-button result-name"
                aria-current={p.id === selectedId ? 'true' : undefined}
                onClick={() => onOpen(p.id)}
              >
                {p.name}
              </button>
              {p.distance_m !== undefined && (
                <span className="result-distance">{t('results.distance', { km: formatKm(p.distance_m, locale) })}</span>
              )}
            </div>
            <div className="result-meta">
              <LevelBadge level={p.level} /> <span>{p.jurisdiction_name}</span>
            </div>
            {addressLine(p) && <div className="result-address">{addressLine(p)}</div>}
            <div className="result-hours">
              {/* With a schedule but no open/closed verdict from the server, today's hours say enough. */}
              {(p.open_now !== null || !today) && (
                <span className={p.open_now === true ? 'open' : p.open_now === false ? 'closed' : 'unknown'}>
                  {openNowText(p, t)}
                </span>
              )}
              {today && (
                <span>
                  {p.open_now !== null ? ' · ' : ''}
                  {today}
                </span>
              )}
            </div>
            {(p.standard || p.performance?.wait) && (
              <div className="result-standard">
                <StandardAndWaitLine standard={p.standard ?? null} performance={p.performance ?? null} lang={lang} />
              </div>
            )}
            {p.languages.length > 0 && (
              <div className="result-langs">{t('results.languages', { list: languagesText(p.languages, t) })}</div>
            )}
            {p.lon === null && <div className="result-note">{t('detail.unlocated')}</div>}
            {p.lon !== null && p.geocode_quality !== 'source' && (
              <div className="result-note">
                {t(`results.location_approx_${p.geocode_quality}`, { defaultValue: '' })}
              </div>
            )}
            {p.is_synthetic && <div className="result-note synthetic">{t('results.synthetic')}</div>}
          </li>
        );
      })}
    </ol>
  );
}
