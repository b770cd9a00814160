import { describe, expect, it } from 'vitest';
import type { TEventListItem } from '../../../../shared/calendar-events.ts';
import { toCalendarItem } from './calendar-items.ts';

const base: TEventListItem = {
  id: 'e1',
  title: 'Filing deadline',
  location: null,
  timezone: 'Pacific/Auckland',
  allDay: true,
  start: '2026-03-10',
  end: '2026-03-11',
  // Midnights in Auckland (UTC+13 in March): a day earlier in UTC.
  startsAt: new Date('2026-03-09T11:00:00Z'),
  endsAt: new Date('2026-03-11T11:00:00Z'),
  reminderMinutes: null,
  reminderSentAt: null,
  private: false,
  attendeeCount: 0,
  owner: { id: 'u1', name: 'Uma', email: 'user@opsdeck.local' },
  sequence: 0,
  deletedAt: null,
  updatedAt: new Date(),
};

describe('toCalendarItem', () => {
  it('keeps an all-day event on its dates in the viewer zone, end exclusive', () => {
    const item = toCalendarItem(base, 'Europe/Istanbul');
    expect(item.allDay).toBe(true);
    expect(item.start.toISOString()).toBe('2026-03-09T21:00:00.000Z'); // 10 Mar 00:00 Istanbul
    expect(item.end.toISOString()).toBe('2026-03-11T21:00:00.000Z'); // 12 Mar 00:00 Istanbul
  });

  it('shows a timed event at its instant', () => {
    const timed = { ...base, allDay: false, timezone: 'Europe/Istanbul', start: '2026-03-10T09:00', end: '2026-03-10T10:00', startsAt: new Date('2026-03-10T06:00:00Z'), endsAt: new Date('2026-03-10T07:00:00Z') };
    const item = toCalendarItem(timed, 'America/New_York');
    expect(item.start).toBe(timed.startsAt);
    expect(item.end).toBe(timed.endsAt);
    expect(item.allDay).toBe(false);
  });
});
