// One VEVENT, rendered by ical-generator and folded once, then cached in memory and in
// ics_event_chunks: a feed is mostly the same events poll after poll, and rendering is what
// costs. The key holds everything the text is made of (see icsChunkKey), so an entry is never
// stale as long as every change to an event, its attendees included, bumps its updatedAt.
import ical, {
  ICalAttendeeStatus,
  ICalEvent,
  ICalEventBusyStatus,
  ICalEventClass,
  ICalEventTransparency,
  type ICalEventData,
} from 'ical-generator';
import type { Prisma } from '../db.ts';
import type { TIcsFeedMode } from '../../shared/ics.ts';
import { foldIcsLines } from './fold-ics-lines.ts';
import { LRUCache } from 'lru-cache';

/**
 * What a VEVENT is rendered from. The feed reads it with SQL (load-feed-events.ts, for speed);
 * this Prisma select defines the shape and lets tests read the same rows the ordinary way.
 */
export const feedEventSelect = {
  id: true,
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
  createdAt: true,
  updatedAt: true,
  owner: { select: { name: true, email: true } },
  attendees: { select: { email: true, name: true, rsvp: true }, orderBy: { email: 'asc' } },
} satisfies Prisma.CalendarEventSelect;

export type FeedEventRow = Prisma.CalendarEventGetPayload<{ select: typeof feedEventSelect }>;
type Rsvp = FeedEventRow['attendees'][number]['rsvp'];

const PARTSTAT: Record<Rsvp, ICalAttendeeStatus> = {
  NEEDS_ACTION: ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  DECLINED: ICalAttendeeStatus.DECLINED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
};

const DAY_MS = 86_400_000;
// Lone surrogates and control characters (other than tab and newline) make parsers reject a feed.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

// Cheap first test: most text has neither, and the look-around patterns above are slow on long descriptions.
const SUSPECT = /[\uD800-\uDFFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** TEXT values: ical-generator escapes `\ ; ,` and newlines; we only drop what no escape can carry. */
export function icsText(value: string): string {
  if (!SUSPECT.test(value)) return value;
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '');
}

/** Quoted parameter values (CN) cannot hold quotes, backslash escapes or line breaks at all. */
function icsParam(value: string): string {
  return icsText(value).replace(/["\\]/g, '').replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The calendar date of an instant in a zone, as a UTC-midnight Date (what @db.Date columns hold). */
function dateIn(instant: Date, timeZone: string): Date {
  try {
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(instant)
      .split('-')
      .map(Number);
    return new Date(Date.UTC(y!, m! - 1, d!));
  } catch {
    return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  }
}

/**
 * All-day events are dates, never instants pushed through UTC: allDayStart/allDayEnd come back
 * from PostgreSQL as UTC midnights and ical-generator prints UTC fields when no zone is set.
 * The fallback only covers rows written without the date columns.
 */
function eventTimes(row: FeedEventRow): Pick<ICalEventData, 'start' | 'end' | 'allDay'> {
  if (!row.allDay) return { start: row.startsAt, end: row.endsAt, allDay: false };
  const start = row.allDayStart ?? dateIn(row.startsAt, row.timezone);
  const end = row.allDayEnd ?? new Date(start.getTime() + DAY_MS);
  return { start, end: end > start ? end : new Date(start.getTime() + DAY_MS), allDay: true };
}

/** What ical-generator gets for one event; exported so a test can render the same data uncached. */
export function icsEventData(row: FeedEventRow, mode: TIcsFeedMode, host: string): ICalEventData {
  const common: ICalEventData = {
    id: `${row.id}@${host}`,
    sequence: row.sequence,
    // DTSTAMP of a published (METHOD-less) calendar is when its data last changed; "now" would
    // change the text on every poll and defeat both the cache and the ETag.
    stamp: row.updatedAt,
    created: row.createdAt,
    lastModified: row.updatedAt,
    ...eventTimes(row),
  };
  if (mode === 'BUSY') {
    // Privileged matters: the time is blocked, nothing else leaves (no title, place, people).
    return {
      ...common,
      summary: 'Busy',
      transparency: ICalEventTransparency.OPAQUE,
      class: ICalEventClass.PRIVATE,
      busystatus: ICalEventBusyStatus.BUSY,
    };
  }
  return {
    ...common,
    summary: icsText(row.title),
    description: row.description ? icsText(row.description) : null,
    location: row.location ? icsText(row.location) : null,
    organizer: { name: icsParam(row.owner.name) || row.owner.email, email: row.owner.email },
    attendees: row.attendees.map((a) => ({
      email: a.email,
      name: a.name ? icsParam(a.name) || null : null,
      status: PARTSTAT[a.rsvp],
    })),
  };
}

// Events only read their calendar's zone (none: everything in UTC with Z, CAL-I3).
const utcCalendar = ical();

/**
 * UTF-8 bytes, not a string: a feed is then one Buffer.concat (a memcpy) instead of a join of
 * thousands of strings plus a UTF-16 to UTF-8 pass, and the cache holds half the memory.
 */
export function renderIcsEvent(row: FeedEventRow, mode: TIcsFeedMode, host: string): Buffer {
  return Buffer.from(renderIcsEventText(row, mode, host), 'utf8');
}

/**
 * The same VEVENT as a string, CRLF after every line. Folded by foldIcsLines, not by
 * ical-generator's calendar.toString(), whose per-character TextEncoder folding cost ~650 µs for
 * a one-event calendar (a reminder's attachment; bench/README.md, reminders).
 */
export function renderIcsEventText(row: FeedEventRow, mode: TIcsFeedMode, host: string): string {
  return foldIcsLines(new ICalEvent(icsEventData(row, mode, host), utcCalendar).toString());
}

/** Bump when the rendered text changes for the same data (new properties, other escaping). */
export const ICS_FEED_FORMAT_VERSION = 1;

/** What an event's VEVENT text is made of, beyond its id and the feed mode. */
export type ChunkSource = {
  sequence: number;
  updatedAt: Date;
  /** A digest of the owner's name and e-mail (the ORGANIZER), which live on User, not on the event. */
  organizer: string;
};

/**
 * Everything that changes the text of an event in one mode: the format, the UID host, the
 * event's sequence and updatedAt, and (FULL only) the organizer. Stored with persisted chunks.
 */
export function icsChunkKey(source: ChunkSource, mode: TIcsFeedMode, host: string): string {
  const base = `${ICS_FEED_FORMAT_VERSION}|${host}|${source.sequence}|${source.updatedAt.getTime()}`;
  return mode === 'FULL' ? `${base}|${source.organizer}` : base;
}

export const ICS_EVENT_CACHE_CAPACITY = 50_000;
/** Per process, shared by all feeds: an event attended by five people is rendered once per mode. */
export const icsEventCache = new LRUCache<string, Buffer>({ max: ICS_EVENT_CACHE_CAPACITY });

export function icsEventCacheKey(id: string, mode: TIcsFeedMode, chunkKey: string): string {
  return `${mode}|${id}|${chunkKey}`;
}
