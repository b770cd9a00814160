import { describe, expect, it } from 'vitest';
import { calendarDate, readCalendarLocation, urlDate, writeCalendarLocation } from './calendar-url.ts';

describe('calendar URL', () => {
  it('reads view, date and open event, ignoring junk', () => {
    expect(readCalendarLocation(new URLSearchParams('view=week&date=2026-03-10&event=abc'))).toEqual({ view: 'week', date: '2026-03-10', eventId: 'abc' });
    expect(readCalendarLocation(new URLSearchParams('view=year&date=2026-02-30'))).toEqual({ view: 'month', date: null, eventId: null });
  });

  it('writes only what differs from the defaults and keeps other parameters', () => {
    const params = writeCalendarLocation(new URLSearchParams('x=1&event=abc'), { view: 'month', date: '2026-03-10', eventId: null });
    expect(params.toString()).toBe('x=1&date=2026-03-10');
    expect(writeCalendarLocation(params, { view: 'agenda' }).toString()).toBe('x=1&date=2026-03-10&view=agenda');
  });

  it('maps URL dates to instants in the viewer zone and back', () => {
    const now = new Date('2026-03-10T22:30:00Z'); // already 11 Mar in Istanbul
    expect(calendarDate('2026-03-29', 'Europe/Istanbul', now).toISOString()).toBe('2026-03-29T09:00:00.000Z');
    expect(calendarDate(null, 'Europe/Istanbul', now)).toBe(now);
    expect(urlDate(new Date('2026-03-10T23:00:00Z'), 'Europe/Istanbul', now)).toBeNull();
    expect(urlDate(new Date('2026-03-10T12:00:00Z'), 'Europe/Istanbul', now)).toBe('2026-03-10');
    // New York spring forward: noon still exists and stays on its date.
    expect(calendarDate('2026-03-08', 'America/New_York', now).toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });
});
