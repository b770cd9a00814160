// The event list's filters live in the URL beside the window (?outcome=error&class=timeout_network
// &bfrom=…&bto=…), so "the spike's errors" is a link support can paste. The list and the CSV
// export are built from the same input, so the file holds exactly what the list shows.
import { ERROR_CLASSES, type TErrorClass } from '../../../../shared/integrations.ts';
import { EXPORT_PATH, type TEventFilter } from '../../../../shared/integration-health.ts';

export const EVENTS_PAGE_SIZE = 50;

export type EventFilters = {
  /** Only where the page does not fix the provider (the support explorer). */
  provider: string | null;
  outcome: 'ok' | 'error' | null;
  errorClass: TErrorClass | null;
  event: string | null;
  text: string;
  fingerprint: string | null;
  /** Whom the call was about (a user id): support's "what failed for this user". */
  subject: string;
  correlationId: string;
  /** A chart bucket the list is narrowed to, or null for the whole window. */
  bucket: { from: Date; to: Date } | null;
};

export const NO_FILTERS: EventFilters = {
  provider: null,
  outcome: null,
  errorClass: null,
  event: null,
  text: '',
  fingerprint: null,
  subject: '',
  correlationId: '',
  bucket: null,
};

const PROVIDER_KEY = /^[a-z][a-z0-9_]{1,47}$/;

const readDate = (v: string | null) => {
  const d = v ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

export function readEventFilters(params: URLSearchParams): EventFilters {
  const outcome = params.get('outcome');
  const errorClass = params.get('class');
  const from = readDate(params.get('bfrom'));
  const to = readDate(params.get('bto'));
  const provider = params.get('provider');
  return {
    provider: provider && PROVIDER_KEY.test(provider) ? provider : null,
    outcome: outcome === 'ok' || outcome === 'error' ? outcome : null,
    errorClass: (ERROR_CLASSES as readonly string[]).includes(errorClass ?? '') ? (errorClass as TErrorClass) : null,
    event: params.get('event') || null,
    text: params.get('q') ?? '',
    fingerprint: params.get('fp') || null,
    subject: params.get('subject') ?? '',
    correlationId: params.get('corr') ?? '',
    bucket: from && to && from < to ? { from, to } : null,
  };
}

export function writeEventFilters(params: URLSearchParams, f: EventFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  const put = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  put('provider', f.provider);
  put('outcome', f.outcome);
  put('class', f.errorClass);
  put('event', f.event);
  put('q', f.text.trim() || null);
  put('fp', f.fingerprint);
  put('subject', f.subject.trim() || null);
  put('corr', f.correlationId.trim() || null);
  put('bfrom', f.bucket?.from.toISOString() ?? null);
  put('bto', f.bucket?.to.toISOString() ?? null);
  return next;
}

export function hasEventFilters(f: EventFilters): boolean {
  return !!(f.provider || f.outcome || f.errorClass || f.event || f.text.trim() || f.fingerprint || f.subject.trim() || f.correlationId.trim() || f.bucket);
}

/**
 * integrations.events input (without cursor). A bucket narrows the window; otherwise the list
 * covers the window it was opened with (range). A provider fixed by the page wins over the filter.
 */
export function eventFilterInput(f: EventFilters, opts: { provider?: string; range: { from: Date; to?: Date } }): TEventFilter {
  const text = f.text.trim();
  const subject = f.subject.trim();
  const correlationId = f.correlationId.trim();
  const provider = opts.provider ?? f.provider;
  const from = f.bucket?.from ?? opts.range.from;
  const to = f.bucket?.to ?? opts.range.to;
  return {
    ...(provider ? { provider } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.errorClass ? { errorClass: f.errorClass } : {}),
    ...(f.event ? { event: f.event } : {}),
    ...(f.fingerprint ? { fingerprint: f.fingerprint } : {}),
    ...(text ? { text } : {}),
    ...(subject ? { subject } : {}),
    ...(correlationId ? { correlationId } : {}),
    from,
    ...(to ? { to } : {}),
  };
}

/** The CSV link for the same search (the server streams every page of it). */
export function exportHref(filter: TEventFilter): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '') continue;
    q.set(key, value instanceof Date ? value.toISOString() : String(value));
  }
  return `${EXPORT_PATH}?${q.toString()}`;
}
