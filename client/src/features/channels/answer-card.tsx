import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LevelBadge } from '../../components/level-badge.js';
import type { Lang } from '../../i18n/index.js';
import { formatKm, localeOf } from '../finder/point-format.js';
import type {
  ChannelKind,
  Handler,
  PointChannel,
  PointPerformance,
  PointStandard,
  WhoHandlesAnswer,
} from '../../api/client.js';

/** The heading levels a card may start at: h3 on its own, h4 under a life event's heading. */
export type CardLevel = 3 | 4;
type HeadingTag = 'h3' | 'h4' | 'h5' | 'h6';
const tag = (level: number): HeadingTag => `h${Math.min(level, 6)}` as HeadingTag;

/** The promise and how it is doing now; a stale wait is shown as such, never as the current wait. */
function StandardAndWait({
  standard,
  performance,
}: {
  standard: PointStandard | null;
  performance: PointPerformance | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      {standard && <p className="standard">{t('channels.standard', { text: standard.text })}</p>}
      {performance?.current_wait_minutes !== null && performance?.current_wait_minutes !== undefined ? (
        <p className="wait">{t('channels.wait_now', { count: Math.round(performance.current_wait_minutes) })}</p>
      ) : performance?.wait?.is_stale ? (
        <p className="wait stale">{t('channels.wait_stale')}</p>
      ) : null}
      {performance?.standard_met && !performance.standard_met.is_stale && (
        <p className="wait">{t('channels.standard_met', { pct: performance.standard_met.pct })}</p>
      )}
    </>
  );
}

function PhoneOption({ c }: { c: PointChannel }) {
  const { t } = useTranslation();
  return (
    <li data-testid="phone-option">
      <strong>{c.name}</strong>
      {c.is_general && <> ({t('channels.general_line')})</>}
      {c.phone && (
        <p>
          <a href={`tel:${c.phone.replace(/[^0-9+]/g, '')}`}>{c.phone}</a>
        </p>
      )}
      {c.tty && <p>{t('channels.tty', { number: c.tty })}</p>}
      {c.hours && <p>{c.hours}</p>}
      <StandardAndWait standard={c.standard} performance={c.performance} />
    </li>
  );
}

function OnlineOption({ c }: { c: PointChannel }) {
  return (
    <li data-testid="online-option">
      {c.url && <a href={c.url}>{c.name}</a>}
      <StandardAndWait standard={c.standard} performance={c.performance} />
    </li>
  );
}

function ChannelSection({
  kind,
  handler,
  lang,
  headingLevel,
}: {
  kind: ChannelKind;
  handler: Handler;
  lang: Lang;
  headingLevel: HeadingTag;
}) {
  const { t } = useTranslation();
  const H = headingLevel;
  const title = <H className="channel-title">{t(`channels.kind.${kind}`)}</H>;
  if (kind === 'phone') {
    return (
      <div className="channel">
        {title}
        {handler.phone.length === 0 ? (
          <p>{t('channels.none_phone')}</p>
        ) : (
          <ul>
            {handler.phone.map((c) => (
              <PhoneOption key={c.id} c={c} />
            ))}
          </ul>
        )}
      </div>
    );
  }
  if (kind === 'online') {
    return (
      <div className="channel">
        {title}
        {handler.online.length === 0 ? (
          <p>{t('channels.none_online')}</p>
        ) : (
          <ul>
            {handler.online.map((c) => (
              <OnlineOption key={c.id} c={c} />
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div className="channel">
      {title}
      {handler.in_person.length === 0 ? (
        <p>{t('channels.none_in_person')}</p>
      ) : (
        <ul>
          {handler.in_person.map((p) => (
            <li key={p.id} data-testid="in-person-option">
              <strong>{p.name}</strong>
              {p.distance_m !== undefined && (
                <> · {t('results.distance', { km: formatKm(p.distance_m, localeOf(lang)) })}</>
              )}
              {p.address && <p>{[p.address, p.city].filter(Boolean).join(', ')}</p>}
              <StandardAndWait standard={p.standard} performance={p.performance} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * One answer card: a service asked about and each order of government that
 * handles it here, with its three channels in the order the person chose.
 * Its heading starts at `level` (3 alone, 4 inside a life event's answer) so
 * the outline stays a tree. Text from feeds is rendered as text, never as HTML.
 */
export const AnswerCard = forwardRef<
  HTMLHeadingElement,
  {
    result: WhoHandlesAnswer['results'][number];
    provinceName: string;
    lang: Lang;
    level: CardLevel;
    withProvince: boolean;
  }
>(function AnswerCard({ result: r, provinceName, lang, level, withProvince }, ref) {
  const { t } = useTranslation();
  const H = tag(level);
  const HandlerHeading = tag(level + 1);
  return (
    <section
      className="answer-card"
      data-testid="answer-card"
      data-category={r.category.code}
      aria-labelledby={`answer-${r.category.code}`}
    >
      <H id={`answer-${r.category.code}`} className="card-title" ref={ref} tabIndex={-1}>
        {withProvince
          ? t('channels.answer_heading', { category: r.category.name, province: provinceName })
          : r.category.name}
      </H>
      {r.handlers.length === 0 && <p>{t('channels.no_handler')}</p>}
      {r.handlers.map((h) => (
        <article
          key={`${h.level}-${h.jurisdiction_id ?? ''}`}
          className="handler"
          data-testid="handler"
          data-level={h.level}
        >
          <HandlerHeading className="handler-title">
            {h.jurisdiction_name} <LevelBadge level={h.level} />
          </HandlerHeading>
          <p>{h.rank === 1 ? t('channels.go_first') : t('channels.also')}</p>
          {h.note && <p>{h.note}</p>}
          {h.source ? (
            <div className="handler-source" data-testid="handler-source">
              <p>
                {t('channels.handler_source')}{' '}
                <a href={h.source.url} rel="noopener noreferrer">
                  {new URL(h.source.url).hostname}
                </a>
                {h.source.checked_on && <> {t('channels.checked_on', { date: h.source.checked_on })}</>}
              </p>
              {h.source.note && (
                <details>
                  <summary>{t('channels.source_says')}</summary>
                  {/* The notes quote the pages as they were read, in English. */}
                  <p lang="en">{h.source.note}</p>
                </details>
              )}
            </div>
          ) : (
            <p className="handler-source none" data-testid="handler-source-none">
              {t('channels.no_source')}
            </p>
          )}
          {h.channel_order.map((k) => (
            <ChannelSection key={k} kind={k} handler={h} lang={lang} headingLevel={tag(level + 2)} />
          ))}
        </article>
      ))}
    </section>
  );
});
