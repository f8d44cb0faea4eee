import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedReports, feedReportsCsv, setReportStatus, type PointReport } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { useApi } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import { localeOf } from '../finder/point-format.js';

const STATUSES: PointReport['status'][] = ['new', 'acknowledged', 'resolved'];

/**
 * The steward's inbox: what citizens reported about this feed's points,
 * newest first, read with the steward's key (the API shows a key only its own
 * jurisdiction's reports). Each report can be acknowledged or resolved, and the
 * whole inbox saved as CSV.
 */
export function ReportsInbox({ feedId, apiKey, lang }: { feedId: string; apiKey: string; lang: Lang }) {
  const { t } = useTranslation();
  const id = useId();
  const locale = localeOf(lang);
  const [show, setShow] = useState<'open' | 'all'>('open');
  const [refresh, setRefresh] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const inbox = useApi(
    (s) => feedReports(apiKey, feedId, show === 'open' ? ['new', 'acknowledged'] : null, lang, s),
    `${feedId}|${apiKey}|${lang}|${show}|${refresh}`,
  );

  const change = async (r: PointReport, status: PointReport['status']) => {
    setBusy(r.id);
    setError(null);
    try {
      await setReportStatus(apiKey, feedId, r.id, status, lang);
      setMessage(t('reports.changed', { name: r.point_name, status: t(`reports.status_${status}`) }));
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const download = async () => {
    setError(null);
    try {
      const blob = await feedReportsCsv(apiKey, feedId, lang);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${feedId}-reports.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e);
    }
  };

  const reports = inbox.data ?? [];
  return (
    <section aria-labelledby={`${id}-title`} data-testid="reports-inbox">
      <h3 id={`${id}-title`}>{t('reports.title')}</h3>
      <div className="inbox-tools">
        <div role="group" aria-label={t('reports.show')}>
          <button type="button" className="secondary" aria-pressed={show === 'open'} onClick={() => setShow('open')}>
            {t('reports.show_open')}
          </button>
          <button type="button" className="secondary" aria-pressed={show === 'all'} onClick={() => setShow('all')}>
            {t('reports.show_all')}
          </button>
        </div>
        <button type="button" className="secondary" onClick={() => void download()}>
          {t('reports.export_csv')}
        </button>
      </div>
      <p role="status" className="feeds-message">
        {message}
      </p>
      {inbox.error !== null && <ApiErrorMessage error={inbox.error} />}
      {error !== null && <ApiErrorMessage error={error} />}
      {inbox.data && reports.length === 0 && <p>{show === 'open' ? t('reports.none_open') : t('reports.none')}</p>}
      {reports.length > 0 && (
        <ol className="inbox">
          {reports.map((r) => (
            <li key={r.id} data-testid="citizen-report" className={`report status-${r.status}`}>
              <p className="report-head">
                <strong>{r.point_name}</strong> ·{' '}
                {new Date(r.created_at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
                <span className="report-status">{t(`reports.status_${r.status}`)}</span>
                {!r.point_published && <> · {t('reports.point_gone')}</>}
              </p>
              <blockquote lang={r.lang}>{r.message}</blockquote>
              {r.email && (
                <p>
                  {t('reports.reply_to')} <a href={`mailto:${r.email}`}>{r.email}</a>
                </p>
              )}
              <div className="report-actions">
                {STATUSES.filter((s) => s !== r.status).map((s) => (
                  <button
                    key={s}
                    type="button"
                    className="secondary"
                    disabled={busy === r.id}
                    aria-label={t(`reports.mark_${s}_named`, { name: r.point_name })}
                    onClick={() => void change(r, s)}
                  >
                    {t(`reports.mark_${s}`)}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
