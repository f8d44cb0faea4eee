import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { versionDiff } from '../../api/client.js';
import type { FeedVersion, VersionDiff } from '../../api/types.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import type { Lang } from '../../i18n/index.js';
import { localeOf } from '../finder/point-format.js';

const versionIdOf = (v: FeedVersion) => String(v.id);

function shown(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Two versions of the feed side by side: which points were added, removed or
 * changed (matched by the feed's own point id), and for a changed point each
 * field before and after. One row per changed field, so every row reads alone.
 */
export function VersionDiffView({
  feedId,
  versions,
  apiKey,
  lang,
}: {
  feedId: string;
  versions: FeedVersion[];
  apiKey: string;
  lang: Lang;
}) {
  const { t } = useTranslation();
  const id = useId();
  const locale = localeOf(lang);
  // A failed load has no points to compare.
  const choices = versions.filter((v) => v.status !== 'failed');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Newest against the one before it, until the steward picks others.
  const newest = choices[0] ? versionIdOf(choices[0]) : '';
  const previous = choices[1] ? versionIdOf(choices[1]) : newest;
  useEffect(() => {
    setFrom(previous);
    setTo(newest);
    setDiff(null);
    setError(null);
  }, [feedId, newest, previous]);

  if (choices.length < 2) return null;

  const load = async (offset: number) => {
    setBusy(true);
    setError(null);
    try {
      const page = await versionDiff(feedId, from, to, offset, lang, apiKey || undefined);
      setDiff((d) => (offset > 0 && d ? { ...page, results: [...d.results, ...page.results] } : page));
    } catch (e) {
      setError(e);
      if (offset === 0) setDiff(null);
    } finally {
      setBusy(false);
    }
  };

  const date = (s: string | null | undefined) =>
    s ? new Date(s).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  const option = (v: FeedVersion) => (
    <option key={versionIdOf(v)} value={versionIdOf(v)}>
      {t('steward.diff_option', {
        id: versionIdOf(v),
        status: t(`feeds.status_${v.status}`, { defaultValue: v.status }),
        date: date(v.created_at),
      })}
    </option>
  );
  const fieldLabel = (field: string) =>
    field.startsWith('extra.')
      ? field.slice(6)
      : t(`steward.field_${field.replace(/_en$/, '')}`, { defaultValue: field });
  const value = (v: unknown) => shown(v) ?? <span className="missing">{t('steward.empty')}</span>;
  const total = diff ? diff.totals.added + diff.totals.removed + diff.totals.changed : 0;

  return (
    <section aria-labelledby={`${id}-title`} data-testid="version-diff">
      <h3 id={`${id}-title`}>{t('steward.diff_title')}</h3>
      <form
        className="diff-form"
        onSubmit={(e) => {
          e.preventDefault();
          void load(0);
        }}
      >
        <div className="filter-row">
          <label htmlFor={`${id}-from`}>{t('steward.diff_from')}</label>
          <select id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value)}>
            {choices.map(option)}
          </select>
        </div>
        <div className="filter-row">
          <label htmlFor={`${id}-to`}>{t('steward.diff_to')}</label>
          <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
            {choices.map(option)}
          </select>
        </div>
        <button type="submit" className="secondary" disabled={busy || !from || !to}>
          {t('steward.diff_run')}
        </button>
      </form>
      {error !== null && <ApiErrorMessage error={error} />}
      <p role="status" data-testid="diff-totals">
        {diff && t('steward.diff_totals', diff.totals)}
      </p>
      {diff && total === 0 && <p>{t('steward.diff_none')}</p>}
      {diff && diff.results.length > 0 && (
        <>
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-label={t('steward.diff_table', { from: diff.from.version_id, to: diff.to.version_id })}
          >
            <table className="data compact" data-testid="diff-table">
              <caption>{t('steward.diff_table', { from: diff.from.version_id, to: diff.to.version_id })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('steward.col_point')}</th>
                  <th scope="col">{t('steward.col_name')}</th>
                  <th scope="col">{t('steward.col_change')}</th>
                  <th scope="col">{t('steward.col_field')}</th>
                  <th scope="col">{t('steward.col_before')}</th>
                  <th scope="col">{t('steward.col_after')}</th>
                </tr>
              </thead>
              <tbody>
                {diff.results.flatMap((p) => {
                  const head = (
                    <>
                      <th scope="row" className="value">
                        {p.point_id}
                      </th>
                      <td>{p.name}</td>
                      <td>{t(`steward.change_${p.change}`)}</td>
                    </>
                  );
                  if (p.change !== 'changed')
                    return [
                      <tr key={p.id} data-change={p.change} className={`change-${p.change}`}>
                        {head}
                        <td>—</td>
                        <td>{p.change === 'removed' ? p.name : value(null)}</td>
                        <td>{p.change === 'added' ? p.name : value(null)}</td>
                      </tr>,
                    ];
                  return p.fields.map((f) => (
                    <tr key={`${p.id}-${f.field}`} data-change="changed" className="change-changed">
                      {head}
                      <td>{fieldLabel(f.field)}</td>
                      <td>{value(f.old)}</td>
                      <td>{value(f.new)}</td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </div>
          <p className="hint">{t('steward.diff_shown', { shown: diff.results.length, total })}</p>
          {diff.next_offset !== null && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void load(diff.next_offset ?? 0)}
            >
              {t('steward.diff_more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
