import { useEffect, useState } from 'react';
import {
  categories as fetchCategories,
  lifeEvents as fetchLifeEvents,
  type Category,
  type LifeEvent,
} from '../api/client.js';
import type { Lang } from '../i18n/index.js';

export interface Taxonomy {
  categories: Category[] | null;
  events: LifeEvent[] | null;
  /** Why a list could not be read (kept apart so one missing endpoint does not hide the other). */
  categoriesError: unknown;
  eventsError: unknown;
}

/** A taxonomy entry's name in the reader's language, whatever form the API sent it in. */
export function taxonName(c: { name_en: string; name_fr: string }, lang: Lang): string {
  return lang === 'fr' ? c.name_fr : c.name_en;
}

/** The bilingual service categories and life events, read once per language. */
export function useTaxonomy(lang: Lang): Taxonomy {
  const [state, setState] = useState<Taxonomy>({
    categories: null,
    events: null,
    categoriesError: null,
    eventsError: null,
  });
  useEffect(() => {
    const ctrl = new AbortController();
    fetchCategories(lang, ctrl.signal).then(
      (categories) => setState((s) => ({ ...s, categories, categoriesError: null })),
      (e: unknown) => (e as Error).name !== 'AbortError' && setState((s) => ({ ...s, categoriesError: e })),
    );
    fetchLifeEvents(lang, ctrl.signal).then(
      (events) => setState((s) => ({ ...s, events, eventsError: null })),
      (e: unknown) => (e as Error).name !== 'AbortError' && setState((s) => ({ ...s, eventsError: e })),
    );
    return () => ctrl.abort();
  }, [lang]);
  return state;
}
