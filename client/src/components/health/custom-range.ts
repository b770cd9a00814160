// A custom window is picked as whole days in the viewer's zone (the date picker's unit) and
// sent as instants; "to" never runs past now, so the chart has no empty future on its right.
import { DateTime } from 'luxon';

export function daysToRange(fromDay: string, toDay: string, zone: string, now = new Date()): { from: Date; to: Date } | null {
  const from = DateTime.fromISO(fromDay, { zone }).startOf('day');
  const end = DateTime.fromISO(toDay, { zone }).plus({ days: 1 }).startOf('day');
  if (!from.isValid || !end.isValid || end <= from) return null;
  const to = Math.min(end.toMillis(), now.getTime());
  if (to <= from.toMillis()) return null;
  return { from: from.toJSDate(), to: new Date(to) };
}

export function rangeToDays(from: Date, to: Date, zone: string): [string, string] {
  const first = DateTime.fromJSDate(from, { zone }).toISODate()!;
  // "to" is exclusive: a range ending at midnight ends on the day before.
  const last = DateTime.fromJSDate(new Date(to.getTime() - 1), { zone }).toISODate()!;
  return [first, last];
}
