import { useMemo, useState } from 'react';
import { windowSpanMs, type HealthView } from './health-window.ts';

/**
 * The range an event list covers: the window as it was when chosen (or refreshed by hand). It
 * does not slide every 30 s the way the charts do, so a reader paging through it keeps their place.
 */
export function useListRange(view: HealthView) {
  const [epoch, setEpoch] = useState(0);
  const key = view.window === 'custom' ? `${view.from.getTime()}-${view.to.getTime()}` : view.window;
  const range = useMemo(
    () => (view.window === 'custom' ? { from: view.from, to: view.to } : { from: new Date(Date.now() - windowSpanMs(view)) }),
    // Keyed on the window's identity, not on its object (a new one every render).
    [key, epoch],
  );
  return { range, refresh: () => setEpoch((n) => n + 1) };
}
