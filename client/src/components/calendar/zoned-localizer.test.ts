import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DateLocalizer } from 'react-big-calendar';
import { createZonedLocalizer, fetchRange, visibleRange } from './zoned-localizer.ts';

// The layout helper the month and all-day rows use, straight from the library (no typings).
const require = createRequire(import.meta.url);
const { eventSegments } = require('react-big-calendar/lib/utils/eventLevels') as {
  eventSegments: (
    event: object,
    range: Date[],
    accessors: { start: (e: { start: Date }) => Date; end: (e: { end: Date }) => Date },
    localizer: DateLocalizer,
  ) => { span: number; left: number; right: number };
};

// The browser's own zone must not matter: run in one that is neither the viewer's nor UTC.
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  process.env.TZ = savedTz;
});

const iso = (s: string) => new Date(s);
/** Minutes from the day's start as react-big-calendar's TimeSlots positions an event. */
const position = (l: DateLocalizer, date: Date) => {
  const dayStart = l.startOf(date, 'day');
  return l.diff(dayStart, date, 'minutes') + l.getDstOffset(dayStart, date);
};

describe('createZonedLocalizer', () => {
  it('runs in the test in a zone other than the viewer’s', () => {
    expect(new Date('2026-03-10T06:00:00Z').getTimezoneOffset()).toBe(420);
  });

  it('puts 09:00 Istanbul at 09:00 for an Istanbul viewer, whatever the browser zone', () => {
    const l = createZonedLocalizer('Europe/Istanbul');
    const nine = iso('2026-03-10T06:00:00Z'); // 09:00 in Istanbul (UTC+3, no DST since 2016)
    expect(l.startOf(nine, 'day').toISOString()).toBe('2026-03-09T21:00:00.000Z');
    expect(l.getMinutesFromMidnight(nine)).toBe(540);
    expect(position(l, nine)).toBe(540);
    expect(l.format(nine, 't', 'en-GB')).toBe('09:00');
    expect(l.getTimezoneOffset(nine)).toBe(-180);
    // A slot clicked at 09:00 on that day is the same instant.
    expect(l.getSlotDate(l.startOf(nine, 'day'), 0, 540).toISOString()).toBe(nine.toISOString());
  });

  it('starts weeks on Monday and lays the month out in the viewer’s zone', () => {
    const l = createZonedLocalizer('Europe/Istanbul');
    const { from, to } = visibleRange('month', iso('2026-03-15T12:00:00Z'), l);
    // March 2026 starts on a Sunday: the grid runs Mon 23 Feb .. Sun 5 Apr, Istanbul midnights.
    expect(from.toISOString()).toBe('2026-02-22T21:00:00.000Z');
    expect(to.toISOString()).toBe('2026-04-05T21:00:00.000Z');
    const week = visibleRange('week', iso('2026-03-11T12:00:00Z'), l);
    expect(week.from.toISOString()).toBe('2026-03-08T21:00:00.000Z');
    expect(week.to.toISOString()).toBe('2026-03-15T21:00:00.000Z');
  });

  it('keeps wall-clock positions on a New York DST day (spring forward 2026-03-08)', () => {
    const l = createZonedLocalizer('America/New_York');
    const tenAm = iso('2026-03-08T14:00:00Z'); // 10:00 EDT, only 9 real hours after midnight EST
    expect(l.startOf(tenAm, 'day').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(position(l, tenAm)).toBe(600);
    expect(l.getMinutesFromMidnight(tenAm)).toBe(540); // elapsed minutes; the DST offset makes up the hour
    expect(l.getTimezoneOffset(l.startOf(tenAm, 'day'))).not.toBe(l.getTimezoneOffset(tenAm));
    // Fall back (2026-11-01): 10:00 EST is 11 real hours after midnight EDT.
    const tenAmNov = iso('2026-11-01T15:00:00Z');
    expect(position(l, tenAmNov)).toBe(600);
  });

  it('spans multi-day all-day events over all their days', () => {
    const l = createZonedLocalizer('Asia/Tokyo');
    const days = l.range(iso('2026-03-08T15:00:00Z'), iso('2026-03-14T15:00:00Z'), 'day'); // Mon 9 .. Sun 15 in Tokyo
    expect(days).toHaveLength(7);
    const event = { start: iso('2026-03-09T15:00:00Z'), end: iso('2026-03-11T15:00:00Z') }; // Tue 10 and Wed 11, exclusive end
    const accessors = { start: (e: { start: Date }) => e.start, end: (e: { end: Date }) => e.end };
    expect(eventSegments(event, days, accessors, l)).toMatchObject({ span: 2, left: 2, right: 3 });
  });

  it('recognises date-only ranges by the viewer’s midnights, not the browser’s', () => {
    const l = createZonedLocalizer('Europe/Istanbul');
    expect(l.startAndEndAreDateOnly(iso('2026-03-09T21:00:00Z'), iso('2026-03-10T21:00:00Z'))).toBe(true);
    expect(l.startAndEndAreDateOnly(iso('2026-03-10T00:00:00Z'), iso('2026-03-11T00:00:00Z'))).toBe(false);
  });
});

describe('fetchRange', () => {
  it('widens the visible range by two days on each side', () => {
    const r = fetchRange({ from: iso('2026-03-09T00:00:00Z'), to: iso('2026-03-16T00:00:00Z') });
    expect(r.from.toISOString()).toBe('2026-03-07T00:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-03-18T00:00:00.000Z');
  });

  it('covers the agenda’s inclusive last day', () => {
    const l = createZonedLocalizer('UTC');
    const r = visibleRange('agenda', iso('2026-03-10T12:00:00Z'), l);
    expect(r.from.toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-04-10T00:00:00.000Z');
  });
});

describe('event order within a day', () => {
  it('lists a day’s events by start time, multi-day and all-day ones first', () => {
    const l = createZonedLocalizer('Europe/Istanbul');
    const sort = (l as unknown as { sortEvents: (x: { evtA: object; evtB: object }) => number }).sortEvents;
    const nine = { start: iso('2026-03-10T06:00:00Z'), end: iso('2026-03-10T07:00:00Z') }; // 09:00-10:00
    const twoThirty = { start: iso('2026-03-10T11:30:00Z'), end: iso('2026-03-10T13:00:00Z') }; // 14:30-16:00, longer
    const allDay = { start: iso('2026-03-09T21:00:00Z'), end: iso('2026-03-10T21:00:00Z'), allDay: true };
    const twoDays = { start: iso('2026-03-10T15:00:00Z'), end: iso('2026-03-11T08:00:00Z') };
    const events = [twoThirty, nine, allDay, twoDays];
    const sorted = [...events].sort((a, b) => sort({ evtA: a, evtB: b }));
    expect(sorted).toEqual([twoDays, allDay, nine, twoThirty]);
  });
});
