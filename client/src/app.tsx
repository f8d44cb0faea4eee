import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from './components/app-link.js';
import { Finder } from './features/finder/finder.js';
import type { Lang } from './i18n/index.js';
import { parseRoute, routePath, type View } from './routing/route.js';
import { usePathname, useUrlState } from './routing/use-url-state.js';

// The analysis and feeds views are for a few people; citizens never download them.
const AnalysisView = lazy(() =>
  import('./features/analysis/analysis-view.js').then((m) => ({ default: m.AnalysisView })),
);
const FeedsView = lazy(() => import('./features/feeds/feeds-view.js').then((m) => ({ default: m.FeedsView })));

const VIEWS: View[] = ['finder', 'analysis', 'feeds'];

/** The page frame: skip link, header with the views and the language switch, then the view of the path. */
export function App() {
  const { t, i18n } = useTranslation();
  const pathname = usePathname();
  const [query] = useUrlState();
  const { lang, view } = parseRoute(pathname);

  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t(`nav.${view}`)} · ${t('app.title')}`;
  }, [lang, view, t]);

  const other: Lang = lang === 'en' ? 'fr' : 'en';
  const qs = query.toString();
  const otherHref = `${routePath({ lang: other, view })}${qs ? `?${qs}` : ''}`;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip_to_content')}
      </a>
      <header className="site-header">
        <div>
          <p className="site-title">{t('app.title')}</p>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul className="nav">
            {VIEWS.map((v) => (
              <li key={v}>
                <AppLink href={routePath({ lang, view: v })} aria-current={v === view ? 'page' : undefined}>
                  {t(`nav.${v}`)}
                </AppLink>
              </li>
            ))}
          </ul>
        </nav>
        <AppLink href={otherHref} lang={other} hrefLang={other} className="lang-switch">
          <span aria-hidden="true">{t('app.switch_language')}</span>
          <span className="visually-hidden">{t('app.switch_language_label')}</span>
        </AppLink>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="loading-view">{t('app.loading_view')}</p>}>
          {view === 'finder' && <Finder lang={lang} />}
          {view === 'analysis' && <AnalysisView lang={lang} />}
          {view === 'feeds' && <FeedsView lang={lang} />}
        </Suspense>
      </main>
    </>
  );
}
