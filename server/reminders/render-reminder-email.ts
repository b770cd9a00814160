// One reminder e-mail: subject, plain text, HTML and the event as an .ics attachment. The VEVENT
// is the feed's own (icsEventData), so UID, SEQUENCE and times match what calendar apps already
// hold from the ICS feed, and METHOD:PUBLISH makes it an update of that copy, not an invitation.
import { ICalCalendarMethod } from 'ical-generator';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { renderIcsEventText, type FeedEventRow } from '../ics/render-ics-event.ts';
import { ICS_FOOTER, ICS_PRODID, icsCalendarHeader } from '../ics/render-ics-feed.ts';

export type ReminderRecipient = { email: string; name: string | null; timezone: string; locale: string };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Header values cannot carry line breaks; titles come from users. */
const oneLine = (value: string) => value.replace(/\s*[\r\n]+\s*/g, ' ').trim();

// Building an Intl.DateTimeFormat costs far more than formatting with one, and a scan formats
// thousands of times for a handful of (language, zone) pairs: keep them, bounded.
const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatter(locale: string, timeZone: string, style: 'day' | 'start' | 'end'): Intl.DateTimeFormat | null {
  const key = `${locale}|${timeZone}|${style}`;
  let found = formatters.get(key);
  if (found === undefined) {
    const opts: Intl.DateTimeFormatOptions = style === 'day' ? { dateStyle: 'full' } : style === 'start' ? { dateStyle: 'full', timeStyle: 'short' } : { timeStyle: 'short' };
    try {
      found = new Intl.DateTimeFormat(locale, { ...opts, timeZone });
    } catch {
      found = null; // an unknown zone (or language tag)
    }
    if (formatters.size >= 500) formatters.clear();
    formatters.set(key, found);
  }
  return found;
}

/** The event's time as the recipient reads it: their zone, their language, the zone named. */
export function formatReminderTime(event: FeedEventRow, recipient: ReminderRecipient): string {
  const locale = recipient.locale || 'en';
  if (event.allDay) {
    const day = event.allDayStart ?? event.startsAt;
    // All-day dates are calendar dates stored as UTC midnights: formatted in UTC, never shifted.
    return (formatter(locale, 'UTC', 'day') ?? formatter('en', 'UTC', 'day')!).format(day);
  }
  const known = formatter(locale, recipient.timezone, 'start') !== null;
  const timeZone = known ? recipient.timezone : 'UTC';
  const lang = formatter(locale, timeZone, 'start') ? locale : 'en';
  const start = formatter(lang, timeZone, 'start')!.format(event.startsAt);
  const end = formatter(lang, timeZone, 'end')!.format(event.endsAt);
  return `${start} – ${end} (${timeZone})`;
}

let publishHeader: string | undefined;

/**
 * The event as a one-event METHOD:PUBLISH calendar. The same for every recipient, so a scan
 * renders it once per event (renderReminderEmail's `ics`), and assembled like a feed (header,
 * the feed's own VEVENT text, footer) rather than through calendar.toString(), whose folding
 * made it ~650 µs per attachment against ~60 µs (bench/README.md, reminders).
 */
export function renderReminderIcs(event: FeedEventRow, host: string): string {
  publishHeader ??= icsCalendarHeader({ prodId: ICS_PRODID, method: ICalCalendarMethod.PUBLISH });
  return publishHeader + renderIcsEventText(event, 'FULL', host) + ICS_FOOTER;
}

export function renderReminderEmail(opts: {
  event: FeedEventRow;
  recipient: ReminderRecipient;
  host: string;
  eventUrl?: string;
  /** renderReminderIcs(event, host), when the caller mails several recipients of one event. */
  ics?: string;
}): Pick<Mail.Options, 'subject' | 'text' | 'html' | 'attachments'> {
  const { event, recipient } = opts;
  const title = oneLine(event.title);
  const when = formatReminderTime(event, recipient);
  const location = event.location ? oneLine(event.location) : null;
  const lines = [
    `Reminder: ${title}`,
    '',
    `When: ${when}`,
    ...(location ? [`Where: ${location}`] : []),
    `Organiser: ${event.owner.name} <${event.owner.email}>`,
    ...(opts.eventUrl ? ['', opts.eventUrl] : []),
    '',
    'The attached .ics file adds or updates the event in your calendar.',
  ];
  const row = (label: string, value: string) =>
    `<tr><th align="left" style="padding:2px 12px 2px 0">${label}</th><td>${escapeHtml(value)}</td></tr>`;
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2 style="margin:0 0 12px">${escapeHtml(title)}</h2>`,
    '<table>',
    row('When', when),
    ...(location ? [row('Where', location)] : []),
    row('Organiser', `${event.owner.name} <${event.owner.email}>`),
    '</table>',
    ...(opts.eventUrl ? [`<p><a href="${escapeHtml(opts.eventUrl)}">Open the event</a></p>`] : []),
    '<p style="color:#666">The attached .ics file adds or updates the event in your calendar.</p>',
    '</body></html>',
  ].join('\n');
  return {
    subject: `Reminder: ${title} — ${when}`,
    text: lines.join('\n'),
    html,
    attachments: [
      {
        filename: 'event.ics',
        content: opts.ics ?? renderReminderIcs(event, opts.host),
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      },
    ],
  };
}
