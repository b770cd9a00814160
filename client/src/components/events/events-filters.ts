// The support list's filters live in the URL (?q=hearing&from=2026-03-01&to=2026-03-31&cancelled=1)
// so a filtered list survives a reload, the back button from a detail page and a shared link.
import { DateTime } from 'luxon';
import type { TEventsListInput } from '../../../../shared/calendar-events.ts';

export type EventsFilters = {
  search: string;
  /** YYYY-MM-DD, the first day (viewer's zone), or null */
  from: string | null;
  /** YYYY-MM-DD, the last day (inclusive), or null */
  to: string | null;
  includeCancelled: boolean;
};

export const EVENTS_PAGE_SIZE = 50;

const isDate = (value: string | null): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;

export function readEventsFilters(params: URLSearchParams): EventsFilters {
  const from = params.get('from');
  const to = params.get('to');
  const validFrom = isDate(from) ? from : null;
  const validTo = isDate(to) ? to : null;
  // A reversed range in a hand-edited URL: read it the way round that means something.
  const swap = validFrom && validTo && validTo < validFrom;
  return {
    search: params.get('q') ?? '',
    from: swap ? validTo : validFrom,
    to: swap ? validFrom : validTo,
    includeCancelled: params.get('cancelled') === '1',
  };
}

export function writeEventsFilters(params: URLSearchParams, filters: EventsFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  const put = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  put('q', filters.search.trim() || null);
  put('from', filters.from);
  put('to', filters.to);
  put('cancelled', filters.includeCancelled ? '1' : null);
  return next;
}

/**
 * The calendarEvents.list input: newest first; dates are whole days in the viewer's zone,
 * so "to 31 March" includes everything that overlaps 31 March there.
 */
export function eventsListInput(filters: EventsFilters, zone: string): Omit<TEventsListInput, 'cursor'> {
  const search = filters.search.trim();
  return {
    ...(search ? { search } : {}),
    ...(filters.from ? { from: DateTime.fromISO(filters.from, { zone }).startOf('day').toJSDate() } : {}),
    ...(filters.to ? { to: DateTime.fromISO(filters.to, { zone }).plus({ days: 1 }).startOf('day').toJSDate() } : {}),
    includeDeleted: filters.includeCancelled,
    order: 'desc',
    limit: EVENTS_PAGE_SIZE,
  };
}

export function hasEventsFilters(filters: EventsFilters): boolean {
  return filters.search.trim() !== '' || filters.from !== null || filters.to !== null || filters.includeCancelled;
}
