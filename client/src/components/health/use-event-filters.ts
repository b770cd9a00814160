import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { readEventFilters, writeEventFilters, type EventFilters } from './event-filters.ts';

/**
 * The event list's filters from the URL and a patcher. The patch applies to the live URL, not to
 * the params this render saw: React Router hands a functional update the render's params, so
 * two quick changes (a provider, then an outcome) before a re-render would undo each other.
 */
export function useEventFilters() {
  const [params, setParams] = useSearchParams();
  const patchFilters = useCallback(
    (patch: Partial<EventFilters>) =>
      setParams(
        () => {
          const live = new URLSearchParams(window.location.search);
          return writeEventFilters(live, { ...readEventFilters(live), ...patch });
        },
        { replace: true },
      ),
    [setParams],
  );
  return { filters: readEventFilters(params), patchFilters };
}
