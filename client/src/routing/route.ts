import type { Lang } from '../i18n/index.js';

export type View = 'finder' | 'analysis' | 'feeds';

export interface Route {
  lang: Lang;
  view: View;
}

/**
 * Where a path leads: `/`, `/en/`, `/fr/` are the finder; `/analysis` and
 * `/feeds` (each also under `/en/` and `/fr/`) the two other views. French is
 * chosen by the path only, so a shared link opens in the language it was sent in.
 */
export function parseRoute(pathname: string): Route {
  const m = /^\/(?:(en|fr)(?:\/|$))?(.*)$/.exec(pathname);
  const lang: Lang = m?.[1] === 'fr' ? 'fr' : 'en';
  const rest = (m?.[2] ?? '').replace(/\/+$/, '');
  const view: View = rest === 'analysis' ? 'analysis' : rest === 'feeds' ? 'feeds' : 'finder';
  return { lang, view };
}

/** The path of a view in a language. */
export function routePath({ lang, view }: Route): string {
  return view === 'finder' ? `/${lang}/` : `/${lang}/${view}`;
}
