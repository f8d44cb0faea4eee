import { useTranslation } from 'react-i18next';
import type { FeedVersion } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import type { ApiState } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import { localeOf } from '../finder/point-format.js';

export interface VersionHistoryProps {
  state: ApiState<FeedVersion[]>;
  lang: Lang;
  canRollback: boolean;
  busy: boolean;
  onRollback: () => void;
  /** Publishes any version again (or a staged one for the first time); absent without a key. */
  onPublish?: (versionId: number) => void;
}

/** Every load of the feed, newest first, with the way back to the previous published one. */
export function VersionHistory({ state, lang, canRollback, busy, onRollback, onPublish }: VersionHistoryProps) {
  const { t } = useTranslation();
  const locale = localeOf(lang);
  const versions = state.data ?? [];
  const published = versions.filter(
    (v) => v.status === 'published' || v.status === 'superseded' || v.status === 'rolled_back',
  );
  const date = (s: string | null | undefined) =>
    s ? new Date(s).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  return (
    <section aria-labelledby="history-title" data-testid="history">
      <h3 id="history-title">{t('feeds.history_title')}</h3>
      {state.error !== null && <ApiErrorMessage error={state.error} />}
      {state.data && versions.length === 0 && <p>{t('feeds.history_none')}</p>}
      {versions.length > 0 && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('feeds.col_version')}</th>
              <th scope="col">{t('feeds.col_status')}</th>
              <th scope="col">{t('feeds.col_created')}</th>
              <th scope="col">{t('feeds.count_accepted')}</th>
              <th scope="col">{t('feeds.count_rejected')}</th>
              {onPublish && (
                <th scope="col">
                  <span className="visually-hidden">{t('steward.col_action')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-testid="version" data-status={v.status}>
                <td className="value">{v.id}</td>
                <td>{t(`feeds.status_${v.status}`, { defaultValue: v.status })}</td>
                <td>{date(v.created_at)}</td>
                <td>{v.counts.accepted}</td>
                <td>{v.counts.rejected}</td>
                {onPublish && (
                  <td>
                    {v.status !== 'published' && v.status !== 'failed' && (
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy}
                        aria-label={t(
                          v.status === 'staged' ? 'steward.publish_staged_named' : 'steward.republish_named',
                          {
                            id: v.id,
                          },
                        )}
                        onClick={() => onPublish(v.id)}
                      >
                        {t(v.status === 'staged' ? 'steward.publish_staged' : 'steward.republish')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canRollback && published.length > 1 && (
        <button type="button" className="secondary" onClick={onRollback} disabled={busy}>
          {t('feeds.rollback')}
        </button>
      )}
    </section>
  );
}
