// In-memory Google accounts, each with one primary calendar, and the changes made to them.
// Every change gets a number from one counter (changedAt), which is what sync tokens and
// incremental lists are measured against (event-listing.ts).
import { createHash, randomBytes } from 'node:crypto';
import { createEventListing, type ListQuery } from './event-listing.ts';
import { buildChangedEvent, buildInsertedEvent, cancelledEvent, isValidEventId, newEventId } from './event-resource.ts';
import { CalendarApiError } from './google-errors.ts';
import type { GoogleEvent, StandinAccount } from './types.ts';

export type AccountState = {
  account: StandinAccount;
  events: Map<string, GoogleEvent>;
  changedAt: Map<string, number>;
  updated: string;
};

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

export type CalendarStore = ReturnType<typeof createCalendarStore>;

export function createCalendarStore(opts: { baseUrl: () => string; defaultPageSize: number; onChange: (email: string) => void }) {
  const accounts = new Map<string, AccountState>();
  const listing = createEventListing({ defaultPageSize: opts.defaultPageSize });
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
    listEvents: (email: string, q: ListQuery) => listing.list(state(email), q, seq),
    calendarResource,
    expireSyncTokens: (email?: string) => listing.expireSyncTokens(email),
  };
}
