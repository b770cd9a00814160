// Code split off into its own chunk, rendered without Suspense. React 19 holds back revealing a
// suspended boundary until 300 ms after the last fallback it committed (FALLBACK_THROTTLE_MS in
// react-dom), so each lazy() on the way to the overview cost up to 300 ms: the page's chunk,
// then the chart's. Measured at 10M events (bench/README.md, "Overview in Chromium"), the
// cards came 300 ms after the page skeleton and the chart 300 ms after the cards, with the main
// thread idle in between. Here a component asks for a module and gets it, or null meanwhile (it
// draws its own skeleton), and the update that brings it is an ordinary render.
import { useEffect, useReducer } from 'react';

type Entry = { promise: Promise<unknown>; value?: unknown; error?: unknown; settled: boolean };
const entries = new Map<() => Promise<unknown>, Entry>();

/** Starts loading (once per loader) and resolves with the module. */
export function preloadModule<M>(load: () => Promise<M>): Promise<M> {
  let entry = entries.get(load);
  if (!entry) {
    const created: Entry = { settled: false, promise: Promise.resolve() };
    created.promise = load().then(
      (value) => Object.assign(created, { value, settled: true }).value,
      (error: unknown) => {
        Object.assign(created, { error, settled: true });
        throw error;
      },
    );
    // Preloads are fire-and-forget; the failure reaches the component that renders the module.
    created.promise.catch(() => undefined);
    entries.set(load, (entry = created));
  }
  return entry.promise as Promise<M>;
}

/**
 * The module `load` resolves with, or null while it loads. `load` must be a stable function
 * (module level): it is the key. A failed load is thrown during render, to the error boundary,
 * as lazy() would.
 */
export function useLoadedModule<M>(load: () => Promise<M>): M | null {
  const entry = entries.get(load);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const settled = entry?.settled ?? false;
  useEffect(() => {
    if (settled) return;
    let live = true;
    const done = () => live && rerender();
    preloadModule(load).then(done, done);
    return () => {
      live = false;
    };
  }, [load, settled]);
  if (entry?.error) {
    // Forgotten once thrown, so a later mount (after the error page's retry) loads it again.
    entries.delete(load);
    throw entry.error;
  }
  return entry?.settled ? (entry.value as M) : null;
}
