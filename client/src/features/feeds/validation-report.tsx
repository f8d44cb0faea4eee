import { useTranslation } from 'react-i18next';
import type { UploadResult } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';

/** The row-by-row report of a staged upload, each message in the steward's language. */
export function ValidationReport({ result, lang }: { result: UploadResult; lang: Lang }) {
  const { t } = useTranslation();
  const c = result.counts;
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  return (
    <section aria-labelledby="report-title" data-testid="report">
      <h3 id="report-title" tabIndex={-1}>
        {t('feeds.report_title')}
      </h3>
      <p className={result.status === 'failed' ? 'status-failed' : 'status-staged'}>
        <strong>{t(`feeds.status_${result.status}`, { defaultValue: result.status })}</strong>
        {' · '}
        {t('feeds.report_summary', { errors, warnings: result.issues.length - errors })}
      </p>
      <dl className="counts">
        {(['rows', 'accepted', 'rejected', 'geocoded', 'warnings'] as const).map((k) => (
          <div key={k}>
            <dt>{t(`feeds.count_${k}`)}</dt>
            <dd data-testid={`count-${k}`}>{c[k] ?? 0}</dd>
          </div>
        ))}
      </dl>
      {result.issues.length === 0 ? (
        <p>{t('feeds.no_issues')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('feeds.issues_table')}>
          <table className="data" data-testid="issues">
            <caption className="visually-hidden">{t('feeds.issues_table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('feeds.col_row')}</th>
                <th scope="col">{t('feeds.col_field')}</th>
                <th scope="col">{t('feeds.col_value')}</th>
                <th scope="col">{t('feeds.col_severity')}</th>
                <th scope="col">{t('feeds.col_message')}</th>
              </tr>
            </thead>
            <tbody>
              {result.issues.map((i, n) => (
                <tr key={n} className={i.severity}>
                  <td>{i.row ?? '—'}</td>
                  <td>{i.field ?? '—'}</td>
                  <td className="value">{i.value ?? ''}</td>
                  <td>{t(`feeds.severity_${i.severity}`, { defaultValue: i.severity })}</td>
                  <td>{lang === 'fr' ? i.message_fr : i.message_en}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.issues_not_shown > 0 && <p>{t('feeds.more_issues', { count: result.issues_not_shown })}</p>}
    </section>
  );
}
