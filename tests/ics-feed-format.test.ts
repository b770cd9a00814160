// The feed text itself: two independent parsers, RFC 5545 framing (CRLF, 75-octet folding,
// escaping), UTF-8, all-day dates, DST instants, and cached output identical to uncached.
import ical, { escape, foldLines } from 'ical-generator';
import nodeIcal from 'node-ical';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { feedEventsWhere, feedWindow } from '../server/ics/feed-window.ts';
import { foldIcsLines } from '../server/ics/fold-ics-lines.ts';
import { LRUCache } from 'lru-cache';
import { feedEventSelect, icsEventData, icsText } from '../server/ics/render-ics-event.ts';
import { flushFeedWrites } from '../server/ics/write-behind.ts';
import {
  feedCalendarName,
  feedHost,
  ICS_PRODID,
  ICS_REFRESH_SECONDS,
  renderIcsFeed,
  type FeedOwner,
} from '../server/ics/render-ics-feed.ts';
import { etagMatches } from '../server/ics/compute-feed-etag.ts';
import { createTestUser } from './support/factories.ts';
import { createEventRow } from './support/ics-fixtures.ts';
import { parseQuietly } from './support/parse-quietly.ts';

const TURKISH = 'ğüşıöç İ';
const LINK_NAME = `Telefon, iş; ${TURKISH}`;
// A fixed "now" so the window and the DST dates below do not depend on the day the tests run.
const WINDOW = feedWindow(new Date('2026-10-15T12:00:00Z'));

let owner: FeedOwner;
let guest: Awaited<ReturnType<typeof createTestUser>>;
const ids: Record<string, string> = {};
let body = '';

beforeAll(async () => {
  const user = await createTestUser({ name: `Çağrı Öztürk ${TURKISH}` });
  guest = await createTestUser({ name: 'Zeynep "Zee" Kaya' });
  owner = { id: user.id, role: user.role, name: user.name };
  const at = (iso: string, minutes = 60) => ({ startsAt: new Date(iso), endsAt: new Date(new Date(iso).getTime() + minutes * 60_000) });

  ids.escaping = (await createEventRow({
    ownerId: owner.id,
    title: 'Back\\slash; semi, comma\nsecond line',
    description: 'Line one\nLine two; with, punctuation \\ and a tab\there\r\nWindows line',
    location: 'Adliye, Salon 3; Kat 2',
    sequence: 3,
    ...at('2026-10-20T07:00:00Z'),
    attendees: [
      { email: guest.email, name: guest.name, userId: guest.id, rsvp: 'TENTATIVE' },
      { email: 'ayse@example.com', name: `Ayşe Yılmaz ${TURKISH}`, rsvp: 'ACCEPTED' },
      { email: 'bob@example.com', rsvp: 'DECLINED' },
    ],
  })).id;
  ids.turkish = (await createEventRow({
    ownerId: owner.id,
    title: `Duruşma ${TURKISH}`,
    // Long enough to fold several times, with 2-byte characters right at the fold points.
    description: `${TURKISH} `.repeat(30) + 'ŞİŞLİ ÇARŞI 😀 emoji',
    location: `İstanbul Çağlayan Adliyesi ${TURKISH}`,
    ...at('2026-10-21T07:00:00Z'),
  })).id;
  ids.allDay = (await createEventRow({
    ownerId: owner.id,
    title: 'Office closed',
    allDay: true,
    timezone: 'Pacific/Auckland',
    // Midnight in Auckland is the previous day in UTC: the feed must still say 24 to 26 December.
    startsAt: new Date('2026-12-23T11:00:00Z'),
    endsAt: new Date('2026-12-25T11:00:00Z'),
    allDayStart: new Date('2026-12-24T00:00:00Z'),
    allDayEnd: new Date('2026-12-26T00:00:00Z'),
  })).id;
  // 1 November 2026: New York falls back from EDT to EST at 02:00, so 01:30 happens twice.
  ids.nyFirst = (await createEventRow({ ownerId: owner.id, title: 'NY 01:30 EDT', timezone: 'America/New_York', ...at('2026-11-01T05:30:00Z', 30) })).id;
  ids.nySecond = (await createEventRow({ ownerId: owner.id, title: 'NY 01:30 EST', timezone: 'America/New_York', ...at('2026-11-01T06:30:00Z', 30) })).id;
  ids.istanbul = (await createEventRow({ ownerId: owner.id, title: 'Istanbul 09:00', timezone: 'Europe/Istanbul', ...at('2026-11-10T06:00:00Z') })).id;
  ids.deleted = (await createEventRow({ ownerId: owner.id, title: 'Withdrawn', deletedAt: new Date(), ...at('2026-10-22T07:00:00Z') })).id;
  ids.outside = (await createEventRow({ ownerId: owner.id, title: 'Too old', ...at('2026-01-05T07:00:00Z') })).id;

  body = (await renderIcsFeed({ owner, mode: 'FULL', linkName: LINK_NAME, window: WINDOW, cache: null })).body.toString('utf8');
});

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
const props = (name: string) => unfold(body).split('\r\n').filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

function nodeIcalEvents() {
  const { result, warnings } = parseQuietly(() => nodeIcal.sync.parseICS(body));
  expect(warnings).toEqual([]);
  return new Map(
    Object.values(result)
      .filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT')
      .map((e) => [String(e.uid).split('@')[0]!, e]),
  );
}

function icalJsEvents() {
  const { result, warnings } = parseQuietly(() => new ICAL.Component(ICAL.parse(body)));
  expect(warnings).toEqual([]);
  return { calendar: result, events: new Map(result.getAllSubcomponents('vevent').map((c) => [String(c.getFirstPropertyValue('uid')).split('@')[0]!, new ICAL.Event(c)])) };
}

describe('[ICS][FORMAT] framing', () => {
  it('uses CRLF for every line, the last one included, and no bare CR or LF', () => {
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = body.split('\r\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
  });

  it('folds every physical line to at most 75 octets, continuing with one space, never inside a character', () => {
    const lines = body.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
    expect(Buffer.from(body, 'utf8').toString('utf8')).toBe(body);
    // The long Turkish description survives folding unchanged.
    expect(props('DESCRIPTION').some((l) => l.endsWith('ŞİŞLİ ÇARŞI 😀 emoji'))).toBe(true);
  });

  it('declares the calendar: VERSION, PRODID, escaped name with the link name, refresh interval', () => {
    const head = unfold(body.slice(0, body.indexOf('BEGIN:VEVENT')));
    expect(head).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//opsdeck//Calendar Feed//EN',
        `NAME:opsdeck — Çağrı Öztürk ${TURKISH} (Telefon\\, iş\\; ${TURKISH})`,
        `X-WR-CALNAME:opsdeck — Çağrı Öztürk ${TURKISH} (Telefon\\, iş\\; ${TURKISH})`,
        'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
        'X-PUBLISHED-TTL:PT15M',
        '',
      ].join('\r\n'),
    );
  });

  it('escapes backslash, semicolon, comma and newlines in TEXT values', () => {
    expect(props('SUMMARY')).toContain('SUMMARY:Back\\\\slash\\; semi\\, comma\\nsecond line');
    expect(props('DESCRIPTION')).toContain(
      'DESCRIPTION:Line one\\nLine two\\; with\\, punctuation \\\\ and a tab\there\\nWindows line',
    );
    expect(props('LOCATION')).toContain('LOCATION:Adliye\\, Salon 3\\; Kat 2');
    // Quotes cannot live in a quoted parameter: the attendee's CN drops them instead of breaking the line.
    expect(props('ATTENDEE').join('\n')).toContain('CN="Zeynep Zee Kaya"');
  });

  it('writes every timestamp in UTC with Z and keeps deleted and out-of-window events out', () => {
    for (const name of ['DTSTAMP', 'DTSTART', 'DTEND', 'CREATED', 'LAST-MODIFIED']) {
      for (const line of props(name)) expect(line, line).toMatch(/^[A-Z-]+(:\d{8}T\d{6}Z|;VALUE=DATE:\d{8})$/);
    }
    expect(body).not.toContain('TZID');
    expect(body).not.toContain(ids.deleted!);
    expect(body).not.toContain(ids.outside!);
    expect(props('UID').sort()).toEqual(
      ['escaping', 'turkish', 'allDay', 'nyFirst', 'nySecond', 'istanbul'].map((k) => `UID:${ids[k]}@${feedHost()}`).sort(),
    );
  });
});

describe('[ICS][FORMAT] node-ical and ical.js read the same feed', () => {
  it('both parse without errors or warnings and agree on the events', () => {
    const a = nodeIcalEvents();
    const b = icalJsEvents();
    expect([...a.keys()].sort()).toEqual([...b.events.keys()].sort());
    expect(a.size).toBe(6);
    const name = feedCalendarName(owner.name, LINK_NAME);
    const calendar = Object.values(nodeIcal.sync.parseICS(body)).find((c) => c?.type === 'VCALENDAR') as Record<string, unknown>;
    expect(calendar['WR-CALNAME']).toBe(name);
    // ical.js knows neither NAME nor X-WR-CALNAME and hands back the raw (correctly escaped) TEXT.
    expect(b.calendar.getFirstPropertyValue('x-wr-calname')).toBe(name.replace(/([,;])/g, '\\$1'));
  });

  it('round-trips escaped text and Turkish characters exactly', () => {
    const a = nodeIcalEvents();
    const { events: b } = icalJsEvents();
    const escaping = { summary: 'Back\\slash; semi, comma\nsecond line', description: 'Line one\nLine two; with, punctuation \\ and a tab\there\nWindows line', location: 'Adliye, Salon 3; Kat 2' };
    expect(a.get(ids.escaping!)).toMatchObject(escaping);
    expect(b.get(ids.escaping!)).toMatchObject(escaping);
    for (const parsed of [a.get(ids.turkish!)!, b.get(ids.turkish!)!]) {
      expect(parsed.summary).toBe(`Duruşma ${TURKISH}`);
      expect(parsed.location).toBe(`İstanbul Çağlayan Adliyesi ${TURKISH}`);
      expect(parsed.description).toBe(`${TURKISH} `.repeat(30) + 'ŞİŞLİ ÇARŞI 😀 emoji');
    }
  });

  it('carries SEQUENCE, the organizer, and attendees with CN and PARTSTAT from the RSVP state', () => {
    const { events } = icalJsEvents();
    const event = events.get(ids.escaping!)!;
    const attendees = event.component.getAllProperties('attendee').map((p) => ({
      email: String(p.getFirstValue()).replace(/^mailto:/i, ''),
      cn: p.getParameter('cn') ?? null,
      partstat: p.getParameter('partstat'),
    }));
    expect(attendees).toEqual([
      { email: 'ayse@example.com', cn: `Ayşe Yılmaz ${TURKISH}`, partstat: 'ACCEPTED' },
      { email: 'bob@example.com', cn: null, partstat: 'DECLINED' },
      { email: guest.email, cn: 'Zeynep Zee Kaya', partstat: 'TENTATIVE' },
    ]);
    const organizer = event.component.getFirstProperty('organizer')!;
    expect(organizer.getParameter('cn')).toBe(owner.name);
    expect(event.sequence).toBe(3);
    expect(Number(nodeIcalEvents().get(ids.escaping!)!.sequence)).toBe(3);
  });

  it('all-day events are dates with an exclusive end, not shifted through UTC', () => {
    expect(props('DTSTART')).toContain('DTSTART;VALUE=DATE:20261224');
    expect(props('DTEND')).toContain('DTEND;VALUE=DATE:20261226');
    const b = icalJsEvents().events.get(ids.allDay!)!;
    expect(b.startDate.isDate).toBe(true);
    expect(b.startDate.toString()).toBe('2026-12-24');
    expect(b.endDate.toString()).toBe('2026-12-26');
    const a = nodeIcalEvents().get(ids.allDay!)!;
    expect(a.datetype).toBe('date');
    expect(a.start.dateOnly).toBe(true);
  });

  it('DST: 01:30 twice in New York on 1 November 2026, and Istanbul at +03, as the right UTC instants', () => {
    const local = (d: Date, timeZone: string) =>
      new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(d);
    // The fixtures really are the instants they claim to be.
    expect(local(new Date('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('01:30 EDT');
    expect(local(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('01:30 EST');
    expect(local(new Date('2026-11-10T06:00:00Z'), 'Europe/Istanbul')).toBe('09:00 GMT+3');

    const expected = { nyFirst: '20261101T053000Z', nySecond: '20261101T063000Z', istanbul: '20261110T060000Z' } as const;
    const a = nodeIcalEvents();
    const { events: b } = icalJsEvents();
    for (const [key, stamp] of Object.entries(expected)) {
      const iso = stamp.replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/, '$1-$2-$3T$4:$5:$6.000Z');
      expect(unfold(body)).toContain(`UID:${ids[key]}@`);
      expect(a.get(ids[key]!)!.start.toISOString(), key).toBe(iso);
      expect(b.get(ids[key]!)!.startDate.toJSDate().toISOString(), key).toBe(iso);
      expect(b.get(ids[key]!)!.startDate.zone?.tzid, key).toBe('UTC');
    }
  });
});

describe('[ICS][FORMAT] caching changes nothing', () => {
  // ical-generator on its own, one calendar for everything, from rows Prisma reads with THE
  // visibility rule: what the feed (SQL reads, cached text) must equal byte for byte.
  async function reference(mode: 'FULL' | 'BUSY', viewer: FeedOwner = owner) {
    const rows = await getDb().calendarEvent.findMany({
      where: feedEventsWhere(viewer, WINDOW),
      select: feedEventSelect,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
    const calendar = ical({ prodId: ICS_PRODID, name: escape(icsText(feedCalendarName(viewer.name, LINK_NAME)), false), ttl: ICS_REFRESH_SECONDS });
    for (const row of rows) calendar.createEvent(icsEventData(row, mode, feedHost()));
    return `${calendar.toString()}\r\n`;
  }
  const render = (mode: 'FULL' | 'BUSY', cache: LRUCache<string, Buffer> | null, viewer: FeedOwner = owner) =>
    renderIcsFeed({ owner: viewer, mode, linkName: LINK_NAME, window: WINDOW, cache });
  const storedKeys = async (eventId: string) =>
    (await getDb().icsEventChunk.findMany({ where: { eventId }, select: { mode: true, key: true }, orderBy: { mode: 'asc' } }));

  it.each(['FULL', 'BUSY'] as const)('%s: uncached, first, after-restart and warm output equal plain ical-generator output', async (mode) => {
    await getDb().icsEventChunk.deleteMany({});
    const uncached = await render(mode, null);
    expect(uncached).toMatchObject({ events: 6, rendered: 6, fromMemory: 0, fromStore: 0 });
    expect(await getDb().icsEventChunk.count()).toBe(0); // uncached means no store either

    const first = await render(mode, new LRUCache<string, Buffer>({ max: 100 }));
    expect(first).toMatchObject({ rendered: 6, fromStore: 0 });
    await flushFeedWrites();
    expect(await getDb().icsEventChunk.count({ where: { mode } })).toBe(6);

    // A new process: nothing in memory, every VEVENT from ics_event_chunks, nothing rendered.
    const cache = new LRUCache<string, Buffer>({ max: 100 });
    const restarted = await render(mode, cache);
    expect(restarted).toMatchObject({ rendered: 0, fromStore: 6, fromMemory: 0 });
    const warm = await render(mode, cache);
    expect(warm).toMatchObject({ rendered: 0, fromStore: 0, fromMemory: 6 });

    for (const r of [first, restarted, warm]) expect(r.body.equals(uncached.body)).toBe(true);
    expect(uncached.body.toString('utf8')).toBe(await reference(mode));
  });

  it('a memory cache smaller than the feed takes what it lost from the store, not from ical-generator', async () => {
    await render('FULL', new LRUCache<string, Buffer>({ max: 100 }));
    await flushFeedWrites();
    const small = new LRUCache<string, Buffer>({ max: 3 });
    const first = await render('FULL', small);
    const second = await render('FULL', small);
    expect(first).toMatchObject({ fromStore: 6, rendered: 0 });
    expect(second.fromMemory + second.fromStore).toBe(6);
    expect(second).toMatchObject({ rendered: 0 });
    expect(second.fromStore).toBeGreaterThan(0);
    expect(second.body.equals(first.body)).toBe(true);
  });

  it('an edited event is rendered again, not taken from memory or the store, and stored under its new key', async () => {
    const cache = new LRUCache<string, Buffer>({ max: 100 });
    await render('FULL', cache);
    await flushFeedWrites();
    const [oldKey] = await storedKeys(ids.istanbul!);
    await getDb().calendarEvent.update({ where: { id: ids.istanbul! }, data: { title: 'Istanbul 10:00', sequence: { increment: 1 } } });

    // The store still holds the old text (its write-behind for the edit has not run yet).
    const restarted = await render('FULL', new LRUCache<string, Buffer>({ max: 100 }));
    expect(restarted).toMatchObject({ fromStore: 5, rendered: 1 });
    await flushFeedWrites();
    // This process's memory has the old text; the store has the new one by now.
    const warm = await render('FULL', cache);
    expect(warm).toMatchObject({ fromMemory: 5, fromStore: 1, rendered: 0 });
    for (const r of [warm, restarted]) {
      const text = r.body.toString('utf8');
      expect(text).toContain('SUMMARY:Istanbul 10:00');
      expect(text).not.toContain('SUMMARY:Istanbul 09:00');
      expect(r.body.equals((await render('FULL', null)).body)).toBe(true);
    }
    await flushFeedWrites();
    const [newKey] = await storedKeys(ids.istanbul!);
    expect(newKey!.key).not.toBe(oldKey!.key);
    await getDb().calendarEvent.update({ where: { id: ids.istanbul! }, data: { title: 'Istanbul 09:00' } });
  });

  it('after a restart, an edit takes every unchanged VEVENT from the previous body and renders only the edited one', async () => {
    const served = await render('FULL', new LRUCache<string, Buffer>({ max: 100 }));
    const previous = { body: served.body, events: served.index() };
    // The index says where each event lies: each entry's slice is that event's VEVENT.
    const lines = served.index().split('\n').map((line) => line.split(' '));
    expect(lines).toHaveLength(6);
    for (const [id, , offset, length] of lines) {
      const text = served.body.subarray(Number(offset), Number(offset) + Number(length)).toString('utf8');
      expect(text).toMatch(new RegExp(`^BEGIN:VEVENT\r\nUID:${id}@[^]*END:VEVENT\r\n$`));
    }
    await flushFeedWrites();
    await getDb().calendarEvent.update({ where: { id: ids.istanbul! }, data: { title: 'Istanbul 11:00', sequence: { increment: 1 } } });
    try {
      // A new process (memory empty) with the body last served: five copied out of it; the edited
      // event is not taken from it (its key moved) nor from ics_event_chunks (old text there too).
      const restarted = await renderIcsFeed({
        owner, mode: 'FULL', linkName: LINK_NAME, window: WINDOW,
        cache: new LRUCache<string, Buffer>({ max: 100 }), previous: async () => previous,
      });
      expect(restarted).toMatchObject({ events: 6, fromPrevious: 5, fromStore: 0, rendered: 1 });
      expect(restarted.body.toString('utf8')).toContain('SUMMARY:Istanbul 11:00');
      expect(restarted.body.equals((await render('FULL', null)).body)).toBe(true);

      // Entries that do not fit the body, or name another key, are not trusted: their text comes
      // from the store, which by now holds the edited event's new text too.
      await flushFeedWrites();
      const damaged = lines.map(([id, key, offset, length], i) =>
        i === 0 ? `${id} ${key} ${served.body.length - 10} ${length}` : i === 1 ? `${id} 0|other ${offset} ${length}` : `${id} ${key} ${offset} ${length}`);
      const fromDamaged = await renderIcsFeed({
        owner, mode: 'FULL', linkName: LINK_NAME, window: WINDOW,
        cache: new LRUCache<string, Buffer>({ max: 100 }), previous: async () => ({ body: served.body, events: damaged.join('\n') }),
      });
      expect(fromDamaged).toMatchObject({ fromPrevious: 3, fromStore: 3, rendered: 0 });
      expect(fromDamaged.body.equals(restarted.body)).toBe(true);
    } finally {
      await getDb().calendarEvent.update({ where: { id: ids.istanbul! }, data: { title: 'Istanbul 09:00' } });
    }
  });

  it('renaming the organizer renders FULL again (ORGANIZER;CN) but keeps BUSY text', async () => {
    const user = await createTestUser({ name: 'Av. Eski Ad' });
    const viewer = { id: user.id, role: user.role, name: user.name };
    await createEventRow({ ownerId: user.id, title: 'Keşif', startsAt: new Date('2026-10-25T07:00:00Z') });
    const cache = new LRUCache<string, Buffer>({ max: 100 });
    await render('FULL', cache, viewer);
    await render('BUSY', cache, viewer);
    await getDb().user.update({ where: { id: user.id }, data: { name: 'Av. Yeni Ad' } });
    const renamed = { ...viewer, name: 'Av. Yeni Ad' };
    const full = await render('FULL', cache, renamed);
    expect(full).toMatchObject({ rendered: 1, fromMemory: 0 });
    expect(full.body.toString('utf8')).toContain('ORGANIZER;CN="Av. Yeni Ad"');
    expect(full.body.toString('utf8')).toBe(await reference('FULL', renamed));
    expect(await render('BUSY', cache, renamed)).toMatchObject({ rendered: 0, fromMemory: 1 });
  });

  it('the SQL reads carry exactly what feedEventsWhere selects, in order, for an attendee and for staff', async () => {
    const staff = await createTestUser({ role: 'ADMIN', name: 'Yönetici' });
    const guestViewer = { id: guest.id, role: guest.role, name: guest.name };
    const staffViewer = { id: staff.id, role: staff.role, name: staff.name };
    const guestFeed = await render('FULL', null, guestViewer);
    expect(guestFeed.events).toBe(1); // the event guest attends, nothing of the owner's own
    expect(guestFeed.body.toString('utf8')).toBe(await reference('FULL', guestViewer));
    const staffFeed = await render('BUSY', null, staffViewer);
    expect(staffFeed.events).toBeGreaterThanOrEqual(6);
    expect(staffFeed.body.toString('utf8')).toBe(await reference('BUSY', staffViewer));
  });
});

describe('[ICS][FORMAT] helpers', () => {
  it('foldIcsLines equals ical-generator foldLines on ASCII, 2-, 3- and 4-byte characters and lone surrogates', () => {
    const alphabet = ['a', 'Z', ' ', ';', 'ğ', 'İ', 'ş', '€', '中', '😀', '\uD800', '\uDC00'];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        Array.from({ length: Math.floor(random() * 260) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
      );
      const text = lines.join('\r\n');
      expect(foldIcsLines(text)).toBe(foldLines(text));
    }
    for (const length of [73, 74, 75, 148, 149]) expect(foldIcsLines('x'.repeat(length))).toBe(foldLines('x'.repeat(length)));
  });

  it('If-None-Match: exact, weak, lists and * match; anything else does not', () => {
    const tag = '"ics1-abc"';
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(`W/${tag}`, tag)).toBe(true);
    expect(etagMatches(`"x", ${tag}`, tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches('"ics1-abd"', tag)).toBe(false);
    expect(etagMatches(undefined, tag)).toBe(false);
  });
});
