// The time-zone picker's options: every IANA zone the runtime knows, labelled with its
// current UTC offset and ordered by it, so "Istanbul" and "+03:00" both find Europe/Istanbul.
import { DateTime } from 'luxon';

export type TimeZoneOption = { value: string; label: string; offset: number };

/** "UTC+03:00", "UTC−05:00" (a real minus sign), "UTC" for zero. */
export function formatUtcOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A zone's offset at an instant (DST-aware), in minutes east of UTC; null for an unknown zone. */
export function zoneOffset(zone: string, at: Date): number | null {
  const dt = DateTime.fromJSDate(at, { zone });
  return dt.isValid ? dt.offset : null;
}

export function supportedTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** Options for the picker; `include` (the user's and the event's zone) are always there. */
export function timeZoneOptions(at: Date, include: readonly string[] = [], zones: readonly string[] = supportedTimeZones()): TimeZoneOption[] {
  const all = new Set<string>(['UTC', ...zones, ...include.filter(Boolean)]);
  const options: TimeZoneOption[] = [];
  for (const zone of all) {
    const offset = zoneOffset(zone, at);
    if (offset === null) continue;
    options.push({ value: zone, label: `(${formatUtcOffset(offset)}) ${zone.replaceAll('_', ' ')}`, offset });
  }
  return options.sort((a, b) => a.offset - b.offset || a.value.localeCompare(b.value));
}
