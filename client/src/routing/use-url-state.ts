import { useCallback, useSyncExternalStore } from 'react';

const EVENT = 'finder:urlchange';

function subscribe(callback: () => void): () => void {
  window.addEventListener('popstate', callback);
  window.addEventListener(EVENT, callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener(EVENT, callback);
  };
}

/** Goes to a path and query in this page (no reload) and tells every view that reads the URL. */
export function navigate(url: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
}

/**
 * The query string is the state of each view, so every state is a link one can
 * share and the back button undoes the last step. Returns the current query and
 * a setter that merges changes (null removes a key) into a new history entry.
 */
export function useUrlState(): [URLSearchParams, (changes: Record<string, string | null>, replace?: boolean) => void] {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  const set = useCallback((changes: Record<string, string | null>, replace = false) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    const q = next.toString();
    const url = `${window.location.pathname}${q ? `?${q}` : ''}`;
    if (url !== `${window.location.pathname}${window.location.search}`) navigate(url, replace);
  }, []);
  return [new URLSearchParams(search), set];
}

/** Also re-renders when the path changes (view or language). */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** A comma-separated list parameter. */
export function listParam(p: URLSearchParams, key: string): string[] {
  return (p.get(key) ?? '').split(',').filter(Boolean);
}
