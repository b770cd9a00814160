// Calendar events (CAL-I*, CAL-R3, CAL-O2): the one contract between the event form, the
// support list and the server. Times travel as wall-clock strings in the event's own zone
// ("2026-03-29T09:30" in Europe/Istanbul); the server turns them into UTC instants once,
// so a DST rule is applied in exactly one place and all-day dates never pass through UTC.
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { ZInputDate } from './input-date.ts';
import { ZEmail } from './auth.ts';

export const EVENT_TITLE_MAX = 200;
export const EVENT_DESCRIPTION_MAX = 10_000;
export const EVENT_LOCATION_MAX = 500;
export const EVENT_MAX_ATTENDEES = 200;
/** Four weeks: the longest reminder lead the runbook allows (CAL-R3). */
export const REMINDER_MINUTES_MAX = 40_320;
export const EVENTS_PAGE_MAX = 500;

export const RSVP_STATUSES = ['NEEDS_ACTION', 'ACCEPTED', 'DECLINED', 'TENTATIVE'] as const;
export const ZRsvpStatus = z.enum(RSVP_STATUSES);
export type TRsvpStatus = z.infer<typeof ZRsvpStatus>;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export const ZTimeZone = z
  .string()
  .trim()
  .min(1, { error: 'Choose a time zone' })
  .refine(isValidTimeZone, { error: (issue) => `Unknown time zone "${String(issue.input)}", use an IANA name such as Europe/Istanbul` });

export const ZReminderMinutes = z
  .number({ error: 'Enter the reminder in minutes' })
  .int({ error: 'Use whole minutes' })
  .min(0, { error: 'The reminder cannot be negative' })
  .max(REMINDER_MINUTES_MAX, { error: `The reminder can be at most ${REMINDER_MINUTES_MAX} minutes (4 weeks)` });

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "YYYY-MM-DDTHH:mm", a wall-clock time without zone or seconds. */
export const ZLocalDateTime = z
  .string()
  .regex(LOCAL_DATE_TIME, { error: 'Use the form YYYY-MM-DDTHH:mm' })
  .refine((s) => DateTime.fromISO(s, { zone: 'UTC' }).isValid, { error: 'Not a real date and time' });

/** "YYYY-MM-DD", a calendar date. */
export const ZLocalDate = z
  .string()
  .regex(LOCAL_DATE, { error: 'Use the form YYYY-MM-DD' })
  .refine((s) => DateTime.fromISO(s, { zone: 'UTC' }).isValid, { error: 'Not a real date' });

export const ZAttendeeInput = z.object({
  email: ZEmail,
  name: z.string().trim().max(200).nullish(),
});
export type TAttendeeInput = z.infer<typeof ZAttendeeInput>;

// Without defaults: a partial update must not invent values (allDay: false, attendees: [])
// for fields it does not mention.
const ZEventFieldsRaw = z.object({
  title: z
    .string()
    .trim()
    .min(1, { error: 'Enter a title' })
    .max(EVENT_TITLE_MAX, { error: `Use at most ${EVENT_TITLE_MAX} characters` }),
  description: z.string().max(EVENT_DESCRIPTION_MAX, { error: `Use at most ${EVENT_DESCRIPTION_MAX} characters` }).nullish(),
  location: z.string().trim().max(EVENT_LOCATION_MAX, { error: `Use at most ${EVENT_LOCATION_MAX} characters` }).nullish(),
  timezone: ZTimeZone,
  allDay: z.boolean(),
  /** Timed: "YYYY-MM-DDTHH:mm" in `timezone`. All-day: "YYYY-MM-DD", the first day. */
  start: z.string(),
  /** Timed: "YYYY-MM-DDTHH:mm" in `timezone`, after start. All-day: "YYYY-MM-DD", the last day (inclusive). */
  end: z.string(),
  reminderMinutes: ZReminderMinutes.nullish(),
  /** Support reads the description only with an admin's grant. */
  private: z.boolean(),
  attendees: z
    .array(ZAttendeeInput)
    .max(EVENT_MAX_ATTENDEES, { error: `An event can have at most ${EVENT_MAX_ATTENDEES} attendees` }),
});

const ZEventFieldsBase = ZEventFieldsRaw.extend({
  allDay: ZEventFieldsRaw.shape.allDay.default(false),
  private: ZEventFieldsRaw.shape.private.default(false),
  attendees: ZEventFieldsRaw.shape.attendees.default([]),
});

/**
 * Checks that need more than one field: start/end format by allDay, end after start,
 * no attendee twice. Issues carry the field's path so forms show them in place.
 */
function checkEventFields(v: z.infer<typeof ZEventFieldsBase>, ctx: z.RefinementCtx) {
  const format = v.allDay ? ZLocalDate : ZLocalDateTime;
  const start = format.safeParse(v.start);
  const end = format.safeParse(v.end);
  if (!start.success) ctx.addIssue({ code: 'custom', path: ['start'], message: start.error.issues[0]?.message ?? 'Invalid start' });
  if (!end.success) ctx.addIssue({ code: 'custom', path: ['end'], message: end.error.issues[0]?.message ?? 'Invalid end' });
  if (start.success && end.success) {
    // Same-format strings compare in time order; all-day end is inclusive, so equal is fine.
    if (v.allDay ? v.end < v.start : v.end <= v.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: v.allDay ? 'The end date cannot be before the start date' : 'The end must be after the start' });
    }
  }
  const seen = new Set<string>();
  v.attendees.forEach((a, i) => {
    if (seen.has(a.email)) ctx.addIssue({ code: 'custom', path: ['attendees', i, 'email'], message: `${a.email} is listed twice` });
    seen.add(a.email);
  });
}

export const ZEventFields = ZEventFieldsBase.superRefine(checkEventFields);
export type TEventFields = z.input<typeof ZEventFields>;

export const ZEventCreateInput = ZEventFields;
export type TEventCreateInput = z.input<typeof ZEventCreateInput>;

/**
 * A partial change. The server merges it into the stored event and validates the whole
 * again with ZEventFields, so "end before start" is caught whichever side moved.
 * `expectedSequence` (optional) turns a lost update into CONFLICT instead of a silent overwrite.
 */
export const ZEventUpdateInput = z.object({
  id: z.uuid({ error: 'Not an event id' }),
  expectedSequence: z.number().int().min(0).optional(),
  patch: ZEventFieldsRaw.partial(),
});
export type TEventUpdateInput = z.input<typeof ZEventUpdateInput>;

export const ZEventIdInput = z.object({ id: z.uuid({ error: 'Not an event id' }) });

export const ZEventRespondInput = z.object({
  id: z.uuid({ error: 'Not an event id' }),
  rsvp: ZRsvpStatus,
});

export const ZEventsListInput = z
  .object({
    /** Events that overlap [from, to). */
    from: ZInputDate.optional(),
    to: ZInputDate.optional(),
    /** Title, location, owner or attendee e-mail/name contains this (case-insensitive). */
    search: z.string().trim().max(200).optional(),
    /** Staff only: one user's events (owned or attending). */
    userId: z.uuid().optional(),
    /** Staff only: include cancelled (soft-deleted) events. */
    includeDeleted: z.boolean().default(false),
    /** Ascending by start for calendars; support lists want newest first. */
    order: z.enum(['asc', 'desc']).default('asc'),
    cursor: z.string().nullish(),
    limit: z.number().int().min(1).max(EVENTS_PAGE_MAX).default(100),
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { path: ['to'], error: '"to" must be after "from"' });
export type TEventsListInput = z.input<typeof ZEventsListInput>;

export const ZEventPerson = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const ZAttendee = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  userId: z.string().nullable(),
  rsvp: ZRsvpStatus,
});
export type TAttendee = z.infer<typeof ZAttendee>;

export const ZEventListItem = z.object({
  id: z.string(),
  title: z.string(),
  location: z.string().nullable(),
  timezone: z.string(),
  allDay: z.boolean(),
  /** UTC instants; for all-day events midnight of the first day and of the day after the last, in `timezone`. */
  startsAt: z.date(),
  endsAt: z.date(),
  /** Wall-clock values as entered (see ZEventFields.start/end). */
  start: z.string(),
  end: z.string(),
  reminderMinutes: z.number().nullable(),
  reminderSentAt: z.date().nullable(),
  private: z.boolean(),
  attendeeCount: z.number().int(),
  owner: ZEventPerson,
  sequence: z.number().int(),
  deletedAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type TEventListItem = z.infer<typeof ZEventListItem>;

export const ZEventsListOutput = z.object({
  items: z.array(ZEventListItem),
  nextCursor: z.string().nullable(),
});
export type TEventsListOutput = z.infer<typeof ZEventsListOutput>;

export const ZEventDetail = ZEventListItem.extend({
  /** Null when empty, or when withheld from this viewer (a private event, see descriptionWithheld). */
  description: z.string().nullable(),
  descriptionWithheld: z.boolean(),
  attendees: z.array(ZAttendee),
  createdAt: z.date(),
  /** Whether the viewer may update or delete it (owner or staff). */
  canEdit: z.boolean(),
  /** The viewer's own attendee row, if they attend: lets them answer the invitation. */
  myRsvp: ZRsvpStatus.nullable(),
});
export type TEventDetail = z.infer<typeof ZEventDetail>;
