// The health console's window lives in the URL (?window=6h, or ?window=custom&from=…&to=…),
// so a pasted link shows the same view. Anything unreadable falls back to the default hour
// instead of an error page: a hand-edited link should still open the console.
import { HEALTH_WINDOWS, MAX_CUSTOM_WINDOW_MS, WINDOW_MS, type THealthWindow, type THealthWindowName } from '../../../../shared/integration-health.ts';

export const DEFAULT_WINDOW: THealthWindowName = '1h';

export type HealthView =
  | { window: Exclude<THealthWindowName, 'custom'> }
  | { window: 'custom'; from: Date; to: Date };

const isWindow = (v: string | null): v is THealthWindowName => !!v && (HEALTH_WINDOWS as readonly string[]).includes(v);

function readDate(v: string | null): Date | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function readHealthView(params: URLSearchParams): HealthView {
  const name = params.get('window');
  if (!isWindow(name)) return { window: DEFAULT_WINDOW as Exclude<THealthWindowName, 'custom'> };
  if (name !== 'custom') return { window: name };
  const from = readDate(params.get('from'));
  const to = readDate(params.get('to'));
  if (!from || !to || from >= to || to.getTime() - from.getTime() > MAX_CUSTOM_WINDOW_MS) return { window: DEFAULT_WINDOW as Exclude<THealthWindowName, 'custom'> };
  return { window: 'custom', from, to };
}

/** Keeps every other parameter (a provider page's list filters) as it is. */
export function writeHealthView(params: URLSearchParams, view: HealthView): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set('window', view.window);
  if (view.window === 'custom') {
    next.set('from', view.from.toISOString());
    next.set('to', view.to.toISOString());
  } else {
    next.delete('from');
    next.delete('to');
  }
  return next;
}

export function healthWindowInput(view: HealthView): THealthWindow {
  return view.window === 'custom' ? { window: 'custom', from: view.from, to: view.to } : { window: view.window };
}

/** The window's span in ms (custom: its own). */
export function windowSpanMs(view: HealthView): number {
  return view.window === 'custom' ? view.to.getTime() - view.from.getTime() : WINDOW_MS[view.window];
}

/** Only the moving windows move: refreshing a fixed custom range would re-read the same numbers. */
export function refreshesItself(view: HealthView): boolean {
  return view.window !== 'custom';
}

/** The search string of a view, for links that keep it (overview card → provider page and back). */
export function viewSearch(view: HealthView): string {
  return `?${writeHealthView(new URLSearchParams(), view).toString()}`;
}
