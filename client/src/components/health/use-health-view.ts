import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { healthWindowInput, readHealthView, refreshesItself, writeHealthView, type HealthView } from './health-window.ts';
import { REFRESH_MS } from './AutoRefresh.tsx';

/** The window from the URL, the setter that writes it back, and the refresh rhythm both pages share. */
export function useHealthView() {
  const [params, setParams] = useSearchParams();
  const view = readHealthView(params);
  const [paused, setPaused] = useState(false);
  const canAutoRefresh = refreshesItself(view);
  return {
    view,
    params,
    setParams,
    input: healthWindowInput(view),
    // Written over the live URL (not this render's params), like the list filters (use-event-filters.ts).
    setView: (next: HealthView) => setParams(() => writeHealthView(new URLSearchParams(window.location.search), next)),
    paused,
    setPaused,
    canAutoRefresh,
    refetchInterval: canAutoRefresh && !paused ? REFRESH_MS : (false as const),
  };
}
