import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import type { Lang } from '../../i18n/index.js';
import { useUrlState } from '../../routing/use-url-state.js';
import { taxonName, type Taxonomy } from '../../taxonomy/use-taxonomy.js';
import { AnswerCard } from './answer-card.js';
import { whoHandles, type ChannelKind, type WhoHandlesAnswer } from './who-handles-api.js';
import './channels.css';

const PROVINCES = ['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'];
const KINDS: ChannelKind[] = ['in_person', 'online', 'phone'];

/**
 * "Who handles this?": a service and a province (or the searched place) and
 * the channel the person prefers; the answer is one card per service. The
 * question lives in the URL (handles, prov, channel), so it survives the
 * language switch and can be shared.
 */
export function WhoHandlesPanel({ lang, taxonomy, origin }: { lang: Lang; taxonomy: Taxonomy; origin: { lon: number; lat: number } | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useUrlState();
  const category = params.get('handles');
  const province = params.get('prov');
  const channel = (params.get('channel') as ChannelKind | null) ?? null;
  const [draft, setDraft] = useState({ category: category ?? '', province: province ?? '', channel: channel ?? 'in_person' });
  const [answer, setAnswer] = useState<WhoHandlesAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef(false);
  const lon = origin?.lon ?? null;
  const lat = origin?.lat ?? null;

  useEffect(() => {
    setAnswer(null);
    setError(null);
    if (!category || (!province && lon === null)) return;
    const ctrl = new AbortController();
    setLoading(true);
    whoHandles({ category, province: province || null, lon, lat, channel }, lang, ctrl.signal).then(
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
  }, [category, province, channel, lon, lat, lang]);

  useEffect(() => {
    if (answer && focusNext.current) {
      focusNext.current = false;
      heading.current?.focus();
    }
  }, [answer]);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!draft.category) return;
    focusNext.current = true;
    setParams({ handles: draft.category, prov: draft.province || null, channel: draft.channel });
  };

  return (
    <section className="who-handles" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('channels.title')}</h2>
      <p>{t('channels.intro')}</p>
      <form onSubmit={submit}>
        <label htmlFor={`${id}-category`}>{t('channels.category_label')}</label>
        <select id={`${id}-category`} value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
          <option value="">{t('channels.category_choose')}</option>
          {(taxonomy.categories ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {taxonName(c, lang)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-province`}>{t('channels.province_label')}</label>
        <select id={`${id}-province`} value={draft.province} onChange={(e) => setDraft({ ...draft, province: e.target.value })}>
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
              <input type="radio" name={`${id}-channel`} value={k} checked={draft.channel === k} onChange={() => setDraft({ ...draft, channel: k })} />
              {t(`channels.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('channels.ask')}</button>
      </form>
      <div aria-live="polite" className="visually-hidden">
        {answer ? t('channels.answered', { count: answer.results.reduce((n, r) => n + r.handlers.length, 0) }) : ''}
      </div>
      {category && !province && lon === null && <p>{t('channels.need_place')}</p>}
      {loading && <p>{t('results.loading')}</p>}
      {error !== null && <ApiErrorMessage error={error} />}
      {answer && <AnswerCard ref={heading} answer={answer} lang={lang} />}
    </section>
  );
}
