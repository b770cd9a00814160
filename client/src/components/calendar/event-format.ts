// How an event's time and reminder read on screen, in the viewer's zone and language, with
// the event's own zone alongside when it differs. Pure, so the tests pin the wording.
import type { TEventListItem } from '../../../../shared/calendar-events.ts';

type EventWhen = Pick<TEventListItem, 'allDay' | 'start' | 'end' | 'startsAt' | 'endsAt' | 'timezone'>;

const DATE_PARTS: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
/**
 * Hours and minutes as the locale writes them: "9:05 AM" in en, "09:05" in en-GB and tr.
 * (hour: 'numeric' alone gives "9:05" in 24-hour locales, '2-digit' gives "09:05 AM".)
 */
export function timeParts(locale: string): Intl.DateTimeFormatOptions {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return { hour: cycle === 'h12' || cycle === 'h11' ? 'numeric' : '2-digit', minute: '2-digit' };
}

/** An all-day date is a date, not an instant: format it at noon UTC in UTC, never shifted. */
function calendarDate(isoDate: string): Date {
  return new Date(`${isoDate}T12:00:00Z`);
}

/**
 * "Tue, 10 Mar 2026, 14:00 – 15:00" in `zone`; all-day: "Tue, 10 Mar 2026" or
 * "Tue, 10 – Thu, 12 Mar 2026" (the same dates in every zone).
 */
export function formatEventRange(event: EventWhen, zone: string, locale: string): string {
  if (event.allDay) {
    const fmt = new Intl.DateTimeFormat(locale, { ...DATE_PARTS, timeZone: 'UTC' });
    return event.start === event.end ? fmt.format(calendarDate(event.start)) : fmt.formatRange(calendarDate(event.start), calendarDate(event.end));
  }
  const fmt = new Intl.DateTimeFormat(locale, { ...DATE_PARTS, ...timeParts(locale), timeZone: zone });
  return fmt.formatRange(event.startsAt, event.endsAt);
}

/** Short time ("14:00" / "2:00 PM") of an instant in a zone. */
export function formatTime(instant: Date, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { ...timeParts(locale), timeZone: zone }).format(instant);
}

/** "10 Mar 2026, 14:00" of an instant in a zone. */
export function formatDateTimeIn(instant: Date, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', ...timeParts(locale), timeZone: zone }).format(instant);
}

/** "Tue, 10 Mar 2026" for a YYYY-MM-DD date. */
export function formatCalendarDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { ...DATE_PARTS, timeZone: 'UTC' }).format(calendarDate(isoDate));
}

/** Worth a second line "in the event's zone": timed events entered in another zone. */
export function showsOtherZone(event: Pick<TEventListItem, 'allDay' | 'timezone'>, viewerZone: string): boolean {
  return !event.allDay && event.timezone !== viewerZone;
}

export type ReminderLead = { unit: 'atStart' } | { unit: 'days' | 'hours' | 'minutes'; count: number };

/** The largest whole unit: 1440 -> 1 day, 90 -> 90 minutes, 120 -> 2 hours. */
export function reminderLead(minutes: number): ReminderLead {
  if (minutes === 0) return { unit: 'atStart' };
  if (minutes % 1440 === 0) return { unit: 'days', count: minutes / 1440 };
  if (minutes % 60 === 0) return { unit: 'hours', count: minutes / 60 };
  return { unit: 'minutes', count: minutes };
}

export type ReminderStatus = 'none' | 'sent' | 'pending' | 'overdue' | 'cancelled';

/** When the reminder goes out: `reminderMinutes` before the start. */
export function reminderDueAt(event: Pick<TEventListItem, 'startsAt' | 'reminderMinutes'>): Date | null {
  return event.reminderMinutes === null ? null : new Date(event.startsAt.getTime() - event.reminderMinutes * 60_000);
}

/**
 * Where the reminder stands: sent, not sent and not due yet (pending), not sent although
 * due (overdue: worth a look), or never to be sent (no reminder, or the event was cancelled).
 */
export function reminderStatus(
  event: Pick<TEventListItem, 'startsAt' | 'reminderMinutes' | 'reminderSentAt' | 'deletedAt'>,
  now: Date,
): ReminderStatus {
  if (event.reminderSentAt) return 'sent';
  if (event.reminderMinutes === null) return 'none';
  if (event.deletedAt) return 'cancelled';
  const due = reminderDueAt(event)!;
  return due.getTime() > now.getTime() ? 'pending' : 'overdue';
}
