import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  deletePullSchedule,
  feedPulls,
  pullNow,
  pullSchedule,
  setPullSchedule,
  type FeedPull,
  type PullSchedule as Schedule,
  type PullScheduleInput,
} from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { useApi } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import { localeOf } from '../finder/point-format.js';

type Choice = 'hourly' | 'daily' | 'weekly' | 'custom';

function choiceOf(s: Schedule | null): Choice {
  return s?.interval ?? (s ? 'custom' : 'daily');
}

/**
 * The steward's scheduled pulls of one feed: how often the finder fetches it
 * from its source URL, whether a new version is published at once or staged,
 * a pull on demand, and the history of every pull with its outcome (failures
 * spelled out with their code). Read and changed with the steward's key.
 */
export function PullSchedule({
  feedId,
  sourceUrl,
  apiKey,
  lang,
  onPulled,
}: {
  feedId: string;
  sourceUrl: string | null;
  apiKey: string;
  lang: Lang;
  /** A pull made a version: the feed's own lists need reading again. */
  onPulled: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const locale = localeOf(lang);
  const [refresh, setRefresh] = useState(0);
  const schedule = useApi((s) => pullSchedule(apiKey, feedId, lang, s), `${feedId}|${apiKey}|${lang}|${refresh}`);
  // Scheduled pulls happen while the page is open: the history is read again every minute.
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const every = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(every);
  }, []);
  const history = useApi((s) => feedPulls(apiKey, feedId, lang, s), `${feedId}|${apiKey}|${lang}|${refresh}|${tick}`);
  const [choice, setChoice] = useState<Choice>('daily');
  const [minutes, setMinutes] = useState('360');
  const [publish, setPublish] = useState(false);
  const [enabled, setEnabled] = useState(true);
  const [busy, setBusy] = useState<'save' | 'remove' | 'pull' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<{ text: string; failed: boolean }>({ text: '', failed: false });

  // The form shows what is stored, whenever the stored schedule is read again.
  const current = schedule.data ?? null;
  useEffect(() => {
    if (schedule.loading) return;
    setChoice(choiceOf(current));
    if (current && !current.interval) setMinutes(String(current.interval_minutes));
    setPublish(current?.publish ?? false);
    setEnabled(current?.enabled ?? true);
  }, [current, schedule.loading]);

  const date = (s: string | null) =>
    s ? new Date(s).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  const outcomeText = (p: FeedPull) => t(`pulls.outcome_${p.outcome}`);
  const failureText = (p: FeedPull) =>
    p.error
      ? t('pulls.failed_with', {
          code: p.error.code,
          message: (lang === 'fr' ? p.error.message_fr : p.error.message_en) ?? '',
        })
      : '';

  async function act<T>(
    kind: 'save' | 'remove' | 'pull',
    action: () => Promise<T>,
    done: (r: T) => string | { text: string; failed: boolean },
  ) {
    setBusy(kind);
    setError(null);
    setMessage({ text: '', failed: false });
    try {
      const said = done(await action());
      setMessage(typeof said === 'string' ? { text: said, failed: false } : said);
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const save = () => {
    const input: PullScheduleInput =
      choice === 'custom'
        ? { interval_minutes: Number(minutes), enabled, publish }
        : { interval: choice, enabled, publish };
    void act(
      'save',
      () => setPullSchedule(apiKey, feedId, input, lang),
      () => t('pulls.saved'),
    );
  };

  const pulls = history.data ?? [];
  const latest = history.data?.[0] ?? current?.latest_pull ?? null;
  const choices: Choice[] = ['hourly', 'daily', 'weekly', 'custom'];
  return (
    <section aria-labelledby={`${id}-title`} data-testid="pull-schedule" className="pull-schedule">
      <h3 id={`${id}-title`}>{t('pulls.title')}</h3>
      <p className="hint">{t('pulls.intro')}</p>
      {sourceUrl ? (
        <p>
          {t('pulls.source')} <code className="source-url">{sourceUrl}</code>
        </p>
      ) : (
        <p data-testid="pull-no-source">{t('pulls.no_source')}</p>
      )}
      {schedule.error !== null && <ApiErrorMessage error={schedule.error} />}
      {!schedule.loading && schedule.error === null && (
        <p data-testid="pull-state">
          {!current
            ? t('pulls.none')
            : current.running
              ? t('pulls.running')
              : current.enabled
                ? t('pulls.next', { date: date(current.next_run_at) })
                : t('pulls.paused')}
        </p>
      )}
      {latest?.outcome === 'failed' && (
        <p className="error" data-testid="pull-last-failed">
          {t('pulls.last_failed', {
            message: (lang === 'fr' ? latest.error?.message_fr : latest.error?.message_en) ?? latest.error?.code ?? '',
          })}
        </p>
      )}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <fieldset>
          <legend>{t('pulls.how_often')}</legend>
          {choices.map((c) => (
            <div key={c} className="check">
              <input
                type="radio"
                id={`${id}-${c}`}
                name={`${id}-interval`}
                value={c}
                checked={choice === c}
                onChange={() => setChoice(c)}
              />
              <label htmlFor={`${id}-${c}`}>{t(`pulls.${c}`)}</label>
            </div>
          ))}
          {choice === 'custom' && (
            <div className="filter-row">
              <label htmlFor={`${id}-minutes`}>{t('pulls.minutes')}</label>
              <input
                id={`${id}-minutes`}
                type="number"
                inputMode="numeric"
                min={15}
                max={44640}
                step={1}
                required
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
            </div>
          )}
        </fieldset>
        <div className="check">
          <input
            type="checkbox"
            id={`${id}-publish`}
            checked={publish}
            onChange={(e) => setPublish(e.target.checked)}
          />
          <label htmlFor={`${id}-publish`}>{t('pulls.publish')}</label>
        </div>
        <div className="check">
          <input
            type="checkbox"
            id={`${id}-enabled`}
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
          />
          <label htmlFor={`${id}-enabled`}>{t('pulls.enabled')}</label>
        </div>
        <div className="pull-actions">
          <button type="submit" disabled={busy !== null}>
            {t('pulls.save')}
          </button>
          {current && (
            <button
              type="button"
              className="secondary"
              disabled={busy !== null || current.running}
              onClick={() =>
                void act(
                  'pull',
                  () => pullNow(apiKey, feedId, lang),
                  (p) => {
                    if (p.version_id !== null && p.outcome !== 'unchanged') onPulled();
                    return p.outcome === 'failed' ? failureText(p) : t('pulls.pulled', { outcome: outcomeText(p) });
                  },
                )
              }
            >
              {busy === 'pull' ? t('pulls.pulling') : t('pulls.pull_now')}
            </button>
          )}
          {current && (
            <button
              type="button"
              className="secondary"
              disabled={busy !== null}
              onClick={() =>
                void act(
                  'remove',
                  () => deletePullSchedule(apiKey, feedId, lang),
                  () => t('pulls.removed'),
                )
              }
            >
              {t('pulls.remove')}
            </button>
          )}
        </div>
      </form>
      <p role="status" className={message.failed ? 'error' : 'feeds-message'} data-testid="pull-message">
        {message.text}
      </p>
      {error !== null && <ApiErrorMessage error={error} />}

      <h4 id={`${id}-history`}>{t('pulls.history_title')}</h4>
      {history.error !== null && <ApiErrorMessage error={history.error} />}
      {history.data && pulls.length === 0 && <p>{t('pulls.history_none')}</p>}
      {pulls.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-history`}>
          <table className="data" data-testid="pull-history">
            <thead>
              <tr>
                <th scope="col">{t('pulls.col_started')}</th>
                <th scope="col">{t('pulls.col_finished')}</th>
                <th scope="col">{t('pulls.col_trigger')}</th>
                <th scope="col">{t('pulls.col_outcome')}</th>
                <th scope="col">{t('pulls.col_http')}</th>
                <th scope="col">{t('pulls.col_bytes')}</th>
                <th scope="col">{t('pulls.col_version')}</th>
              </tr>
            </thead>
            <tbody>
              {pulls.map((p) => (
                <tr key={p.id} data-testid="pull" data-outcome={p.outcome}>
                  <td>{date(p.started_at)}</td>
                  <td>{date(p.finished_at)}</td>
                  <td>{t(`pulls.trigger_${p.trigger}`)}</td>
                  <td className={p.outcome === 'failed' ? 'error' : undefined}>
                    {p.outcome === 'failed' ? failureText(p) : outcomeText(p)}
                  </td>
                  <td className="value">
                    {p.http_status === null
                      ? '—'
                      : p.http_status === 304
                        ? `304 (${t('pulls.not_modified')})`
                        : p.http_status}
                  </td>
                  <td className="value">
                    {p.bytes === null
                      ? '—'
                      : t('pulls.bytes', {
                          kb: (p.bytes / 1024).toLocaleString(locale, { maximumFractionDigits: 1 }),
                        })}
                  </td>
                  <td className="value">{p.version_id ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
