import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';

export type Lang = 'en' | 'fr';

/** The language of a path: `/fr/...` is French, everything else English. */
export function langFromPath(pathname: string): Lang {
  return /^\/fr(\/|$)/.test(pathname) ? 'fr' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: langFromPath(window.location.pathname),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
