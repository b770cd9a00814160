// Local event <-> Google Calendar v3 Event resource. Timed events carry their IANA zone both
// ways; all-day events travel as dates (Google's end date is exclusive, as ours is).
import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import type { Prisma } from '../db.ts';
import { EVENT_DESCRIPTION_MAX, EVENT_LOCATION_MAX, EVENT_MAX_ATTENDEES, EVENT_TITLE_MAX } from '../../shared/calendar-events.ts';

export const pushEventSelect = {
  id: true,
  ownerId: true,
  title: true,
  description: true,
  location: true,
  startsAt: true,
  endsAt: true,
  timezone: true,
  allDay: true,
  allDayStart: true,
  allDayEnd: true,
  sequence: true,
  deletedAt: true,
  updatedAt: true,
  attendees: { select: { email: true, name: true, rsvp: true }, orderBy: { email: 'asc' } },
} satisfies Prisma.CalendarEventSelect;

export type PushEventRow = Prisma.CalendarEventGetPayload<{ select: typeof pushEventSelect }>;

/** Google accepts client ids in base32hex (0-9, a-v): a UUID's hex digits are exactly that. */
export function googleIdFor(eventId: string): string {
  return eventId.replace(/-/g, '').toLowerCase();
}

const RSVP_TO_GOOGLE = { NEEDS_ACTION: 'needsAction', ACCEPTED: 'accepted', DECLINED: 'declined', TENTATIVE: 'tentative' } as const;
type Rsvp = keyof typeof RSVP_TO_GOOGLE;
const RSVP_FROM_GOOGLE: Record<string, Rsvp> = { needsAction: 'NEEDS_ACTION', accepted: 'ACCEPTED', declined: 'DECLINED', tentative: 'TENTATIVE' };

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function toGoogleEvent(row: PushEventRow): calendar_v3.Schema$Event {
  return {
    summary: row.title,
    description: row.description ?? '',
    location: row.location ?? '',
    status: 'confirmed',
    start: row.allDay && row.allDayStart ? { date: isoDate(row.allDayStart) } : { dateTime: row.startsAt.toISOString(), timeZone: row.timezone },
    end: row.allDay && row.allDayEnd ? { date: isoDate(row.allDayEnd) } : { dateTime: row.endsAt.toISOString(), timeZone: row.timezone },
    attendees: row.attendees.map((a) => ({ email: a.email, displayName: a.name ?? undefined, responseStatus: RSVP_TO_GOOGLE[a.rsvp] })),
    // Lets a full resync (after a 410) recognise our own events even when the link was lost.
    extendedProperties: { private: { opsdeckEventId: row.id } },
  };
}

export type ImportedFields = {
  title: string;
  description: string | null;
  location: string | null;
  timezone: string;
  allDay: boolean;
  startsAt: Date;
  endsAt: Date;
  allDayStart: Date | null;
  allDayEnd: Date | null;
  attendees: { email: string; name: string | null; rsvp: Rsvp }[];
};

function validZone(zone: string | null | undefined): zone is string {
  return !!zone && DateTime.local().setZone(zone).isValid;
}

/** Null when Google sent something we cannot place on a calendar (no start, bad dates). */
export function fromGoogleEvent(item: calendar_v3.Schema$Event, fallbackZone: string): ImportedFields | null {
  const zone = validZone(item.start?.timeZone) ? item.start!.timeZone! : fallbackZone;
  let times: Pick<ImportedFields, 'allDay' | 'startsAt' | 'endsAt' | 'allDayStart' | 'allDayEnd'>;
  if (item.start?.date && item.end?.date) {
    const first = DateTime.fromISO(item.start.date, { zone });
    const afterLast = DateTime.fromISO(item.end.date, { zone });
    if (!first.isValid || !afterLast.isValid || afterLast <= first) return null;
    times = {
      allDay: true,
      startsAt: first.toJSDate(),
      endsAt: afterLast.toJSDate(),
      allDayStart: new Date(`${item.start.date}T00:00:00.000Z`),
      allDayEnd: new Date(`${item.end.date}T00:00:00.000Z`),
    };
  } else if (item.start?.dateTime && item.end?.dateTime) {
    const startsAt = new Date(item.start.dateTime);
    const endsAt = new Date(item.end.dateTime);
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()) || endsAt <= startsAt) return null;
    times = { allDay: false, startsAt, endsAt, allDayStart: null, allDayEnd: null };
  } else {
    return null;
  }
  const seen = new Set<string>();
  const attendees = (item.attendees ?? [])
    // The calendar's owner is listed as an attendee by Google; here the owner is the event's owner.
    .filter((a) => a.email && !a.self && !a.resource)
    .map((a) => ({ email: a.email!.trim().toLowerCase(), name: a.displayName?.trim() || null, rsvp: RSVP_FROM_GOOGLE[a.responseStatus ?? ''] ?? 'NEEDS_ACTION' }))
    .filter((a) => (seen.has(a.email) ? false : (seen.add(a.email), true)))
    .slice(0, EVENT_MAX_ATTENDEES);
  return {
    title: item.summary?.trim().slice(0, EVENT_TITLE_MAX) || '(no title)',
    description: item.description?.slice(0, EVENT_DESCRIPTION_MAX) || null,
    location: item.location?.trim().slice(0, EVENT_LOCATION_MAX) || null,
    timezone: zone,
    ...times,
    attendees,
  };
}
