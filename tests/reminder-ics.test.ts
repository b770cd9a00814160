// The .ics a reminder carries: what ical-generator itself writes for a one-event PUBLISH
// calendar, byte for byte, but assembled from the feed's VEVENT text (render-reminder-email.ts
// explains why), and accepted without warnings by both parsers the feed tests use.
import ical, { ICalCalendarMethod } from 'ical-generator';
import nodeIcal from 'node-ical';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { icsEventData, type FeedEventRow } from '../server/ics/render-ics-event.ts';
import { ICS_PRODID } from '../server/ics/render-ics-feed.ts';
import { renderReminderEmail, renderReminderIcs } from '../server/reminders/render-reminder-email.ts';
import { parseQuietly } from './support/parse-quietly.ts';

const HOST = 'ops.example.com';

function eventRow(overrides: Partial<FeedEventRow> = {}): FeedEventRow {
  return {
    id: '0b9f3c3e-52a4-4b8e-9d0e-3c1f0f6a7a11',
    title: 'Duruşma — Ağır Ceza; "şüpheli", İstinaf',
    description: `Dosya 2026/118 için hazırlık:\n${'Tanık listesi, bilirkişi raporu ve ŞİŞLİ ÇARŞI 😀 notları. '.repeat(4)}`,
    location: 'İstanbul Çağlayan Adliyesi, Salon 3',
    startsAt: new Date('2030-03-12T10:00:00Z'),
    endsAt: new Date('2030-03-12T11:30:00Z'),
    timezone: 'Europe/Istanbul',
    allDay: false,
    allDayStart: null,
    allDayEnd: null,
    sequence: 4,
    createdAt: new Date('2030-01-02T08:00:00Z'),
    updatedAt: new Date('2030-03-01T09:15:00Z'),
    owner: { name: 'Av. Çağrı Öztürk', email: 'cagri@example.com.tr' },
    attendees: [
      { email: 'guest@example.com', name: 'Müvekkil, "Ayşe"', rsvp: 'ACCEPTED' },
      { email: 'zeynep@example.com.tr', name: null, rsvp: 'TENTATIVE' },
    ],
    ...overrides,
  };
}

/** What the attachment was before: ical-generator's own calendar, folded by the library. */
function libraryCalendar(row: FeedEventRow): string {
  const calendar = ical({ prodId: ICS_PRODID, method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent(icsEventData(row, 'FULL', HOST));
  return calendar.toString();
}

describe('[REMINDER][ICS] the attachment', () => {
  it.each([
    ['a timed event with a folded Turkish description and attendees', eventRow()],
    ['an all-day event', eventRow({ allDay: true, allDayStart: new Date('2030-03-20T00:00:00Z'), allDayEnd: new Date('2030-03-21T00:00:00Z'), description: null, location: null })],
  ])('%s: the library calendar byte for byte, with the final CRLF RFC 5545 asks for', (_name, row) => {
    const ics = renderReminderIcs(row, HOST);
    expect(ics).toBe(`${libraryCalendar(row)}\r\n`);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('parses without warnings in node-ical and ical.js, with the feed UID, PUBLISH and the folded text intact', () => {
    const row = eventRow();
    const ics = renderReminderIcs(row, HOST);
    expect(ics.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);

    const parsed = parseQuietly(() => nodeIcal.sync.parseICS(ics));
    expect(parsed.warnings).toEqual([]);
    const [event] = Object.values(parsed.result).filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT');
    expect(event!.uid).toBe(`${row.id}@${HOST}`);
    expect(event!.summary).toBe(row.title);
    expect(event!.description).toBe(row.description);
    expect(event!.start.toISOString()).toBe('2030-03-12T10:00:00.000Z');

    const js = parseQuietly(() => new ICAL.Component(ICAL.parse(ics)));
    expect(js.warnings).toEqual([]);
    expect(js.result.getFirstPropertyValue('method')).toBe('PUBLISH');
    const vevent = new ICAL.Event(js.result.getFirstSubcomponent('vevent')!);
    expect(vevent.sequence).toBe(4);
    expect(vevent.location).toBe(row.location);
    expect(vevent.attendees.map((a) => a.getParameter('partstat'))).toEqual(['ACCEPTED', 'TENTATIVE']);
  });

  it('is what renderReminderEmail attaches: its own render, or the text a scan rendered once for the event', () => {
    const row = eventRow();
    const recipient = { email: 'guest@example.com', name: 'Ayşe', timezone: 'Europe/Berlin', locale: 'en' };
    const own = renderReminderEmail({ event: row, recipient, host: HOST });
    expect(own.attachments?.[0]?.content).toBe(renderReminderIcs(row, HOST));
    // A scan passes the event's text in for every recipient: that text is attached, not a new render.
    const shared = `${renderReminderIcs(row, HOST)}X-SHARED:1\r\n`;
    const given = renderReminderEmail({ event: row, recipient, host: HOST, ics: shared });
    expect(given.attachments?.[0]?.content).toBe(shared);
    expect({ ...given, attachments: undefined }).toEqual({ ...own, attachments: undefined });
  });
});
