import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServicePoint } from '../../api/client.js';
import { LevelBadge } from '../../components/level-badge.js';
import { addressLine, formatKm, languagesText, localeOf, openNowText, periodsText } from './point-format.js';
import { weeklyHours } from './weekly-hours.js';

export interface PointDetailProps {
  point: ServicePoint;
  origin: { lon: number; lat: number } | null;
  categoryName: (code: string) => string;
  onClose: () => void;
}

/** Monday first, as Canadian week schedules are written; indexes are Date.getDay() values. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** Only web addresses become links: a feed cannot smuggle a javascript: URL into the page. */
function safeUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Everything known about one service point, with directions and a way to report a mistake to its publisher. */
export const PointDetail = forwardRef<HTMLHeadingElement, PointDetailProps>(function PointDetail({ point: p, origin, categoryName, onClose }, headingRef) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const hours = weeklyHours(p.hours);
  const today = new Date().getDay();
  const website = safeUrl(p.website);
  const sourceUrl = safeUrl(p.source.source_url);
  const updated = p.source.updated_at ? new Date(p.source.updated_at) : null;
  const route = `${origin ? `${origin.lat.toFixed(5)},${origin.lon.toFixed(5)}` : ''};${p.lat.toFixed(5)},${p.lon.toFixed(5)}`;
  const osm = `https://www.openstreetmap.org/directions?route=${encodeURIComponent(route)}`;
  const geo = `geo:${p.lat.toFixed(5)},${p.lon.toFixed(5)}`;
  const reportSubject = t('detail.report_subject', { name: p.name, id: p.id });
  const reportBody = t('detail.report_body', { name: p.name, id: p.id, feed: p.source.feed_name, url: window.location.href });
  const reportTo = p.source.contact_email ?? null;
  // The feed's own contact first; else its source page; else the office itself, which knows its own details.
  const mail = (to: string) => `mailto:${to}?subject=${encodeURIComponent(reportSubject)}&body=${encodeURIComponent(reportBody)}`;
  const reportHref = reportTo ? mail(reportTo) : (sourceUrl ?? (p.email ? mail(p.email) : null));
  return (
    <article className="detail" aria-labelledby="detail-title" data-testid="detail">
      <button type="button" className="secondary back" onClick={onClose}>
        {t('detail.back')}
      </button>
      <h2 id="detail-title" ref={headingRef} tabIndex={-1}>
        {p.name}
      </h2>
      <p className="result-meta">
        <LevelBadge level={p.level} /> {p.jurisdiction_name}
        {p.distance_m !== undefined && <> · {t('detail.distance', { km: formatKm(p.distance_m, locale) })}</>}
      </p>
      {p.is_synthetic && <p className="result-note synthetic">{t('results.synthetic')}</p>}
      <dl className="facts">
        <dt>{t('detail.address')}</dt>
        <dd>
          {addressLine(p) || t('detail.unknown')}
          {p.geocode_quality !== 'source' && <span className="result-note"> ({t(`results.location_approx_${p.geocode_quality}`, { defaultValue: '' })})</span>}
        </dd>
        <dt>{t('detail.phone')}</dt>
        <dd>{p.phone ? <a href={telHref(p.phone)}>{p.phone}</a> : t('detail.unknown')}</dd>
        <dt>{t('detail.email')}</dt>
        <dd>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : t('detail.unknown')}</dd>
        <dt>{t('detail.website')}</dt>
        <dd>
          {website ? (
            <a href={website} rel="noopener noreferrer" target="_blank">
              {website}
              <span className="visually-hidden"> {t('detail.new_window')}</span>
            </a>
          ) : (
            (p.website ?? t('detail.unknown'))
          )}
        </dd>
        <dt>{t('detail.hours')}</dt>
        <dd>
          {(p.open_now !== null || !hours || hours.days.every((d) => d === null)) && <p className="open-status">{openNowText(p, t)}</p>}
          {hours && hours.days.some((d) => d !== null) ? (
            <table className="hours">
              <caption className="visually-hidden">{t('detail.hours')}</caption>
              <tbody>
                {WEEK.map((d) => (
                  <tr key={d} className={d === today ? 'today' : undefined} aria-current={d === today ? 'date' : undefined}>
                    <th scope="row">
                      {t(`days.${d}`)}
                      {d === today && <> ({t('hours.today_label')})</>}
                    </th>
                    <td>{periodsText(hours.days[d], t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            !hours?.note && <span>{t('hours.not_published')}</span>
          )}
          {hours?.note && !hours.days.some((d) => d !== null) && <p>{hours.note}</p>}
        </dd>
        <dt>{t('detail.languages')}</dt>
        <dd>{p.languages.length > 0 ? languagesText(p.languages, t) : t('detail.unknown')}</dd>
        <dt>{t('detail.accessibility')}</dt>
        <dd>
          {p.accessibility.length > 0
            ? p.accessibility.map((a) => t(`accessibility.${a}`, { defaultValue: a })).join(', ')
            : t('detail.unknown')}
        </dd>
        {p.categories.length > 0 && (
          <>
            <dt>{t('detail.services')}</dt>
            <dd>{p.categories.map(categoryName).join(', ')}</dd>
          </>
        )}
        <dt>{t('detail.updated')}</dt>
        <dd>{updated && !Number.isNaN(updated.getTime()) ? updated.toLocaleDateString(locale, { dateStyle: 'long' }) : t('detail.unknown')}</dd>
        <dt>{t('detail.source')}</dt>
        <dd>
          {sourceUrl ? (
            <a href={sourceUrl} rel="noopener noreferrer">
              {p.source.feed_name}
            </a>
          ) : (
            p.source.feed_name
          )}
          {p.source.licence && <> · {t('detail.licence', { licence: p.source.licence })}</>}
          {p.source.attribution && <> · {p.source.attribution}</>}
        </dd>
      </dl>
      <h3>{t('detail.directions')}</h3>
      <ul className="actions">
        <li>
          <a href={osm} rel="noopener noreferrer" target="_blank">
            {t('detail.directions_osm')}
            <span className="visually-hidden"> {t('detail.new_window')}</span>
          </a>
        </li>
        <li>
          <a href={geo}>{t('detail.directions_other')}</a>
        </li>
      </ul>
      <h3>{t('detail.report_title')}</h3>
      <p>
        {reportHref ? (
          <a href={reportHref} rel="noopener noreferrer">
            {t('detail.report', { publisher: p.jurisdiction_name })}
          </a>
        ) : (
          t('detail.report_no_contact', { publisher: p.jurisdiction_name, feed: p.source.feed_name })
        )}
      </p>
    </article>
  );
});
