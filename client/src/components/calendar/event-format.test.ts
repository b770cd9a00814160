import { describe, expect, it } from 'vitest';
import { formatEventRange, formatTime, reminderDueAt, reminderLead, reminderStatus, showsOtherZone, timeParts } from './event-format.ts';

const timed = {
  allDay: false,
  start: '2026-03-10T09:00',
  end: '2026-03-10T10:30',
  startsAt: new Date('2026-03-10T06:00:00Z'),
  endsAt: new Date('2026-03-10T07:30:00Z'),
  timezone: 'Europe/Istanbul',
};

/** ICU spaces vary (thin, narrow no-break): compare with plain ones. */
const plain = (s: string) => s.replace(/\s+/g, ' ');

describe('formatEventRange', () => {
  it('shows a timed event in the zone asked for', () => {
    // ICU versions differ in commas and dashes; the dates and times are what matter.
    expect(plain(formatEventRange(timed, 'Europe/Istanbul', 'en-GB'))).toMatch(/^Tue,? 10 Mar 2026, 09:00 ?– ?10:30$/);
    expect(plain(formatEventRange(timed, 'America/New_York', 'en-GB'))).toMatch(/^Tue,? 10 Mar 2026, 02:00 ?– ?03:30$/);
    expect(formatEventRange(timed, 'Europe/Istanbul', 'tr')).toContain('10 Mar 2026');
    expect(formatTime(timed.startsAt, 'Europe/Istanbul', 'tr')).toBe('09:00');
  });

  it('shows all-day events on their own dates in every zone', () => {
    const allDay = { ...timed, allDay: true, start: '2026-03-10', end: '2026-03-12', startsAt: new Date('2026-03-09T21:00:00Z'), endsAt: new Date('2026-03-12T21:00:00Z') };
    expect(plain(formatEventRange(allDay, 'America/Los_Angeles', 'en-GB'))).toMatch(/^Tue,? 10( Mar)? – Thu,? 12 Mar 2026$/);
    expect(formatEventRange({ ...allDay, end: '2026-03-10' }, 'Pacific/Kiritimati', 'en-GB')).toMatch(/^Tue,? 10 Mar 2026$/);
  });

  it('adds the event zone only for timed events entered elsewhere', () => {
    expect(showsOtherZone(timed, 'Europe/Istanbul')).toBe(false);
    expect(showsOtherZone(timed, 'UTC')).toBe(true);
    expect(showsOtherZone({ ...timed, allDay: true }, 'UTC')).toBe(false);
  });
});

describe('reminders', () => {
  it('names the lead in the largest whole unit', () => {
    expect(reminderLead(0)).toEqual({ unit: 'atStart' });
    expect(reminderLead(15)).toEqual({ unit: 'minutes', count: 15 });
    expect(reminderLead(90)).toEqual({ unit: 'minutes', count: 90 });
    expect(reminderLead(120)).toEqual({ unit: 'hours', count: 2 });
    expect(reminderLead(1440)).toEqual({ unit: 'days', count: 1 });
    expect(reminderLead(40_320)).toEqual({ unit: 'days', count: 28 });
  });

  it('tells pending from overdue from sent', () => {
    const base = { startsAt: new Date('2026-03-10T06:00:00Z'), reminderMinutes: 30, reminderSentAt: null, deletedAt: null };
    expect(reminderDueAt(base)?.toISOString()).toBe('2026-03-10T05:30:00.000Z');
    expect(reminderStatus(base, new Date('2026-03-10T05:29:00Z'))).toBe('pending');
    expect(reminderStatus(base, new Date('2026-03-10T05:31:00Z'))).toBe('overdue');
    expect(reminderStatus({ ...base, reminderSentAt: new Date('2026-03-10T05:30:05Z') }, new Date())).toBe('sent');
    expect(reminderStatus({ ...base, reminderMinutes: null }, new Date())).toBe('none');
    expect(reminderStatus({ ...base, deletedAt: new Date() }, new Date('2026-03-01T00:00:00Z'))).toBe('cancelled');
  });
});

describe('timeParts', () => {
  it('writes times the way each locale does', () => {
    const at = new Date('2026-03-10T09:05:00Z');
    const fmt = (locale: string) => plain(new Intl.DateTimeFormat(locale, { ...timeParts(locale), timeZone: 'UTC' }).format(at));
    expect(fmt('en')).toBe('9:05 AM');
    expect(fmt('en-GB')).toBe('09:05');
    expect(fmt('tr')).toBe('09:05');
  });
});
