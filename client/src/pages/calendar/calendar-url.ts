// The calendar's place lives in the URL (?view=week&date=2026-03-10&event=<id>) so a reload,
// the back button and a shared link all land on the same view, day and open event.
import { DateTime } from 'luxon';
import type { View } from 'react-big-calendar';

export const CALENDAR_VIEWS = ['month', 'week', 'day', 'agenda'] as const satisfies readonly View[];
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export type CalendarLocation = {
  view: CalendarView;
  /** YYYY-MM-DD in the viewer's zone; null = today */
  date: string | null;
  /** The event whose details are open */
  eventId: string | null;
};

export function readCalendarLocation(params: URLSearchParams): CalendarLocation {
  const view = params.get('view');
  const date = params.get('date');
  return {
    view: (CALENDAR_VIEWS as readonly string[]).includes(view ?? '') ? (view as CalendarView) : 'month',
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid ? date : null,
    eventId: params.get('event') || null,
  };
}

export function writeCalendarLocation(params: URLSearchParams, location: Partial<CalendarLocation>): URLSearchParams {
  const next = new URLSearchParams(params);
  const put = (key: string, value: string | null | undefined) => {
    if (value === undefined) return;
    if (value === null) next.delete(key);
    else next.set(key, value);
  };
  put('view', location.view === undefined ? undefined : location.view === 'month' ? null : location.view);
  put('date', location.date);
  put('event', location.eventId);
  return next;
}

/** The instant the calendar is centred on: noon of that date in the viewer's zone (clear of any DST change). */
export function calendarDate(date: string | null, zone: string, now: Date): Date {
  if (!date) return now;
  return DateTime.fromISO(date, { zone }).set({ hour: 12 }).toJSDate();
}

/** The date to put in the URL for an instant the calendar navigated to; null for today. */
export function urlDate(instant: Date, zone: string, now: Date): string | null {
  const day = DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd');
  return day === DateTime.fromJSDate(now, { zone }).toFormat('yyyy-MM-dd') ? null : day;
}
