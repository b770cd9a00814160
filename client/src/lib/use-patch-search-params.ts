import { useCallback } from 'react';
import { useSearchParams, type NavigateOptions } from 'react-router';

/**
 * setSearchParams with an update that sees the live URL. React Router's own functional form
 * hands the parameters of the last render, so two changes before a re-render (a debounced
 * search landing while a filter is picked) silently undo each other.
 */
export function usePatchSearchParams(): (update: (live: URLSearchParams) => URLSearchParams, opts?: NavigateOptions) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (update, opts) => setParams(() => update(new URLSearchParams(window.location.search)), opts),
    [setParams],
  );
}
