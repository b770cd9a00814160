// react-big-calendar works in JS Dates and does its day arithmetic through a localizer. Its
// luxon localizer reads the zone from luxon's global Settings.defaultZone (the documented way),
// which would also change every other DateTime in the app. Instead we hand it a DateTime facade
// bound to the viewer's zone (what the open upstream PR #2293 does inside the localizer), and
// replace the few methods that still fall back to the browser's own zone.
import { DateTime } from 'luxon';
import { luxonLocalizer, type DateLocalizer, type View } from 'react-big-calendar';

/** The part of DateTime's static API the luxon localizer calls, every DateTime in `zone`. */
export function zonedDateTime(zone: string) {
  return {
    fromJSDate: (date: Date) => DateTime.fromJSDate(date, { zone }),
    local: () => DateTime.local({ zone }),
    min: (...dates: DateTime[]) => DateTime.min(...dates),
    max: (...dates: DateTime[]) => DateTime.max(...dates),
  };
}

export function createZonedLocalizer(zone: string, firstDayOfWeek = 1): DateLocalizer {
  const localizer = luxonLocalizer(zonedDateTime(zone), { firstDayOfWeek });
  const offset = (date: Date) => DateTime.fromJSDate(date, { zone }).offset;
  const isMidnight = (date: Date) => {
    const dt = DateTime.fromJSDate(date, { zone });
    return dt.hour === 0 && dt.minute === 0 && dt.second === 0 && dt.millisecond === 0;
  };
  // These defaults call Date#getTimezoneOffset / getHours, i.e. the browser's zone.
  // Date#getTimezoneOffset is minutes *behind* UTC; luxon's offset is minutes ahead.
  localizer.getTimezoneOffset = (date) => -offset(date);
  localizer.getDstOffset = (start, end) => offset(end) - offset(start);
  localizer.startAndEndAreDateOnly = (start, end) => isMidnight(start) && isMidnight(end);
  // The luxon localizer shortens multi-day spans by one day when the zone is ahead of the
  // browser's; with every computation already in one zone that drops a day, so: none.
  localizer.segmentOffset = 0;
  // The luxon localizer ranks a 90-minute event above a 60-minute one on the same day (it
  // compares fractional days), so a month cell listed 14:30 before 09:00. Rank by whole days
  // touched instead, then all-day first, then by start and end time.
  const daysTouched = (start: Date, end: Date) =>
    Math.max(1, localizer.diff(localizer.startOf(start, 'day'), localizer.ceil(end, 'day'), 'day'));
  type Ranked = { start: Date; end: Date; allDay?: boolean };
  const sortEvents = ({ evtA: a, evtB: b }: { evtA: Ranked; evtB: Ranked }): number =>
    +localizer.startOf(a.start, 'day') - +localizer.startOf(b.start, 'day') ||
    daysTouched(b.start, b.end) - daysTouched(a.start, a.end) ||
    Number(!!b.allDay) - Number(!!a.allDay) ||
    +a.start - +b.start ||
    +a.end - +b.end;
  // The typings declare (a, b) => boolean; the library calls it with { evtA, evtB } and sorts by the number.
  (localizer as unknown as { sortEvents: typeof sortEvents }).sortEvents = sortEvents;
  return localizer;
}

export const AGENDA_DAYS = 30;

/**
 * The instants a view shows, [from, to), as react-big-calendar lays them out in the zone.
 * Month views show whole weeks around the month; the agenda shows AGENDA_DAYS from the date.
 */
export function visibleRange(view: View, date: Date, localizer: DateLocalizer): { from: Date; to: Date } {
  switch (view) {
    case 'month': {
      const from = localizer.startOf(localizer.firstVisibleDay(date, localizer), 'day');
      const last = localizer.startOf(localizer.lastVisibleDay(date, localizer), 'day');
      return { from, to: localizer.add(last, 1, 'day') };
    }
    case 'week':
    case 'work_week': {
      // The typings list no 'week', but the luxon localizer starts it on firstDayOfWeek.
      const startOf = localizer.startOf as (value: Date, unit: string) => Date;
      const from = startOf(date, 'week');
      return { from, to: localizer.add(from, 7, 'day') };
    }
    case 'agenda': {
      // The agenda lists events up to the end of its last day (date + AGENDA_DAYS, inclusive).
      const from = localizer.startOf(date, 'day');
      return { from, to: localizer.add(from, AGENDA_DAYS + 1, 'day') };
    }
    default: {
      const from = localizer.startOf(date, 'day');
      return { from, to: localizer.add(from, 1, 'day') };
    }
  }
}

/**
 * What to ask the server for: the visible range widened by two days on each side, because an
 * all-day event is pinned to midnights in *its* zone (up to 26 hours away from the viewer's)
 * yet drawn on its dates in the viewer's. The calendar itself drops what falls outside.
 */
export function fetchRange(range: { from: Date; to: Date }): { from: Date; to: Date } {
  const DAY = 86_400_000;
  return { from: new Date(range.from.getTime() - 2 * DAY), to: new Date(range.to.getTime() + 2 * DAY) };
}
