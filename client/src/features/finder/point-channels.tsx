import { useTranslation } from 'react-i18next';
import type {
  PointChannel,
  PointPerformance,
  PointStandard,
  ServicePoint,
  ServicePointDetail,
} from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';
import { localeOf } from './point-format.js';

/** "5 minutes ago", "2 hours ago", "3 days ago" in the reader's language. */
export function age(iso: string, lang: Lang, now = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const minutes = Math.round((now - then) / 60_000);
  const rtf = new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' });
  if (Math.abs(minutes) < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.round(hours / 24), 'day');
}

/** The published promise and the latest wait with its age; a stale wait says so, never passes for the current one. */
export function StandardAndWaitLine({
  standard,
  performance,
  lang,
}: {
  standard: PointStandard | null;
  performance: PointPerformance | null;
  lang: Lang;
}) {
  const { t } = useTranslation();
  const wait = performance?.wait ?? null;
  return (
    <>
      {standard && <span className="standard">{t('channels.standard', { text: standard.text })}</span>}
      {wait && (
        <span className={wait.is_stale ? 'wait stale' : 'wait'} data-testid="point-wait">
          {standard && ' '}
          {wait.is_stale
            ? t('detail.wait_stale', { count: Math.round(wait.minutes), age: age(wait.measured_at, lang) })
            : t('detail.wait', { count: Math.round(wait.minutes), age: age(wait.measured_at, lang) })}
        </span>
      )}
    </>
  );
}

function ChannelItem({ c, lang }: { c: PointChannel; lang: Lang }) {
  const { t } = useTranslation();
  const url = c.url && /^https?:\/\//i.test(c.url) ? c.url : null;
  return (
    <li data-testid={`point-${c.kind}`}>
      {c.kind === 'online' && url ? <a href={url}>{c.name}</a> : <strong>{c.name}</strong>}
      {c.is_general && <> ({t('channels.general_line')})</>}
      {c.kind === 'phone' && c.phone && (
        <>
          {' · '}
          <a href={`tel:${c.phone.replace(/[^0-9+]/g, '')}`}>{c.phone}</a>
        </>
      )}
      {c.tty && <> · {t('channels.tty', { number: c.tty })}</>}
      {c.hours && <> · {c.hours}</>}
      {(c.standard || c.performance?.wait) && (
        <div className="result-note">
          <StandardAndWaitLine standard={c.standard} performance={c.performance} lang={lang} />
        </div>
      )}
    </li>
  );
}

/** The point's other doors: its own government's online and phone options for the same services. */
export function PointChannels({ point, lang }: { point: ServicePoint | ServicePointDetail; lang: Lang }) {
  const { t } = useTranslation();
  // A point from a list has no channels until its own page (GET /api/service-points/{id}) arrives.
  const channels = 'channels' in point ? point.channels : [];
  const online = channels.filter((c) => c.kind === 'online');
  const phone = channels.filter((c) => c.kind === 'phone');
  if (online.length === 0 && phone.length === 0) return null;
  return (
    <section aria-labelledby="point-channels-title" className="point-channels">
      <h3 id="point-channels-title">{t('detail.channels_title')}</h3>
      <p className="hint">{t('detail.channels_intro', { government: point.jurisdiction_name })}</p>
      {online.length > 0 && (
        <>
          <h4>{t('detail.online')}</h4>
          <ul>
            {online.map((c) => (
              <ChannelItem key={c.id} c={c} lang={lang} />
            ))}
          </ul>
        </>
      )}
      {phone.length > 0 && (
        <>
          <h4>{t('detail.by_phone')}</h4>
          <ul>
            {phone.map((c) => (
              <ChannelItem key={c.id} c={c} lang={lang} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
