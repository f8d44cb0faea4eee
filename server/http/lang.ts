import type { Request } from 'express';

export type Lang = 'en' | 'fr';

/** `lang=en|fr` wins; else the first of en/fr in Accept-Language; else English. */
export function requestLang(req: Request): Lang {
  const q = req.query['lang'];
  if (q === 'fr' || q === 'en') return q;
  const accepted = req.acceptsLanguages('en', 'fr');
  return accepted === 'fr' ? 'fr' : 'en';
}
