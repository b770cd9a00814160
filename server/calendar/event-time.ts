// The one place wall-clock times become instants and back (issue 3). The form sends what the
// person typed in the event's zone; PostgreSQL keeps UTC instants for range queries and
// reminders, and all-day events keep their dates as dates (never shifted through UTC).
import { DateTime } from 'luxon';
import { wallClockToInstant } from '../../shared/wall-clock.ts';

export type EventWhen = { allDay: boolean; start: string; end: string; timezone: string };

export type EventInstants = {
  startsAt: Date;
  endsAt: Date;
  allDayStart: Date | null;
  allDayEnd: Date | null;
};

const WALL_FORMAT = "yyyy-MM-dd'T'HH:mm";

/** A calendar date as Prisma's @db.Date wants it: midnight UTC of that date, nothing else. */
function dateOnly(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/**
 * Timed: the instants of the wall-clock times in `timezone`. A time that does not exist
 * (the spring-forward gap, e.g. 02:30 on 2026-03-08 in New York) moves forward by the gap,
 * as every calendar app does; an ambiguous one (the repeated hour in autumn) takes the
 * earlier offset. All-day: midnight of the first day to midnight after the last day
 * (RFC 5545's exclusive end), in the event's zone, for range queries and reminders.
 */
export function resolveEventInstants(when: EventWhen): EventInstants {
  const zone = when.timezone;
  if (when.allDay) {
    const first = DateTime.fromISO(when.start, { zone }).startOf('day');
    const afterLast = DateTime.fromISO(when.end, { zone }).plus({ days: 1 }).startOf('day');
    return {
      startsAt: first.toJSDate(),
      endsAt: afterLast.toJSDate(),
      allDayStart: dateOnly(when.start),
      allDayEnd: dateOnly(afterLast.toISODate()!),
    };
  }
  return {
    startsAt: wallClockInstant(when.start, zone),
    endsAt: wallClockInstant(when.end, zone),
    allDayStart: null,
    allDayEnd: null,
  };
}

function wallClockInstant(wall: string, zone: string): Date {
  const instant = wallClockToInstant(wall, zone);
  // Inputs were validated (format, real date, known zone) before they reach this point.
  if (!instant) throw new Error(`unreadable wall-clock time ${wall} in ${zone}`);
  return instant;
}

/** The inverse: what the form shows for a stored event (all-day end back to inclusive). */
export function toWallClock(row: {
  allDay: boolean;
  timezone: string;
  startsAt: Date;
  endsAt: Date;
  allDayStart: Date | null;
  allDayEnd: Date | null;
}): { start: string; end: string } {
  if (row.allDay && row.allDayStart && row.allDayEnd) {
    const lastDay = new Date(row.allDayEnd.getTime() - 86_400_000);
    return { start: row.allDayStart.toISOString().slice(0, 10), end: lastDay.toISOString().slice(0, 10) };
  }
  return {
    start: DateTime.fromJSDate(row.startsAt, { zone: row.timezone }).toFormat(WALL_FORMAT),
    end: DateTime.fromJSDate(row.endsAt, { zone: row.timezone }).toFormat(WALL_FORMAT),
  };
}
