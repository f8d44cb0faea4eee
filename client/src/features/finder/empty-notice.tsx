import { useTranslation } from 'react-i18next';
import type { CatalogFeed, DataStatus } from '../../api/types.js';
import { AppLink } from '../../components/app-link.js';
import type { Lang } from '../../i18n/index.js';
import { routePath } from '../../routing/route.js';

function feedLine(feed: CatalogFeed, lang: Lang, t: (key: string, o?: Record<string, unknown>) => string): string {
  const title = lang === 'fr' ? feed.title_fr : feed.title_en;
  return t(`status.catalog_${feed.outcome}`, { title });
}

/**
 * Said plainly when no service point feed is published: what the first start
 * found in the feed catalog, and the two ways to load a feed (the command
 * line, or an upload in the feeds view).
 */
export function EmptyNotice({ status, lang }: { status: DataStatus; lang: Lang }) {
  const { t } = useTranslation();
  const catalog = status.catalog;
  const checking =
    catalog !== null && catalog !== undefined && (catalog.state === 'pending' || catalog.state === 'checking');
  const feeds = catalog?.state === 'done' ? catalog.feeds : [];
  return (
    <div className="notice" role="note" data-testid="empty-notice">
      <h2>{t('status.empty_title')}</h2>
      {checking && <p>{t('status.catalog_checking')}</p>}
      {feeds.length > 0 && (
        <>
          <p>{t('status.catalog_checked', { count: feeds.length })}</p>
          <ul>
            {feeds.map((f) => (
              <li key={f.source}>{feedLine(f, lang, t)}</li>
            ))}
          </ul>
        </>
      )}
      <p>
        {t('status.empty_body')} <code>{t('status.empty_example')}</code>
      </p>
      <p>
        {t('status.empty_upload_before')}
        <AppLink href={routePath({ lang, view: 'feeds' })}>{t('status.empty_upload_link')}</AppLink>
        {t('status.empty_upload_after')}
      </p>
    </div>
  );
}
