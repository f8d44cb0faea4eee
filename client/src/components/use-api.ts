import { useEffect, useState } from 'react';

export interface ApiState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

/**
 * Reads one endpoint whenever `key` changes, aborting the previous request,
 * and keeps the error for the view to explain (never thrown into React).
 */
export function useApi<T>(load: ((signal: AbortSignal) => Promise<T>) | null, key: string): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ data: null, error: null, loading: load !== null });
  useEffect(() => {
    if (!load) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ data: s.data, error: null, loading: true }));
    load(ctrl.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if ((error as Error).name !== 'AbortError') setState({ data: null, error, loading: false });
      },
    );
    return () => ctrl.abort();
    // `key` stands for everything `load` closes over.
  }, [key]);
  return state;
}
