import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import type { Lang } from '../../i18n/index.js';
import { useUrlState } from '../../routing/use-url-state.js';
import { taxonName, type Taxonomy } from '../../taxonomy/use-taxonomy.js';
import { AnswerCard } from './answer-card.js';
import type { ChannelKind, WhoHandlesAnswer } from '../../api/client.js';
import { whoHandles, type Question } from './who-handles-api.js';
import './channels.css';

const PROVINCES = ['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'];
const KINDS: ChannelKind[] = ['in_person', 'online', 'phone'];

/** A question as the value of one select option ("category:health_card", "life_event:turning_65"). */
function questionValue(q: Question | null): string {
  return q ? `${q.kind}:${q.code}` : '';
}

function questionOf(value: string): Question | null {
  const m = /^(category|life_event):(.+)$/.exec(value);
  return m ? { kind: m[1] as Question['kind'], code: m[2]! } : null;
}

/**
 * "Who handles this?": a service or a life event, a province (or the searched
 * place) and the channel the person prefers; the answer is one card per
 * service (a life event's services in its order). The question lives in the
 * URL (handles or handles_event, prov, channel), so it survives the language
 * switch, the back button and can be shared.
 */
export function WhoHandlesPanel({
  lang,
  taxonomy,
  origin,
}: {
  lang: Lang;
  taxonomy: Taxonomy;
  origin: { lon: number; lat: number } | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useUrlState();
  const category = params.get('handles');
  const lifeEvent = params.get('handles_event');
  const province = params.get('prov');
  const channel = (params.get('channel') as ChannelKind | null) ?? null;
  // A service named in the URL wins over a life event (a hand-edited link with both).
  const question: Question | null = category
    ? { kind: 'category', code: category }
    : lifeEvent
      ? { kind: 'life_event', code: lifeEvent }
      : null;
  const questionKey = questionValue(question);
  const [draft, setDraft] = useState({
    question: questionKey,
    province: province ?? '',
    channel: channel ?? 'in_person',
  });
  const [answer, setAnswer] = useState<WhoHandlesAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef(false);
  const lon = origin?.lon ?? null;
  const lat = origin?.lat ?? null;

  // The form shows the question in the URL, also after the back button.
  useEffect(() => {
    setDraft({ question: questionKey, province: province ?? '', channel: channel ?? 'in_person' });
  }, [questionKey, province, channel]);

  useEffect(() => {
    setAnswer(null);
    setError(null);
    const q = questionOf(questionKey);
    if (!q || (!province && lon === null)) return;
    const ctrl = new AbortController();
    setLoading(true);
    whoHandles({ question: q, province: province || null, lon, lat, channel }, lang, ctrl.signal).then(
      (a) => {
        setAnswer(a);
        setLoading(false);
      },
      (e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [questionKey, province, channel, lon, lat, lang]);

  useEffect(() => {
    if (answer && focusNext.current) {
      focusNext.current = false;
      heading.current?.focus();
    }
  }, [answer]);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const q = questionOf(draft.question);
    if (!q) return;
    focusNext.current = true;
    setParams({
      handles: q.kind === 'category' ? q.code : null,
      handles_event: q.kind === 'life_event' ? q.code : null,
      prov: draft.province || null,
      channel: draft.channel,
    });
  };

  const categoryOptions = (taxonomy.categories ?? []).map((c) => (
    <option key={c.code} value={questionValue({ kind: 'category', code: c.code })}>
      {taxonName(c, lang)}
    </option>
  ));
  const events = taxonomy.events ?? [];
  const event = answer?.life_event ? events.find((e) => e.code === answer.life_event) : undefined;
  const eventName = answer?.life_event ? (event ? taxonName(event, lang) : answer.life_event.replace(/_/g, ' ')) : '';

  return (
    <section className="who-handles" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('channels.title')}</h2>
      <p>{t('channels.intro')}</p>
      <form onSubmit={submit}>
        <label htmlFor={`${id}-category`}>{t('channels.category_label')}</label>
        <select
          id={`${id}-category`}
          value={draft.question}
          onChange={(e) => setDraft({ ...draft, question: e.target.value })}
        >
          <option value="">{t('channels.category_choose')}</option>
          {events.length === 0 ? (
            categoryOptions
          ) : (
            <>
              <optgroup label={t('channels.group_services')}>{categoryOptions}</optgroup>
              <optgroup label={t('channels.group_life_events')}>
                {events.map((ev) => (
                  <option key={ev.code} value={questionValue({ kind: 'life_event', code: ev.code })}>
                    {taxonName(ev, lang)}
                  </option>
                ))}
              </optgroup>
            </>
          )}
        </select>
        <label htmlFor={`${id}-province`}>{t('channels.province_label')}</label>
        <select
          id={`${id}-province`}
          value={draft.province}
          onChange={(e) => setDraft({ ...draft, province: e.target.value })}
        >
          <option value="">{origin ? t('channels.province_from_place') : t('channels.province_choose')}</option>
          {PROVINCES.map((p) => (
            <option key={p} value={p}>
              {t(`province.${p}`)}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>{t('channels.channel_label')}</legend>
          {KINDS.map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name={`${id}-channel`}
                value={k}
                checked={draft.channel === k}
                onChange={() => setDraft({ ...draft, channel: k })}
              />
              {t(`channels.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('channels.ask')}</button>
      </form>
      <div aria-live="polite" className="visually-hidden">
        {!answer
          ? ''
          : answer.life_event
            ? t('channels.answered_event', { count: answer.results.length, event: eventName })
            : t('channels.answered', { count: answer.results.reduce((n, r) => n + r.handlers.length, 0) })}
      </div>
      {question && !province && lon === null && <p>{t('channels.need_place')}</p>}
      {loading && <p>{t('results.loading')}</p>}
      {error !== null && <ApiErrorMessage error={error} />}
      {answer?.life_event ? (
        <div className="life-event-answer" data-testid="life-event-answer">
          <h3 id={`answer-event-${answer.life_event}`} ref={heading} tabIndex={-1}>
            {t('channels.event_heading', { event: eventName, province: answer.province_name })}
          </h3>
          {event?.description && <p>{event.description}</p>}
          <p>{t('channels.event_intro', { count: answer.results.length })}</p>
          <ul className="answer-cards">
            {answer.results.map((r) => (
              <li key={r.category.code}>
                <AnswerCard result={r} provinceName={answer.province_name} lang={lang} level={4} withProvince={false} />
              </li>
            ))}
          </ul>
          <p className="distance-note">{t('results.distance_note')}</p>
        </div>
      ) : answer ? (
        <>
          {answer.results.map((r, i) => (
            <AnswerCard
              key={r.category.code}
              ref={i === 0 ? heading : undefined}
              result={r}
              provinceName={answer.province_name}
              lang={lang}
              level={3}
              withProvince
            />
          ))}
          <p className="distance-note">{t('results.distance_note')}</p>
        </>
      ) : null}
    </section>
  );
}
