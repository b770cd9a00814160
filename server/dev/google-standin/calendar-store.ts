// In-memory Google accounts, each with one primary calendar. Every change gets a number
// from one counter; a sync token remembers the counter value it was issued at, so an
// incremental list is "every event changed after that number", cancelled ones included.
import { createHash, randomBytes } from 'node:crypto';
import {
  buildChangedEvent,
  buildInsertedEvent,
  cancelledEvent,
  eventTimeMillis,
  isValidEventId,
  listView,
  newEventId,
} from './event-resource.ts';
import { CalendarApiError } from './google-errors.ts';
import type { GoogleEvent, StandinAccount } from './types.ts';

type AccountState = {
  account: StandinAccount;
  events: Map<string, GoogleEvent>;
  changedAt: Map<string, number>;
  updated: string;
};

type PageState = { email: string; queryKey: string; ids: string[]; offset: number; syncSeq: number; createdAt: number };

export type ListQuery = Record<string, string>;

const MAX_RESULTS_CAP = 2500;
const PAGE_TOKEN_LIFE_MS = 60 * 60 * 1000;
const SYNC_ONLY_FORBIDDEN = ['timeMin', 'timeMax', 'updatedMin', 'orderBy', 'q', 'iCalUID', 'privateExtendedProperty', 'sharedExtendedProperty'];
// Parameters that do not change which items a query returns, so a page token survives them changing.
const NOT_PART_OF_QUERY = new Set(['pageToken', 'maxResults', 'alt', 'prettyPrint', 'fields', 'key', 'quotaUser']);

/** Google's `sub`: a stable 21-digit number per account. */
function subFor(email: string): string {
  const digest = createHash('sha256').update(email.toLowerCase()).digest();
  let n = BigInt('0x' + digest.subarray(0, 12).toString('hex'));
  let out = '';
  for (let i = 0; i < 20; i++) {
    out += String(n % 10n);
    n /= 10n;
  }
  return '1' + out;
}

const opaqueToken = (bytes: number) => randomBytes(bytes).toString('base64');

export type CalendarStore = ReturnType<typeof createCalendarStore>;

export function createCalendarStore(opts: { baseUrl: () => string; defaultPageSize: number; onChange: (email: string) => void }) {
  const accounts = new Map<string, AccountState>();
  const syncTokens = new Map<string, { email: string; seq: number }>();
  const pageTokens = new Map<string, PageState>();
  let seq = 0;

  const key = (email: string) => email.trim().toLowerCase();

  function addAccount(a: { email: string; name?: string; timeZone?: string }): StandinAccount {
    const existing = accounts.get(key(a.email));
    if (existing) return existing.account;
    const email = a.email.trim();
    const account: StandinAccount = {
      email,
      name: a.name ?? email.split('@')[0]!,
      sub: subFor(email),
      timeZone: a.timeZone ?? 'UTC',
      resourceId: randomBytes(20).toString('base64url').slice(0, 27),
    };
    accounts.set(key(email), { account, events: new Map(), changedAt: new Map(), updated: new Date().toISOString() });
    return account;
  }

  function state(email: string): AccountState {
    const s = accounts.get(key(email));
    if (!s) throw new CalendarApiError(404, 'notFound', 'Not Found');
    return s;
  }

  function record(s: AccountState, event: GoogleEvent): GoogleEvent {
    s.events.set(event.id, event);
    s.changedAt.set(event.id, ++seq);
    s.updated = event.updated;
    opts.onChange(s.account.email);
    return event;
  }

  const buildOptions = (s: AccountState) => ({ account: s.account, baseUrl: opts.baseUrl(), now: new Date().toISOString() });

  function checkEtag(event: GoogleEvent, ifMatch: string | undefined) {
    if (ifMatch === undefined || ifMatch === '*') return;
    const wanted = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (!wanted.includes(event.etag)) {
      throw new CalendarApiError(412, 'conditionNotMet', 'Precondition Failed', { location: 'If-Match', locationType: 'header' });
    }
  }

  function existing(s: AccountState, eventId: string): GoogleEvent {
    const event = s.events.get(eventId);
    if (!event) throw new CalendarApiError(404, 'notFound', 'Not Found');
    return event;
  }

  function insertEvent(email: string, body: Record<string, unknown>): GoogleEvent {
    const s = state(email);
    let id: string;
    if (body.id !== undefined) {
      if (typeof body.id !== 'string' || !isValidEventId(body.id)) {
        throw new CalendarApiError(400, 'invalid', 'Invalid resource id value.', { location: 'id', locationType: 'parameter' });
      }
      // Google keeps deleted events' ids: re-inserting one is a duplicate too.
      if (s.events.has(body.id)) throw new CalendarApiError(409, 'duplicate', 'The requested identifier already exists.');
      id = body.id;
    } else {
      do id = newEventId();
      while (s.events.has(id));
    }
    return record(s, buildInsertedEvent(body, id, buildOptions(s)));
  }

  function changeEvent(email: string, eventId: string, body: Record<string, unknown>, mode: 'replace' | 'patch', ifMatch?: string) {
    const s = state(email);
    const prev = existing(s, eventId);
    checkEtag(prev, ifMatch);
    return record(s, buildChangedEvent(prev, body, mode, buildOptions(s)));
  }

  function deleteEvent(email: string, eventId: string, ifMatch?: string) {
    const s = state(email);
    const prev = existing(s, eventId);
    if (prev.status === 'cancelled') throw new CalendarApiError(410, 'deleted', 'Resource has been deleted');
    checkEtag(prev, ifMatch);
    record(s, cancelledEvent(prev, new Date().toISOString()));
  }

  /** A Google-side edit: creates the event when the id is new, patches it otherwise. */
  function upsertEvent(email: string, body: Record<string, unknown>): GoogleEvent {
    const s = state(email);
    if (typeof body.id === 'string' && s.events.has(body.id)) return changeEvent(email, body.id, body, 'patch');
    return insertEvent(email, body);
  }

  function getEvent(email: string, eventId: string): GoogleEvent | undefined {
    return accounts.get(key(email))?.events.get(eventId);
  }

  function events(email: string, o: { includeCancelled?: boolean } = {}): GoogleEvent[] {
    const s = accounts.get(key(email));
    if (!s) return [];
    return [...s.events.values()].filter((e) => o.includeCancelled || e.status !== 'cancelled');
  }

  function expireSyncTokens(email?: string) {
    for (const [token, t] of syncTokens) if (!email || key(t.email) === key(email)) syncTokens.delete(token);
  }

  function parseTime(q: ListQuery, name: string): number | undefined {
    const value = q[name];
    if (value === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value) || Number.isNaN(Date.parse(value))) {
      throw new CalendarApiError(400, 'invalid', `Bad Request`, { location: name, locationType: 'parameter' });
    }
    return Date.parse(value);
  }

  function matchingIds(s: AccountState, q: ListQuery): string[] {
    if (q.syncToken !== undefined) {
      const forbidden = SYNC_ONLY_FORBIDDEN.filter((p) => q[p] !== undefined);
      if (forbidden.length > 0) {
        throw new CalendarApiError(400, 'invalid', `Sync token cannot be used with ${forbidden.join(', ')}.`, { location: forbidden[0], locationType: 'parameter' });
      }
      const token = syncTokens.get(q.syncToken);
      if (!token || key(token.email) !== key(s.account.email)) {
        throw new CalendarApiError(410, 'fullSyncRequired', undefined, { location: 'syncToken', locationType: 'parameter' });
      }
      return [...s.changedAt.entries()].filter(([, at]) => at > token.seq).sort((a, b) => a[1] - b[1]).map(([id]) => id);
    }
    const timeMin = parseTime(q, 'timeMin');
    const timeMax = parseTime(q, 'timeMax');
    const updatedMin = parseTime(q, 'updatedMin');
    const showDeleted = q.showDeleted === 'true';
    if (q.orderBy !== undefined && q.orderBy !== 'startTime' && q.orderBy !== 'updated') {
      throw new CalendarApiError(400, 'invalid', 'Invalid Value', { location: 'orderBy', locationType: 'parameter' });
    }
    if (q.orderBy === 'startTime' && q.singleEvents !== 'true') {
      throw new CalendarApiError(400, 'invalid', 'The requested ordering is not available for the particular query.', { location: 'orderBy', locationType: 'parameter' });
    }
    const zone = s.account.timeZone;
    const list = [...s.events.values()].filter((e) => {
      const updated = Date.parse(e.updated);
      if (updatedMin !== undefined && updated < updatedMin) return false;
      // With updatedMin, events deleted since then are listed whatever showDeleted says (as Google).
      if (e.status === 'cancelled' && !showDeleted && updatedMin === undefined) return false;
      if (timeMin !== undefined && (eventTimeMillis(e.end, zone) ?? Infinity) <= timeMin) return false;
      if (timeMax !== undefined && (eventTimeMillis(e.start, zone) ?? -Infinity) >= timeMax) return false;
      return true;
    });
    if (q.orderBy === 'startTime') list.sort((a, b) => (eventTimeMillis(a.start, zone) ?? 0) - (eventTimeMillis(b.start, zone) ?? 0));
    else if (q.orderBy === 'updated') list.sort((a, b) => Date.parse(a.updated) - Date.parse(b.updated));
    return list.map((e) => e.id);
  }

  function queryKey(q: ListQuery): string {
    return JSON.stringify(Object.entries(q).filter(([k]) => !NOT_PART_OF_QUERY.has(k)).sort(([a], [b]) => a.localeCompare(b)));
  }

  function listEvents(email: string, q: ListQuery) {
    const s = state(email);
    let maxResults = opts.defaultPageSize;
    if (q.maxResults !== undefined) {
      const n = Number(q.maxResults);
      if (!Number.isInteger(n) || n < 1) throw new CalendarApiError(400, 'invalid', `Invalid value '${q.maxResults}'. Values must be within the range: [1, 2500]`, { location: 'maxResults', locationType: 'parameter' });
      maxResults = Math.min(n, MAX_RESULTS_CAP);
    }
    for (const [token, page] of pageTokens) if (Date.now() - page.createdAt > PAGE_TOKEN_LIFE_MS) pageTokens.delete(token);

    let page: PageState;
    if (q.pageToken !== undefined) {
      const found = pageTokens.get(q.pageToken);
      // A page token only continues the query that produced it.
      if (!found || key(found.email) !== key(email) || found.queryKey !== queryKey(q)) {
        throw new CalendarApiError(400, 'invalid', 'Invalid page token value.', { location: 'pageToken', locationType: 'parameter' });
      }
      page = found;
    } else {
      page = { email, queryKey: queryKey(q), ids: matchingIds(s, q), offset: 0, syncSeq: seq, createdAt: Date.now() };
    }
    const ids = page.ids.slice(page.offset, page.offset + maxResults);
    const items = ids.map((id) => listView(s.events.get(id)!));
    const end = page.offset + ids.length;
    const response: Record<string, unknown> = {
      kind: 'calendar#events',
      etag: `"p${Buffer.from(String(seq)).toString('hex')}"`,
      summary: s.account.email,
      description: '',
      updated: s.updated,
      timeZone: s.account.timeZone,
      accessRole: 'owner',
      defaultReminders: [],
    };
    if (end < page.ids.length) {
      const next = opaqueToken(24);
      pageTokens.set(next, { ...page, offset: end, createdAt: Date.now() });
      response.nextPageToken = next;
    } else {
      // The token covers what existed when the first page was read: anything changed while the
      // caller paged shows up again in the next incremental sync instead of being missed.
      const next = opaqueToken(18);
      syncTokens.set(next, { email: s.account.email, seq: page.syncSeq });
      response.nextSyncToken = next;
    }
    response.items = items;
    return response;
  }

  function calendarResource(email: string) {
    const s = state(email);
    return {
      kind: 'calendar#calendar',
      etag: `"c${Buffer.from(s.account.sub).toString('hex').slice(0, 16)}"`,
      id: s.account.email,
      summary: s.account.email,
      timeZone: s.account.timeZone,
      conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
    };
  }

  return {
    addAccount,
    account: (email: string) => accounts.get(key(email))?.account,
    accounts: () => [...accounts.values()].map((s) => s.account),
    insertEvent,
    changeEvent,
    deleteEvent,
    upsertEvent,
    getEvent,
    events,
    listEvents,
    calendarResource,
    expireSyncTokens,
  };
}
