// The event form edits wall-clock values (a date and a time, as typed) in the event's zone;
// the contract carries them the same way ("2026-03-29T09:30" + "Europe/Istanbul"). Instants
// appear only when showing a time in another zone or reading a calendar slot, and every such
// conversion names its zone explicitly: nothing here goes through the browser's zone.
import { DateTime } from 'luxon';
import { wallClockToInstant as sharedWallClockToInstant } from '../../../../shared/wall-clock.ts';
import {
  EVENT_MAX_ATTENDEES,
  ZEventFields,
  type TEventCreateInput,
  type TEventDetail,
  type TEventUpdateInput,
} from '../../../../shared/calendar-events.ts';

export const REMINDER_PRESETS = [5, 10, 15, 30, 60, 1440] as const;
export type ReminderChoice = 'none' | 'custom' | `${(typeof REMINDER_PRESETS)[number]}`;

export type AttendeeFormValue = { email: string; name: string };

export type EventFormValues = {
  title: string;
  allDay: boolean;
  /** YYYY-MM-DD */
  startDate: string;
  /** HH:mm (ignored for all-day events) */
  startTime: string;
  /** YYYY-MM-DD; for all-day events the last day, inclusive */
  endDate: string;
  endTime: string;
  /** IANA zone the date and time fields are in */
  timezone: string;
  location: string;
  description: string;
  /** The server withheld a private event's description from this viewer: it is left untouched. */
  descriptionWithheld: boolean;
  /** Support reads the description only with an admin's grant. */
  private: boolean;
  reminder: ReminderChoice;
  /** Minutes when reminder is 'custom' (NumberInput hands back '' when empty). */
  reminderCustom: number | string;
  attendees: AttendeeFormValue[];
};

export { EVENT_MAX_ATTENDEES };

const DATE = 'yyyy-MM-dd';
const TIME = 'HH:mm';
export const DEFAULT_SLOT_START = '09:00';

export type WallClock = { date: string; time: string };

/** The wall clock in `zone` at an instant. */
export function instantToWallClock(instant: Date, zone: string): WallClock {
  const dt = DateTime.fromJSDate(instant, { zone });
  return { date: dt.toFormat(DATE), time: dt.toFormat(TIME) };
}

/** The instant a wall-clock time in `zone` names, by the same rule the server stores it with. */
export function wallClockToInstant(date: string, time: string, zone: string): Date | null {
  return sharedWallClockToInstant(`${date}T${time}`, zone);
}

/** The same moment on another zone's clock: "14:00 in New York is 21:00 in Istanbul". */
export function convertWallClock(value: WallClock, fromZone: string, toZone: string): WallClock | null {
  const instant = wallClockToInstant(value.date, value.time, fromZone);
  return instant ? instantToWallClock(instant, toZone) : null;
}

export type WallClockIssue =
  | { kind: 'gap'; savedAs: string }
  | { kind: 'ambiguous'; offsets: [string, string] };

/**
 * Daylight-saving surprises for a wall-clock time: it does not exist (clocks jump over it;
 * the event will start at `savedAs`) or it happens twice (clocks fall back).
 */
export function wallClockIssue(value: WallClock, zone: string): WallClockIssue | null {
  const dt = DateTime.fromISO(`${value.date}T${value.time}`, { zone });
  if (!dt.isValid) return null;
  if (dt.toFormat(TIME) !== value.time || dt.toFormat(DATE) !== value.date) return { kind: 'gap', savedAs: dt.toFormat(TIME) };
  const possible = dt.getPossibleOffsets();
  if (possible.length > 1) {
    const [a, b] = possible;
    return { kind: 'ambiguous', offsets: [a!.toFormat('ZZ'), b!.toFormat('ZZ')] };
  }
  return null;
}

function minutesOf(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** Whole days from one date to another (both YYYY-MM-DD), calendar arithmetic only. */
function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toFormat(DATE);
}

/** Add minutes to a wall-clock value as a clock would (no zone: 23:30 + 60 = 00:30 next day). */
export function addWallMinutes(value: WallClock, minutes: number): WallClock {
  const dt = DateTime.fromISO(`${value.date}T${value.time}`, { zone: 'UTC' }).plus({ minutes });
  return { date: dt.toFormat(DATE), time: dt.toFormat(TIME) };
}

/** Wall-clock minutes from start to end (negative when the end is before the start). */
export function wallDurationMinutes(start: WallClock, end: WallClock): number {
  return daysBetween(start.date, end.date) * 1440 + minutesOf(end.time) - minutesOf(start.time);
}

/**
 * Moving the start carries the end along so the event keeps its length (as calendar apps
 * do); an end already before the start stays where the person put it, for them to fix.
 */
export function withStartMoved(values: EventFormValues, start: Partial<WallClock>): EventFormValues {
  const prevStart = { date: values.startDate, time: values.startTime };
  const nextStart = { date: start.date ?? values.startDate, time: start.time ?? values.startTime };
  const next = { ...values, startDate: nextStart.date, startTime: nextStart.time };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(nextStart.date) || !/^\d{2}:\d{2}$/.test(nextStart.time)) return next;
  if (values.allDay) {
    const span = daysBetween(values.startDate, values.endDate);
    return span >= 0 ? { ...next, endDate: addDays(nextStart.date, span) } : next;
  }
  const duration = wallDurationMinutes(prevStart, { date: values.endDate, time: values.endTime });
  if (!Number.isFinite(duration) || duration <= 0) return next;
  const end = addWallMinutes(nextStart, duration);
  return { ...next, endDate: end.date, endTime: end.time };
}

/** Switching to all-day keeps the dates (end at least the start); back to timed keeps the times. */
export function withAllDay(values: EventFormValues, allDay: boolean): EventFormValues {
  if (allDay === values.allDay) return values;
  if (allDay) return { ...values, allDay, endDate: values.endDate < values.startDate ? values.startDate : values.endDate };
  const end = { date: values.endDate, time: values.endTime };
  if (wallDurationMinutes({ date: values.startDate, time: values.startTime }, end) <= 0) {
    const fixed = addWallMinutes({ date: values.startDate, time: values.startTime }, 60);
    return { ...values, allDay, endDate: fixed.date, endTime: fixed.time };
  }
  return { ...values, allDay };
}

export function reminderChoice(minutes: number | null | undefined): Pick<EventFormValues, 'reminder' | 'reminderCustom'> {
  if (minutes === null || minutes === undefined) return { reminder: 'none', reminderCustom: '' };
  const preset = REMINDER_PRESETS.find((m) => m === minutes);
  return preset === undefined ? { reminder: 'custom', reminderCustom: minutes } : { reminder: `${preset}`, reminderCustom: '' };
}

/** null: no reminder; NaN: a custom value that is not a number (the schema rejects it). */
export function reminderMinutesOf(values: Pick<EventFormValues, 'reminder' | 'reminderCustom'>): number | null {
  if (values.reminder === 'none') return null;
  if (values.reminder === 'custom') {
    const raw = values.reminderCustom;
    return typeof raw === 'number' ? raw : raw.trim() === '' ? Number.NaN : Number(raw);
  }
  return Number(values.reminder);
}

type Blank = Omit<EventFormValues, 'startDate' | 'startTime' | 'endDate' | 'endTime' | 'allDay'>;

function blank(zone: string, defaultReminderMinutes: number | null): Blank {
  return {
    title: '',
    timezone: zone,
    location: '',
    description: '',
    descriptionWithheld: false,
    private: false,
    ...reminderChoice(defaultReminderMinutes),
    attendees: [],
  };
}

/** "New event": the next whole hour in the viewer's zone, for an hour. */
export function newEventValues(opts: { now: Date; zone: string; defaultReminderMinutes: number | null }): EventFormValues {
  const start = DateTime.fromJSDate(opts.now, { zone: opts.zone }).startOf('hour').plus({ hours: 1 });
  const end = start.plus({ hours: 1 });
  return {
    ...blank(opts.zone, opts.defaultReminderMinutes),
    allDay: false,
    startDate: start.toFormat(DATE),
    startTime: start.toFormat(TIME),
    endDate: end.toFormat(DATE),
    endTime: end.toFormat(TIME),
  };
}

/**
 * A selection on the calendar (instants laid out in the viewer's zone) as form values. Whole
 * days (the month grid, the all-day row) start an all-day event, except a single day clicked
 * in the month, which starts a timed one at 09:00 that day; time slots keep their times.
 * Days come from `slots` (the library computes the selection's end in the browser's zone).
 */
export function slotEventValues(opts: {
  start: Date;
  end: Date;
  slots: readonly Date[];
  zone: string;
  monthView: boolean;
  defaultReminderMinutes: number | null;
}): EventFormValues {
  const inZone = (d: Date) => DateTime.fromJSDate(d, { zone: opts.zone });
  const base = blank(opts.zone, opts.defaultReminderMinutes);
  const slots = opts.slots.length ? opts.slots.map(inZone) : [inZone(opts.start)];
  const wholeDays = opts.monthView || slots.every((d) => d.equals(d.startOf('day')));
  if (wholeDays) {
    const first = slots[0]!.toFormat(DATE);
    const last = slots[slots.length - 1]!.toFormat(DATE);
    if (opts.monthView && first === last) {
      const after = addWallMinutes({ date: first, time: DEFAULT_SLOT_START }, 60);
      return { ...base, allDay: false, startDate: first, startTime: DEFAULT_SLOT_START, endDate: after.date, endTime: after.time };
    }
    return { ...base, allDay: true, startDate: first, startTime: DEFAULT_SLOT_START, endDate: last, endTime: '10:00' };
  }
  const start = inZone(opts.start);
  const end = inZone(opts.end);
  return {
    ...base,
    allDay: false,
    startDate: start.toFormat(DATE),
    startTime: start.toFormat(TIME),
    endDate: end.toFormat(DATE),
    endTime: end.toFormat(TIME),
  };
}

/** A stored event in the form: its own zone and its own wall-clock values, as entered. */
export function eventFormValues(event: TEventDetail): EventFormValues {
  const [startDate = '', startTime = DEFAULT_SLOT_START] = event.start.split('T');
  const [endDate = '', endTime = '10:00'] = event.end.split('T');
  return {
    title: event.title,
    allDay: event.allDay,
    startDate,
    startTime,
    endDate,
    endTime,
    timezone: event.timezone,
    location: event.location ?? '',
    description: event.description ?? '',
    descriptionWithheld: event.descriptionWithheld,
    private: event.private,
    ...reminderChoice(event.reminderMinutes),
    attendees: event.attendees.map((a) => ({ email: a.email, name: a.name ?? '' })),
  };
}

/** What the server takes (shared/calendar-events.ts ZEventCreateInput). */
export function toEventInput(values: EventFormValues): TEventCreateInput {
  const reminderMinutes = reminderMinutesOf(values);
  return {
    title: values.title.trim(),
    allDay: values.allDay,
    start: values.allDay ? values.startDate : `${values.startDate}T${values.startTime}`,
    end: values.allDay ? values.endDate : `${values.endDate}T${values.endTime}`,
    timezone: values.timezone,
    location: values.location.trim() || null,
    // Left out when withheld, so saving other fields never blanks a description nobody here saw.
    ...(values.descriptionWithheld ? {} : { description: values.description.trim() ? values.description : null }),
    private: values.private,
    reminderMinutes,
    attendees: values.attendees.map((a) => ({ email: a.email.trim().toLowerCase(), name: a.name.trim() || null })),
  };
}

/**
 * Form error keys for the contract's field paths: `end`, `reminderMinutes`,
 * `attendees.3.email`. The form shows each under its own input.
 */
export function errorKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || 'form';
}

/** The shared schema's verdict on the form, first message per field. */
export function validateEventValues(values: EventFormValues): Record<string, string> {
  const result = ZEventFields.safeParse(toEventInput(values));
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = errorKey(issue.path);
    errors[key] ??= issue.message;
  }
  return errors;
}

type Patch = TEventUpdateInput['patch'];

/**
 * What changed, so an edit does not overwrite fields someone else changed meanwhile
 * (expectedSequence catches the rest); an empty patch means nothing to save.
 * `allDay`, `start`, `end` and `attendees` always travel with a non-empty patch: the patch
 * schema (ZEventFieldsBase.partial()) still applies their defaults (false, []) to missing
 * keys, so leaving them out would turn an all-day event timed and drop every attendee.
 */
export function eventPatch(before: TEventCreateInput, after: TEventCreateInput): Patch {
  const changed: Patch = {};
  const keys = ['title', 'allDay', 'start', 'end', 'timezone', 'location', 'description', 'reminderMinutes', 'private'] as const;
  for (const key of keys) {
    if ((before[key] ?? null) !== (after[key] ?? null)) Object.assign(changed, { [key]: after[key] ?? null });
  }
  const attendeeKey = (list: TEventCreateInput['attendees']) => JSON.stringify((list ?? []).map((a) => [a.email, a.name ?? null]));
  const attendeesChanged = attendeeKey(before.attendees) !== attendeeKey(after.attendees);
  if (Object.keys(changed).length === 0 && !attendeesChanged) return {};
  return { ...changed, allDay: after.allDay ?? false, start: after.start, end: after.end, attendees: after.attendees ?? [] };
}

/** YYYY-MM-DD from what someone typed in a date box: ISO, or the box's own display format. */
export function parseDateText(text: string, locale: string): string | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const dt = DateTime.fromISO(trimmed, { zone: 'UTC' });
    return dt.isValid ? trimmed : null;
  }
  for (const format of ['d MMM yyyy', 'd MMMM yyyy', 'd.M.yyyy', 'd/M/yyyy', 'MMM d, yyyy', 'MMMM d, yyyy']) {
    const dt = DateTime.fromFormat(trimmed, format, { locale, zone: 'UTC' });
    if (dt.isValid) return dt.toFormat(DATE);
  }
  return null;
}
