// "Last fetched by": calendar apps announce themselves in wildly different User-Agent strings.
// Recognise the common ones so the list says "Apple Calendar" rather than "iOS/17.2 (21C62) dataaccessd/1.0";
// the raw string stays one hover away.

export type CalendarClient =
  /** A calendar app or service, by brand name (not translated). */
  | { kind: 'app'; name: string }
  /** Someone opened the link in a web browser. */
  | { kind: 'browser'; name: string }
  /** Unrecognised: the first product token ("curl", "python-requests"), or null when there is none. */
  | { kind: 'other'; name: string | null };

const APPS: ReadonlyArray<[RegExp, string]> = [
  [/Google-Calendar-Importer|Google-?Calendar|GoogleCalendar/i, 'Google Calendar'],
  [/Microsoft Outlook|Outlook-(iOS|Android)|Microsoft\.Exchange|Microsoft Exchange|MSOffice|Microsoft Office|OutlookCalendar|Outlook/i, 'Outlook'],
  [/Thunderbird/i, 'Thunderbird'],
  [/Fantastical/i, 'Fantastical'],
  [/BusyCal/i, 'BusyCal'],
  [/ICSx5|ICSx⁵/i, 'ICSx⁵'],
  [/DAVx5|DAVx⁵|DAVdroid/i, 'DAVx⁵'],
  [/Evolution/i, 'Evolution'],
  [/Proton ?Calendar|ProtonMail/i, 'Proton Calendar'],
  [/Yahoo/i, 'Yahoo Calendar'],
  // Apple: iPhone/iPad "iOS/17.2 (21C62) dataaccessd/1.0", Mac "macOS/14.2 (23C64) CalendarAgent/988", older "iCal/...".
  [/dataaccessd|CalendarAgent|\biCal\/|Mac OS X\/[\d.]+ \(\w+\) CalendarStore|accountsd/i, 'Apple Calendar'],
];

const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/(Headless)?Chrome\/|Chromium\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
];

export function calendarClient(userAgent: string | null | undefined): CalendarClient | null {
  const ua = userAgent?.trim();
  if (!ua) return null;
  for (const [pattern, name] of APPS) if (pattern.test(ua)) return { kind: 'app', name };
  if (/^Mozilla\//.test(ua)) {
    for (const [pattern, name] of BROWSERS) if (pattern.test(ua)) return { kind: 'browser', name };
    return { kind: 'browser', name: 'Mozilla' };
  }
  // "curl/8.4.0" -> "curl", "python-requests/2.31" -> "python-requests".
  const product = ua.match(/^([A-Za-z][\w.-]*)/)?.[1] ?? null;
  return { kind: 'other', name: product ? product.slice(0, 40) : null };
}
