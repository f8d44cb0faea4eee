import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createFeed,
  feeds as fetchFeeds,
  feedVersions,
  keyIdentity,
  publishVersion,
  rollback,
  uploadVersion,
  type UploadResult,
} from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { useApi } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import type { MapPoint } from '../../map/map-view.js';
import { useUrlState } from '../../routing/use-url-state.js';
import { ApiKeyForm, readApiKey } from './api-key-form.js';
import { PullSchedule } from './pull-schedule.js';
import { FeedSettingsForm } from './feed-settings.js';
import { ReportsInbox } from './reports-inbox.js';
import { stagedPreview } from './staged-preview.js';
import { UploadForm } from './upload-form.js';
import { ValidationReport } from './validation-report.js';
import { VersionDiffView } from './version-diff.js';
import { VersionHistory } from './version-history.js';

const MapView = lazy(() => import('../../map/map-view.js').then((m) => ({ default: m.MapView })));

/** The stewards' view: upload a file, read what is wrong with it, publish it, and undo a bad one. */
export function FeedsView({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useUrlState();
  const feedId = query.get('feed');
  const [apiKey, setApiKey] = useState(readApiKey);
  const [refresh, setRefresh] = useState(0);
  const feedList = useApi((s) => fetchFeeds(lang, apiKey || undefined, s), `${lang}|${apiKey}|${refresh}`);
  // The key proves the steward's jurisdiction: the view reads it rather than asking for it.
  const identity = useApi(apiKey ? (s) => keyIdentity(apiKey, lang, s) : null, `${lang}|${apiKey}`);
  const versions = useApi(
    feedId ? (s) => feedVersions(feedId, lang, apiKey || undefined, s) : null,
    `${feedId}|${lang}|${refresh}`,
  );
  const [result, setResult] = useState<UploadResult | null>(null);
  const [preview, setPreview] = useState<MapPoint[]>([]);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [newName, setNewName] = useState('');
  const reportRef = useRef<HTMLDivElement>(null);
  const feed = feedList.data?.find((f) => f.id === feedId) ?? null;

  useEffect(() => {
    setResult(null);
    setPreview([]);
    setMessage('');
    setActionError(null);
  }, [feedId]);

  async function run<T>(action: () => Promise<T>, done: (r: T) => void) {
    setBusy(true);
    setActionError(null);
    setMessage('');
    try {
      done(await action());
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  const level = 'provincial';
  const onUpload = (file: File) =>
    run(
      async () => {
        const text = await file.text();
        setPreview(stagedPreview(file.name, text, level));
        return uploadVersion(apiKey, feedId ?? '', file, lang);
      },
      (r) => {
        setResult(r);
        setRefresh((n) => n + 1);
        requestAnimationFrame(() => reportRef.current?.querySelector<HTMLElement>('h3')?.focus());
      },
    );
  const onPublish = (versionId: number) =>
    run(
      () => publishVersion(apiKey, feedId ?? '', versionId, lang),
      () => {
        setMessage(t('feeds.published'));
        setResult(null);
        setRefresh((n) => n + 1);
      },
    );
  const onRepublish = (versionId: number) =>
    run(
      () => publishVersion(apiKey, feedId ?? '', versionId, lang),
      () => {
        setMessage(t('steward.republished', { id: versionId }));
        setResult(null);
        setRefresh((n) => n + 1);
      },
    );
  const onRollback = () =>
    run(
      () => rollback(apiKey, feedId ?? '', lang),
      () => {
        setMessage(t('feeds.rolled_back'));
        setRefresh((n) => n + 1);
      },
    );

  return (
    <div className="feeds">
      <h1>{t('feeds.title')}</h1>
      <p className="intro">{t('feeds.intro')}</p>
      <section aria-labelledby="key-title">
        <h2 id="key-title">{t('feeds.key_title')}</h2>
        <ApiKeyForm apiKey={apiKey} onKey={setApiKey} />
        {identity.data && (
          <p data-testid="key-jurisdiction">
            {t('feeds.key_acts_for', { name: identity.data.jurisdiction_name, id: identity.data.jurisdiction_id })}
          </p>
        )}
        {identity.error !== null && <ApiErrorMessage error={identity.error} />}
      </section>

      <section aria-labelledby="feed-list-title">
        <h2 id="feed-list-title">{t('feeds.list_title')}</h2>
        {feedList.error !== null && <ApiErrorMessage error={feedList.error} />}
        {feedList.data && feedList.data.length === 0 && <p>{t('feeds.none')}</p>}
        {feedList.data && feedList.data.length > 0 && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('feeds.list_title')}>
            <table className="data" data-testid="feed-list">
              <thead>
                <tr>
                  <th scope="col">{t('feeds.col_feed')}</th>
                  <th scope="col">{t('feeds.col_jurisdiction')}</th>
                  <th scope="col">{t('feeds.col_published')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('feeds.col_action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {feedList.data.map((f) => (
                  <tr key={f.id} className={f.id === feedId ? 'selected' : undefined}>
                    <th scope="row">{f.name}</th>
                    <td>{f.jurisdiction_name ?? f.jurisdiction_id}</td>
                    <td>
                      {f.published_version
                        ? t('feeds.yes_published', { count: f.published_version.counts.accepted })
                        : t('feeds.not_published')}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        aria-pressed={f.id === feedId}
                        aria-label={t('feeds.manage_named', { name: f.name })}
                        onClick={() => setQuery({ feed: f.id })}
                      >
                        {t('feeds.manage')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {apiKey && identity.data && (
          <details className="new-feed">
            <summary>{t('feeds.new_title')}</summary>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void run(
                  () => createFeed(apiKey, { name: newName.trim() }, lang),
                  (f) => {
                    setNewName('');
                    setRefresh((n) => n + 1);
                    setQuery({ feed: f.id });
                  },
                );
              }}
            >
              <div className="filter-row">
                <label htmlFor={`${id}-name`}>{t('feeds.new_name')}</label>
                <input
                  id={`${id}-name`}
                  type="text"
                  required
                  value={newName}
                  onChange={(e) => setNewName(e.target.value)}
                />
              </div>
              <p className="hint" data-testid="new-feed-jurisdiction">
                {t('feeds.new_for', { name: identity.data.jurisdiction_name })}
              </p>
              <button type="submit" disabled={busy}>
                {t('feeds.new_create')}
              </button>
            </form>
          </details>
        )}
      </section>

      <p role="status" className="feeds-message" data-testid="feeds-message">
        {message}
      </p>
      {actionError !== null && <ApiErrorMessage error={actionError} />}

      {feedId && (
        <section aria-labelledby="feed-title" className="feed-work">
          <h2 id="feed-title">{t('feeds.feed_title', { name: feed?.name ?? feedId })}</h2>
          {!apiKey ? (
            <p>{t('feeds.key_needed')}</p>
          ) : (
            <>
              <h3>{t('feeds.upload_title')}</h3>
              <UploadForm busy={busy} onUpload={(f) => void onUpload(f)} />
            </>
          )}
          {result && (
            <div ref={reportRef} className="report-and-map">
              <ValidationReport result={result} lang={lang} />
              <div className="preview">
                <h3>{t('feeds.preview_title')}</h3>
                <p className="hint">{t('feeds.preview_hint', { count: preview.length })}</p>
                {preview.length > 0 && (
                  <div className="preview-map">
                    <Suspense fallback={<p>{t('map.loading')}</p>}>
                      <MapView points={preview} origin={null} selectedId={null} onSelect={() => undefined} />
                    </Suspense>
                  </div>
                )}
              </div>
              {result.status === 'staged' && result.version_id !== null && (
                <button type="button" onClick={() => void onPublish(result.version_id!)} disabled={busy}>
                  {t('feeds.publish')}
                </button>
              )}
            </div>
          )}
          <VersionHistory
            state={versions}
            lang={lang}
            canRollback={Boolean(apiKey)}
            busy={busy}
            onRollback={() => void onRollback()}
            {...(apiKey ? { onPublish: (v: number) => void onRepublish(v) } : {})}
          />
          {apiKey && (
            <PullSchedule
              feedId={feedId}
              sourceUrl={feed?.source_url ?? null}
              apiKey={apiKey}
              lang={lang}
              onPulled={() => setRefresh((n) => n + 1)}
            />
          )}
          <VersionDiffView feedId={feedId} versions={versions.data ?? []} apiKey={apiKey} lang={lang} />
          {apiKey && (
            <FeedSettingsForm feedId={feedId} apiKey={apiKey} lang={lang} onSaved={() => setRefresh((n) => n + 1)} />
          )}
          {apiKey && <ReportsInbox feedId={feedId} apiKey={apiKey} lang={lang} />}
        </section>
      )}
    </div>
  );
}
