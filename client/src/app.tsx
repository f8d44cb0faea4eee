import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Finder } from './features/finder/finder.js';
import type { Lang } from './i18n/index.js';

/** The page frame: header with the language switch, then the view. */
export function App({ lang }: { lang: Lang }) {
  const { t, i18n } = useTranslation();

  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, i18n, t]);

  const other: Lang = lang === 'en' ? 'fr' : 'en';
  // The query (searched place) changes without re-rendering the frame; read it when the link is used.
  const otherHref = `/${other}/${window.location.search}`;
  const keepQuery = (e: React.MouseEvent<HTMLAnchorElement>) => {
    e.currentTarget.href = `/${other}/${window.location.search}`;
  };
  return (
    <>
      <a className="skip-link" href="#results">
        {t('app.skip_to_results')}
      </a>
      <header className="site-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <a href={otherHref} lang={other} hrefLang={other} aria-label={t('app.switch_language_label')} className="lang-switch" onClick={keepQuery}>
          {t('app.switch_language')}
        </a>
      </header>
      <main>
        <Finder lang={lang} />
      </main>
    </>
  );
}
