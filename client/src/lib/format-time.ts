// Times are shown in the viewer's zone and language; the exact instant (with the
// zone) is one hover away. Pure functions so the unit choice can be tested.
import { dateTimeFormat, relativeTimeFormat } from './intl-cache.ts';

export type TimeContext = { locale: string; timeZone: string };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Largest unit that keeps the number meaningful; signed (negative = in the past). */
export function pickRelativeUnit(date: Date, now: Date): { value: number; unit: Intl.RelativeTimeFormatUnit } {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const round = (ms: number) => Math.round(diff / ms) || 0;
  if (abs < 45 * SECOND) return { value: 0, unit: 'second' };
  if (abs < 45 * MINUTE) return { value: round(MINUTE), unit: 'minute' };
  if (abs < 22 * HOUR) return { value: round(HOUR), unit: 'hour' };
  if (abs < 26 * DAY) return { value: round(DAY), unit: 'day' };
  if (abs < 320 * DAY) return { value: round(30 * DAY), unit: 'month' };
  return { value: round(365 * DAY), unit: 'year' };
}

export function formatRelative(date: Date, now: Date, locale: string): string {
  const { value, unit } = pickRelativeUnit(date, now);
  // numeric: 'auto' turns 0 seconds into "now" / "şimdi" and -1 day into "yesterday" / "dün".
  return relativeTimeFormat(locale, { numeric: 'auto' }).format(value, unit);
}

// Every component that shows a time asks (useTimeContext): checking a zone builds a formatter.
const resolvedZones = new Map<string, string>();

/** The IANA zone if the runtime knows it, else the browser's own zone. */
export function resolveTimeZone(timeZone: string | null | undefined): string {
  const key = timeZone ?? '';
  let zone = resolvedZones.get(key);
  if (zone === undefined) {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (timeZone) {
      try {
        dateTimeFormat('en', { timeZone });
        zone = timeZone;
      } catch {
        // An unknown zone from the profile must not break every date on the page.
      }
    }
    resolvedZones.set(key, zone);
  }
  return zone;
}

export function formatDate(date: Date, ctx: TimeContext): string {
  return dateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: ctx.timeZone }).format(date);
}

export function formatDateTime(date: Date, ctx: TimeContext): string {
  return dateTimeFormat(ctx.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: ctx.timeZone,
  }).format(date);
}

/** For hover text: full date, seconds, the zone's offset and its IANA name. */
export function formatExact(date: Date, ctx: TimeContext): string {
  const text = dateTimeFormat(ctx.locale, {
    dateStyle: 'full',
    timeStyle: 'long',
    timeZone: ctx.timeZone,
  }).format(date);
  return `${text} (${ctx.timeZone})`;
}
