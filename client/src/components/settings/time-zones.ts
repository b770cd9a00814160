// The time zone picker: every IANA zone the browser knows, labelled with its current UTC
// offset so "Europe/Istanbul" and "UTC+03:00" both find it. Pure, so the labelling is tested.

/** Minutes east of UTC for `timeZone` at `at` (Istanbul: 180, New York in winter: -300); null for an unknown zone. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number | null {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return null;
  }
  if (!name) return null;
  // "GMT" alone is UTC itself; otherwise "GMT+05:30" / "GMT-04:00" (some ICU builds use "−").
  const match = name.replace('\u2212', '-').match(/^GMT(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/);
  if (!match) return null;
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** 180 -> "UTC+03:00", -570 -> "UTC-09:30", 0 -> "UTC+00:00". */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

/** "America/Argentina/Buenos_Aires" reads as "America/Argentina/Buenos Aires". */
export function zoneDisplayName(timeZone: string): string {
  return timeZone.replace(/_/g, ' ');
}

export type ZoneOption = { value: string; label: string; name: string; offset: string };

export function zoneOption(timeZone: string, at: Date): ZoneOption {
  const minutes = zoneOffsetMinutes(timeZone, at);
  const offset = minutes === null ? '' : formatUtcOffset(minutes);
  const name = zoneDisplayName(timeZone);
  return { value: timeZone, name, offset, label: offset ? `${name} (${offset})` : name };
}

/** The browser's list, plus UTC (not in every list) and any extra zone such as the saved one, deduplicated and sorted. */
export function listTimeZones(supported: readonly string[], extra: ReadonlyArray<string | null | undefined> = []): string[] {
  const zones = new Set(supported);
  zones.add('UTC');
  for (const zone of extra) if (zone) zones.add(zone);
  return [...zones].sort((a, b) => a.localeCompare(b, 'en'));
}

export function supportedTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[_\s]+/g, ' ').replace('\u2212', '-').trim();
}

/** Search by any part of the name ("new york", "new_york", "istanbul") or the offset ("+03", "utc-5"). */
export function zoneMatches(option: Pick<ZoneOption, 'value' | 'label'>, query: string): boolean {
  const q = normalise(query);
  if (!q) return true;
  const haystack = normalise(`${option.value} ${option.label}`);
  if (haystack.includes(q)) return true;
  // "utc+3" / "+3" should find "UTC+03:00".
  const offset = q.match(/^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/);
  if (offset) {
    const wanted = `${offset[1]}${offset[2]!.padStart(2, '0')}:${offset[3] ?? '00'}`;
    return haystack.includes(`utc${wanted}`);
  }
  return false;
}
