// Building and validating Calendar v3 Event resources the way Google does on insert,
// update (PUT) and patch: server-managed fields win over what a client sends, every
// other field is kept, times are checked, etag/updated/sequence move forward.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { CalendarApiError } from './google-errors.ts';
import { isPlainObject } from './http-utils.ts';
import type { GoogleEvent, GoogleEventAttendee, GoogleEventDateTime, StandinAccount } from './types.ts';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
const EVENT_ID = /^[a-v0-9]{5,1024}$/;
const SERVER_FIELDS = ['kind', 'etag', 'created', 'updated', 'htmlLink', 'iCalUID', 'creator', 'organizer', 'id'];

export function newEventId(): string {
  const bytes = randomBytes(26);
  let id = '';
  for (const b of bytes) id += BASE32HEX[b % 32];
  return id;
}

export function isValidEventId(id: string): boolean {
  return EVENT_ID.test(id);
}

let lastEtagMicros = 0;
/** Google's etags are quoted microsecond-ish counters ("\"3181161784712000\""); they only go up. */
export function nextEtag(): string {
  lastEtagMicros = Math.max(lastEtagMicros + 1000, Date.now() * 1000);
  return `"${lastEtagMicros}"`;
}

export function htmlLinkFor(baseUrl: string, account: StandinAccount, eventId: string): string {
  const eid = Buffer.from(`${eventId} ${account.email}`).toString('base64url');
  return `${baseUrl}_standin/?eid=${eid}`;
}

export function eventTimeMillis(value: GoogleEventDateTime | undefined, zone: string): number | undefined {
  if (!value) return undefined;
  if (value.dateTime) {
    const parsed = DateTime.fromISO(value.dateTime, { zone: value.timeZone ?? zone, setZone: true });
    return parsed.isValid ? parsed.toMillis() : undefined;
  }
  if (value.date) {
    const parsed = DateTime.fromISO(value.date, { zone });
    return parsed.isValid ? parsed.toMillis() : undefined;
  }
  return undefined;
}

function checkTime(value: unknown, which: 'start' | 'end'): GoogleEventDateTime {
  if (!isPlainObject(value) || (value.dateTime === undefined && value.date === undefined)) {
    throw new CalendarApiError(400, 'required', `Missing ${which} time.`);
  }
  if (value.dateTime !== undefined) {
    if (typeof value.dateTime !== 'string' || !DateTime.fromISO(value.dateTime, { setZone: true }).isValid) {
      throw new CalendarApiError(400, 'invalid', `Invalid ${which} time.`);
    }
    const hasOffset = /(Z|[+-]\d\d:?\d\d)$/i.test(value.dateTime);
    if (!hasOffset && typeof value.timeZone !== 'string') {
      throw new CalendarApiError(400, 'required', `Missing time zone definition for ${which} time.`);
    }
  } else if (typeof value.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.date) || !DateTime.fromISO(value.date).isValid) {
    throw new CalendarApiError(400, 'invalid', `Invalid ${which} time.`);
  }
  if (value.timeZone !== undefined && (typeof value.timeZone !== 'string' || !DateTime.local().setZone(value.timeZone).isValid)) {
    throw new CalendarApiError(400, 'invalid', `Invalid time zone definition for ${which} time.`);
  }
  return value as GoogleEventDateTime;
}

function checkTimes(start: unknown, end: unknown, zone: string) {
  const s = checkTime(start, 'start');
  const e = checkTime(end, 'end');
  if ((s.date === undefined) !== (e.date === undefined)) {
    throw new CalendarApiError(400, 'invalid', 'Start and end times must either both be date or both be dateTime.');
  }
  const startMs = eventTimeMillis(s, zone)!;
  const endMs = eventTimeMillis(e, zone)!;
  if (endMs < startMs || (s.date !== undefined && endMs === startMs)) {
    throw new CalendarApiError(400, 'timeRangeEmpty', 'The specified time range is empty.', { location: 'end.dateTime', locationType: 'parameter' });
  }
}

function normalizeAttendees(value: unknown, account: StandinAccount): GoogleEventAttendee[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new CalendarApiError(400, 'invalid', 'Invalid attendees.');
  return value.map((raw) => {
    if (!isPlainObject(raw) || typeof raw.email !== 'string' || raw.email.length === 0) {
      throw new CalendarApiError(400, 'required', 'Missing attendee email.');
    }
    const isOwner = raw.email.toLowerCase() === account.email.toLowerCase();
    const attendee: GoogleEventAttendee = { ...raw, email: raw.email, responseStatus: (raw.responseStatus as GoogleEventAttendee['responseStatus']) ?? 'needsAction' };
    if (isOwner) {
      attendee.self = true;
      attendee.organizer = true;
    } else {
      delete attendee.self;
      delete attendee.organizer;
    }
    return attendee;
  });
}

const STATUSES = new Set(['confirmed', 'tentative', 'cancelled']);

function clientFields(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!SERVER_FIELDS.includes(key) && value !== undefined) out[key] = value;
  }
  return out;
}

// A time is one value: merging {date} into {dateTime, timeZone} would make an event that is neither.
const REPLACED_WHOLE = new Set(['start', 'end']);

/** Patch semantics: given fields replace, nested objects merge, arrays replace, null clears. */
export function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isPlainObject(value) && isPlainObject(out[key]) && !(depth === 0 && REPLACED_WHOLE.has(key))) {
      out[key] = mergePatch(out[key] as Record<string, unknown>, value, depth + 1);
    } else if (value !== undefined) out[key] = value;
  }
  return out;
}

type BuildOptions = { account: StandinAccount; baseUrl: string; now: string };

function finish(fields: Record<string, unknown>, base: Omit<GoogleEvent, 'status' | 'sequence'> & { sequence: number }, account: StandinAccount): GoogleEvent {
  const status = fields.status ?? 'confirmed';
  if (typeof status !== 'string' || !STATUSES.has(status)) throw new CalendarApiError(400, 'invalid', 'Invalid value for: status');
  checkTimes(fields.start, fields.end, account.timeZone);
  const attendees = normalizeAttendees(fields.attendees, account);
  const { kind, etag, id, htmlLink, created, updated, creator, organizer, iCalUID, sequence } = base;
  const { status: _s, sequence: _q, ...rest } = fields;
  // Google's field order, so a stored event reads like one fetched from Google.
  const event = {
    kind, etag, id, status, htmlLink, created, updated,
    ...rest,
    creator, organizer, iCalUID, sequence,
    reminders: fields.reminders ?? { useDefault: true },
    eventType: fields.eventType ?? 'default',
  } as GoogleEvent;
  if (attendees) event.attendees = attendees;
  else delete event.attendees;
  return event;
}

export function buildInsertedEvent(body: Record<string, unknown>, id: string, o: BuildOptions): GoogleEvent {
  const me = { email: o.account.email, displayName: o.account.name, self: true };
  const fields = clientFields(body);
  return finish(fields, {
    kind: 'calendar#event',
    id,
    etag: nextEtag(),
    htmlLink: htmlLinkFor(o.baseUrl, o.account, id),
    created: o.now,
    updated: o.now,
    iCalUID: `${id}@google.com`,
    creator: me,
    organizer: me,
    sequence: typeof fields.sequence === 'number' && fields.sequence >= 0 ? Math.floor(fields.sequence) : 0,
  }, o.account);
}

function timesChanged(prev: GoogleEvent, next: Record<string, unknown>, zone: string): boolean {
  const key = (t: GoogleEventDateTime | undefined) => `${t?.date ? 'date' : 'dateTime'}:${eventTimeMillis(t, zone)}:${t?.timeZone ?? ''}`;
  return key(prev.start) !== key(next.start as GoogleEventDateTime) || key(prev.end) !== key(next.end as GoogleEventDateTime);
}

/** `replace`: PUT (the body is the whole new event); otherwise a patch merged onto the stored one. */
export function buildChangedEvent(prev: GoogleEvent, body: Record<string, unknown>, mode: 'replace' | 'patch', o: BuildOptions): GoogleEvent {
  const { kind: _k, etag: _e, created: _c, updated: _u, htmlLink: _h, iCalUID: _i, creator: _cr, organizer: _o, id: _id, ...stored } = prev;
  const patch = clientFields(body);
  delete patch.sequence;
  const fields = mode === 'replace' ? { ...patch } : mergePatch(stored, patch);
  if (mode === 'replace' && fields.status === undefined) fields.status = prev.status;
  return finish(fields, {
    kind: 'calendar#event',
    id: prev.id,
    etag: nextEtag(),
    htmlLink: prev.htmlLink,
    created: prev.created,
    updated: o.now,
    iCalUID: prev.iCalUID,
    creator: prev.creator,
    organizer: prev.organizer,
    sequence: prev.sequence + (timesChanged(prev, fields, o.account.timeZone) ? 1 : 0),
  }, o.account);
}

export function cancelledEvent(prev: GoogleEvent, now: string): GoogleEvent {
  return { ...prev, status: 'cancelled', etag: nextEtag(), updated: now };
}

/** In list responses Google only guarantees the id of a deleted event; it sends little more. */
export function listView(event: GoogleEvent): Record<string, unknown> {
  if (event.status !== 'cancelled') return event;
  return { kind: event.kind, etag: event.etag, id: event.id, status: event.status };
}
