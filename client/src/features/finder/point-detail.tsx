import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServicePoint } from '../../api/client.js';
import { LevelBadge } from '../../components/level-badge.js';
import type { Lang } from '../../i18n/index.js';
import { PointChannels, StandardAndWaitLine } from './point-channels.js';
import { addressLine, formatKm, languagesText, localeOf, openNowText, periodsText } from './point-format.js';
import { ReportForm } from './report-form.js';
import { weeklyHours } from './weekly-hours.js';

export interface PointDetailProps {
  point: ServicePoint;
  lang: Lang;
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

/** True when the stored hours say the point closes on statutory holidays. */
function hasHolidayRule(hours: unknown): boolean {
  return (
    typeof hours === 'object' &&
    hours !== null &&
    (hours as { closed_on_holidays?: unknown }).closed_on_holidays === true
  );
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** A day of the API's week as a person reads it: "Wednesday 1 July". */
function dayName(date: string, locale: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(d.getTime())
    ? date
    : d.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** Everything known about one service point, with directions and a way to report a problem to its publisher. */
export const PointDetail = forwardRef<HTMLHeadingElement, PointDetailProps>(function PointDetail(
  { point: p, lang, origin, categoryName, onClose },
  headingRef,
) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const hours = weeklyHours(p.hours);
  // "Today" is the point's, from the API (its time zone, its holidays); the browser's clock only without it.
  const today = p.hours_today ? p.hours_today.weekday % 7 : new Date().getDay();
  const week = p.hours_week ?? null;
  const website = safeUrl(p.website);
  const updated = p.source.updated_at ? new Date(p.source.updated_at) : null;
  // An unlocated point (a shared link to a point the feed could not place) has a page but no map position.
  const located = typeof p.lon === 'number' && typeof p.lat === 'number';
  const at = located ? `${p.lat!.toFixed(5)},${p.lon!.toFixed(5)}` : null;
  const route = at && `${origin ? `${origin.lat.toFixed(5)},${origin.lon.toFixed(5)}` : ''};${at}`;
  const osm = route ? `https://www.openstreetmap.org/directions?route=${encodeURIComponent(route)}` : null;
  const geo = at ? `geo:${at}` : null;
  const holidays = week?.filter((d) => d.exception) ?? [];
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
          {located && p.geocode_quality !== 'source' && (
            <span className="result-note">
              {' '}
              ({t(`results.location_approx_${p.geocode_quality}`, { defaultValue: '' })})
            </span>
          )}
          {!located && (
            <span className="result-note" data-testid="unlocated">
              {' '}
              ({t('detail.unlocated')})
            </span>
          )}
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
          {(p.open_now !== null || !hours || hours.days.every((d) => d === null)) && (
            <p className="open-status">{openNowText(p, t)}</p>
          )}
          {week ? (
            <table className="hours" data-testid="hours-week">
              <caption className="visually-hidden">
                {t('detail.hours_week', { zone: p.hours_today?.time_zone ?? '' })}
              </caption>
              <tbody>
                {week.map((d, i) => (
                  <tr
                    key={d.date}
                    className={[i === 0 ? 'today' : '', d.exception ? 'exception' : ''].join(' ').trim() || undefined}
                    aria-current={i === 0 ? 'date' : undefined}
                  >
                    <th scope="row">
                      {dayName(d.date, locale)}
                      {i === 0 && <> ({t('hours.today_label')})</>}
                    </th>
                    <td>
                      {periodsText(d.periods, t)}
                      {d.exception && (
                        <span className="exception-label">
                          {' '}
                          · {d.exception.label ?? (d.closed ? t('hours.closure') : t('hours.special'))}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : hours && hours.days.some((d) => d !== null) ? (
            <table className="hours">
              <caption className="visually-hidden">{t('detail.hours')}</caption>
              <tbody>
                {WEEK.map((d) => (
                  <tr
                    key={d}
                    className={d === today ? 'today' : undefined}
                    aria-current={d === today ? 'date' : undefined}
                  >
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
          {week && holidays.length === 0 && hasHolidayRule(p.hours) && (
            <p className="hint">{t('hours.closed_on_holidays')}</p>
          )}
          {week && p.hours_today && <p className="hint">{t('hours.time_zone', { zone: p.hours_today.time_zone })}</p>}
          {hours?.note && !hours.days.some((d) => d !== null) && <p>{hours.note}</p>}
        </dd>
        {(p.standard || p.performance) && (
          <>
            <dt>{t('detail.service_standard')}</dt>
            <dd>
              <StandardAndWaitLine standard={p.standard ?? null} performance={p.performance ?? null} lang={lang} />
            </dd>
          </>
        )}
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
        <dd>
          {updated && !Number.isNaN(updated.getTime())
            ? updated.toLocaleDateString(locale, { dateStyle: 'long' })
            : t('detail.unknown')}
        </dd>
        <dt>{t('detail.source')}</dt>
        <dd>
          {p.source.feed_name}
          {p.source.licence && <> · {t('detail.licence', { licence: p.source.licence })}</>}
          {p.source.attribution && <> · {p.source.attribution}</>}
        </dd>
      </dl>
      <PointChannels point={p} lang={lang} />
      {osm && geo && (
        <>
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
        </>
      )}
      <ReportForm key={p.id} point={p} lang={lang} />
    </article>
  );
});
