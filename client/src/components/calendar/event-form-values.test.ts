import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZEventUpdateInput, type TEventDetail } from '../../../../shared/calendar-events.ts';
import {
  convertWallClock,
  eventFormValues,
  eventPatch,
  instantToWallClock,
  newEventValues,
  parseDateText,
  reminderChoice,
  reminderMinutesOf,
  slotEventValues,
  toEventInput,
  validateEventValues,
  wallClockIssue,
  wallClockToInstant,
  withAllDay,
  withStartMoved,
  type EventFormValues,
} from './event-form-values.ts';

// Nothing may depend on the machine's zone: run in one that is neither of the zones under test.
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Kolkata';
});
afterAll(() => {
  process.env.TZ = savedTz;
});

const NY = 'America/New_York';
const IST = 'Europe/Istanbul';

function values(over: Partial<EventFormValues> = {}): EventFormValues {
  return {
    title: 'Hearing',
    descriptionWithheld: false,
    private: false,
    allDay: false,
    startDate: '2026-03-10',
    startTime: '14:00',
    endDate: '2026-03-10',
    endTime: '15:00',
    timezone: IST,
    location: '',
    description: '',
    reminder: 'none',
    reminderCustom: '',
    attendees: [],
    ...over,
  };
}

describe('wall clock <-> instant', () => {
  it('Istanbul has no DST since 2016: the EU switch day is an ordinary day there', () => {
    expect(wallClockToInstant('2026-03-29', '09:30', IST)?.toISOString()).toBe('2026-03-29T06:30:00.000Z');
    expect(wallClockToInstant('2026-10-25', '09:30', IST)?.toISOString()).toBe('2026-10-25T06:30:00.000Z');
    expect(wallClockIssue({ date: '2026-03-29', time: '03:30' }, IST)).toBeNull();
    expect(instantToWallClock(new Date('2026-03-29T06:30:00Z'), IST)).toEqual({ date: '2026-03-29', time: '09:30' });
  });

  it('New York spring forward (2026-03-08): 02:30 does not exist and moves to 03:30 EDT', () => {
    expect(wallClockIssue({ date: '2026-03-08', time: '02:30' }, NY)).toEqual({ kind: 'gap', savedAs: '03:30' });
    expect(wallClockToInstant('2026-03-08', '02:30', NY)?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(wallClockToInstant('2026-03-08', '01:59', NY)?.toISOString()).toBe('2026-03-08T06:59:00.000Z');
    expect(wallClockToInstant('2026-03-08', '03:00', NY)?.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(wallClockIssue({ date: '2026-03-08', time: '03:00' }, NY)).toBeNull();
  });

  it('New York fall back (2026-11-01): 01:30 happens twice; it resolves as the server does', () => {
    expect(wallClockIssue({ date: '2026-11-01', time: '01:30' }, NY)).toEqual({ kind: 'ambiguous', offsets: ['-04:00', '-05:00'] });
    // Happens twice: the first occurrence (EDT), as RFC 5545 and the server say.
    expect(wallClockToInstant('2026-11-01', '01:30', NY)?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(wallClockIssue({ date: '2026-11-01', time: '02:30' }, NY)).toBeNull();
  });

  it('converts between zones on either side of a DST change', () => {
    // 14:00 in New York is 22:00 in Istanbul in winter time, 21:00 once New York is on EDT.
    expect(convertWallClock({ date: '2026-03-07', time: '14:00' }, NY, IST)).toEqual({ date: '2026-03-07', time: '22:00' });
    expect(convertWallClock({ date: '2026-03-09', time: '14:00' }, NY, IST)).toEqual({ date: '2026-03-09', time: '21:00' });
    // 09:00 Istanbul on 1 Nov is 06:00Z: the first instant of EST, 01:00 in New York.
    expect(convertWallClock({ date: '2026-11-01', time: '09:00' }, IST, NY)).toEqual({ date: '2026-11-01', time: '01:00' });
    expect(convertWallClock({ date: '2026-11-01', time: '08:59' }, IST, NY)).toEqual({ date: '2026-11-01', time: '01:59' });
    // Crossing midnight changes the date.
    expect(convertWallClock({ date: '2026-03-10', time: '01:00' }, IST, NY)).toEqual({ date: '2026-03-09', time: '18:00' });
    expect(convertWallClock({ date: 'nope', time: '01:00' }, IST, NY)).toBeNull();
  });
});

describe('new and slot values', () => {
  it('starts a new event at the next whole hour in the viewer zone, with their default reminder', () => {
    const v = newEventValues({ now: new Date('2026-03-10T06:10:00Z'), zone: IST, defaultReminderMinutes: 15 });
    expect(v).toMatchObject({ startDate: '2026-03-10', startTime: '10:00', endDate: '2026-03-10', endTime: '11:00', timezone: IST, reminder: '15' });
    expect(newEventValues({ now: new Date('2026-03-10T06:10:00Z'), zone: IST, defaultReminderMinutes: null }).reminder).toBe('none');
  });

  it('skips the spring-forward gap for a new event', () => {
    // 01:10 EST; the next hour, 02:00, does not exist: 03:00 EDT.
    const v = newEventValues({ now: new Date('2026-03-08T06:10:00Z'), zone: NY, defaultReminderMinutes: null });
    expect(v).toMatchObject({ startDate: '2026-03-08', startTime: '03:00', endTime: '04:00' });
  });

  it('reads a time-slot selection in the viewer zone', () => {
    const v = slotEventValues({
      start: new Date('2026-03-10T07:30:00Z'),
      end: new Date('2026-03-10T08:30:00Z'),
      slots: [new Date('2026-03-10T07:30:00Z'), new Date('2026-03-10T08:00:00Z'), new Date('2026-03-10T08:30:00Z')],
      zone: IST,
      monthView: false,
      defaultReminderMinutes: 30,
    });
    expect(v).toMatchObject({ allDay: false, startDate: '2026-03-10', startTime: '10:30', endTime: '11:30', timezone: IST, reminder: '30' });
  });

  it('turns a day clicked in the month into a 09:00 event that day, several days into an all-day event', () => {
    const day = new Date('2026-03-09T21:00:00Z'); // midnight 10 Mar in Istanbul
    const next = new Date('2026-03-10T21:00:00Z');
    const one = slotEventValues({ start: day, end: next, slots: [day], zone: IST, monthView: true, defaultReminderMinutes: null });
    expect(one).toMatchObject({ allDay: false, startDate: '2026-03-10', startTime: '09:00', endDate: '2026-03-10', endTime: '10:00' });
    const three = slotEventValues({
      start: day,
      end: new Date('2026-03-12T21:00:00Z'),
      slots: [day, next, new Date('2026-03-11T21:00:00Z')],
      zone: IST,
      monthView: true,
      defaultReminderMinutes: null,
    });
    expect(three).toMatchObject({ allDay: true, startDate: '2026-03-10', endDate: '2026-03-12' });
  });

  it('turns the all-day row of the week into an all-day event', () => {
    const day = new Date('2026-03-09T21:00:00Z');
    const v = slotEventValues({ start: day, end: new Date('2026-03-10T21:00:00Z'), slots: [day], zone: IST, monthView: false, defaultReminderMinutes: null });
    expect(v).toMatchObject({ allDay: true, startDate: '2026-03-10', endDate: '2026-03-10' });
  });
});

describe('editing', () => {
  it('moves the end with the start, keeping the length, across midnight', () => {
    const v = withStartMoved(values({ startTime: '22:00', endTime: '23:30' }), { time: '23:00' });
    expect(v).toMatchObject({ startDate: '2026-03-10', startTime: '23:00', endDate: '2026-03-11', endTime: '00:30' });
    const moved = withStartMoved(values(), { date: '2026-03-12' });
    expect(moved).toMatchObject({ startDate: '2026-03-12', endDate: '2026-03-12', endTime: '15:00' });
  });

  it('leaves an end that is already before the start alone', () => {
    const v = withStartMoved(values({ endTime: '13:00' }), { time: '16:00' });
    expect(v).toMatchObject({ startTime: '16:00', endTime: '13:00' });
  });

  it('keeps the number of days of an all-day event when its first day moves', () => {
    const v = withStartMoved(values({ allDay: true, endDate: '2026-03-12' }), { date: '2026-03-20' });
    expect(v).toMatchObject({ startDate: '2026-03-20', endDate: '2026-03-22' });
  });

  it('switches between all-day and timed without producing an impossible range', () => {
    expect(withAllDay(values({ endDate: '2026-03-09' }), true)).toMatchObject({ allDay: true, endDate: '2026-03-10' });
    expect(withAllDay(values({ allDay: true, startTime: '09:00', endTime: '09:00' }), false)).toMatchObject({ allDay: false, endTime: '10:00' });
  });

  it('maps reminders to the select and back', () => {
    expect(reminderChoice(null)).toEqual({ reminder: 'none', reminderCustom: '' });
    expect(reminderChoice(30)).toEqual({ reminder: '30', reminderCustom: '' });
    expect(reminderChoice(45)).toEqual({ reminder: 'custom', reminderCustom: 45 });
    expect(reminderChoice(0)).toEqual({ reminder: 'custom', reminderCustom: 0 });
    expect(reminderMinutesOf({ reminder: '1440', reminderCustom: '' })).toBe(1440);
    expect(reminderMinutesOf({ reminder: 'custom', reminderCustom: '90' })).toBe(90);
    expect(reminderMinutesOf({ reminder: 'custom', reminderCustom: '' })).toBeNaN();
  });
});

describe('to and from the contract', () => {
  const detail: TEventDetail = {
    id: '4b0a3c1e-9a43-4e55-9d55-2a1e8f6b1c11',
    title: 'Hearing',
    location: 'Court 4',
    timezone: NY,
    allDay: false,
    startsAt: new Date('2026-03-08T07:30:00Z'),
    endsAt: new Date('2026-03-08T08:30:00Z'),
    start: '2026-03-08T03:30',
    end: '2026-03-08T04:30',
    reminderMinutes: 45,
    reminderSentAt: null,
    private: false,
    descriptionWithheld: false,
    attendeeCount: 1,
    owner: { id: 'u1', name: 'Uma', email: 'user@opsdeck.local' },
    sequence: 3,
    deletedAt: null,
    updatedAt: new Date(),
    description: 'Bring the file',
    attendees: [{ id: 'a1', email: 'ada@example.com', name: null, userId: null, rsvp: 'ACCEPTED' }],
    createdAt: new Date(),
    canEdit: true,
    myRsvp: null,
  };

  it('shows a stored event in its own zone, as entered, and sends it back unchanged', () => {
    const v = eventFormValues(detail);
    expect(v).toMatchObject({ startDate: '2026-03-08', startTime: '03:30', endTime: '04:30', timezone: NY, reminder: 'custom', reminderCustom: 45 });
    expect(toEventInput(v)).toEqual({
      title: 'Hearing',
      allDay: false,
      start: '2026-03-08T03:30',
      end: '2026-03-08T04:30',
      timezone: NY,
      location: 'Court 4',
      description: 'Bring the file',
      private: false,
      reminderMinutes: 45,
      attendees: [{ email: 'ada@example.com', name: null }],
    });
    expect(eventPatch(toEventInput(v), toEventInput(v))).toEqual({});
  });

  it('leaves a withheld description out, so saving never blanks it; the private flag travels in the patch', () => {
    const v = eventFormValues({ ...detail, private: true, description: null, descriptionWithheld: true });
    expect(toEventInput(v)).not.toHaveProperty('description');
    const patch = eventPatch(toEventInput(v), toEventInput({ ...v, location: 'Court 5' }));
    expect(patch).toMatchObject({ location: 'Court 5' });
    expect(patch).not.toHaveProperty('description');
    expect(eventPatch(toEventInput(eventFormValues(detail)), toEventInput({ ...eventFormValues(detail), private: true }))).toMatchObject({ private: true });
  });

  it('sends all-day dates as dates, the end inclusive', () => {
    const input = toEventInput(values({ allDay: true, startDate: '2026-03-10', endDate: '2026-03-10' }));
    expect(input).toMatchObject({ allDay: true, start: '2026-03-10', end: '2026-03-10' });
    expect(validateEventValues(values({ allDay: true, startDate: '2026-03-10', endDate: '2026-03-10' }))).toEqual({});
  });

  it('patches what changed, always with allDay, start, end and attendees (the patch schema defaults them)', () => {
    const before = toEventInput(eventFormValues(detail));
    const keep = { allDay: false, start: '2026-03-08T03:30', end: '2026-03-08T04:30', attendees: [{ email: 'ada@example.com', name: null }] };
    const renamed = toEventInput({ ...eventFormValues(detail), title: 'Hearing (moved)' });
    expect(eventPatch(before, renamed)).toEqual({ title: 'Hearing (moved)', ...keep });
    const allDay = toEventInput(withAllDay(eventFormValues(detail), true));
    expect(eventPatch(before, allDay)).toEqual({ ...keep, allDay: true, start: '2026-03-08', end: '2026-03-08' });
    const noReminder = toEventInput({ ...eventFormValues(detail), reminder: 'none' });
    expect(eventPatch(before, noReminder)).toEqual({ reminderMinutes: null, ...keep });
    const moreGuests = toEventInput({ ...eventFormValues(detail), attendees: [...eventFormValues(detail).attendees, { email: 'Bo@Example.com ', name: ' Bo ' }] });
    expect(eventPatch(before, moreGuests)).toEqual({
      ...keep,
      attendees: [
        { email: 'ada@example.com', name: null },
        { email: 'bo@example.com', name: 'Bo' },
      ],
    });
  });

  it('keeps an all-day event all-day and its attendees when only the title changes', () => {
    const allDayDetail = { ...detail, allDay: true, start: '2026-03-10', end: '2026-03-11' };
    const before = toEventInput(eventFormValues(allDayDetail));
    const patch = eventPatch(before, { ...before, title: 'Filing' });
    expect(patch).toEqual({ title: 'Filing', allDay: true, start: '2026-03-10', end: '2026-03-11', attendees: [{ email: 'ada@example.com', name: null }] });
    // What the server does with it: the patch schema's parse must not reset anything we sent.
    expect(ZEventUpdateInput.parse({ id: detail.id, patch }).patch).toEqual(patch);
  });

  it('validates with the shared schema, keyed by the contract’s field paths', () => {
    expect(validateEventValues(values())).toEqual({});
    expect(validateEventValues(values({ endTime: '13:00' }))).toEqual({ end: 'The end must be after the start' });
    expect(validateEventValues(values({ endTime: '14:00' }))).toEqual({ end: 'The end must be after the start' });
    expect(validateEventValues(values({ allDay: true, endDate: '2026-03-09' }))).toEqual({ end: 'The end date cannot be before the start date' });
    expect(validateEventValues(values({ title: '  ' }))).toEqual({ title: 'Enter a title' });
    expect(validateEventValues(values({ startDate: '' })).start).toBe('Use the form YYYY-MM-DDTHH:mm');
    expect(validateEventValues(values({ timezone: 'Mars/Base' })).timezone).toMatch(/^Unknown time zone "Mars\/Base"/);
    expect(validateEventValues(values({ reminder: 'custom', reminderCustom: '' })).reminderMinutes).toBe('Enter the reminder in minutes');
    expect(validateEventValues(values({ reminder: 'custom', reminderCustom: 50_000 })).reminderMinutes).toMatch(/at most 40320 minutes/);
    const twice = values({ attendees: [{ email: 'ada@example.com', name: '' }, { email: 'ADA@example.com', name: 'Ada' }] });
    expect(validateEventValues(twice)).toEqual({ 'attendees.1.email': 'ada@example.com is listed twice' });
    expect(validateEventValues(values({ attendees: [{ email: 'not-an-email', name: '' }] }))).toEqual({
      'attendees.0.email': 'Enter a valid e-mail address, e.g. ada@example.com',
    });
  });
});

describe('parseDateText', () => {
  it('reads ISO dates and the displayed format in both languages', () => {
    expect(parseDateText('2026-03-10', 'en')).toBe('2026-03-10');
    expect(parseDateText('2026-02-30', 'en')).toBeNull();
    expect(parseDateText('10 Mar 2026', 'en')).toBe('2026-03-10');
    expect(parseDateText('10 Mart 2026', 'tr')).toBe('2026-03-10');
    expect(parseDateText('10.3.2026', 'tr')).toBe('2026-03-10');
    expect(parseDateText('soon', 'en')).toBeNull();
  });
});
