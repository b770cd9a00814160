// events.list as Google answers it: full lists with filters, incremental lists from a sync
// token (every event changed after the token's change number, cancelled ones included),
// and page tokens that continue only the query that produced them.
import { randomBytes } from 'node:crypto';
import type { AccountState } from './calendar-store.ts';
import { eventTimeMillis, listView } from './event-resource.ts';
import { CalendarApiError } from './google-errors.ts';

export type ListQuery = Record<string, string>;

type PageState = { email: string; queryKey: string; ids: string[]; offset: number; syncSeq: number; createdAt: number };

const MAX_RESULTS_CAP = 2500;
const PAGE_TOKEN_LIFE_MS = 60 * 60 * 1000;
const SYNC_ONLY_FORBIDDEN = ['timeMin', 'timeMax', 'updatedMin', 'orderBy', 'q', 'iCalUID', 'privateExtendedProperty', 'sharedExtendedProperty'];
// Parameters that do not change which items a query returns, so a page token survives them changing.
const NOT_PART_OF_QUERY = new Set(['pageToken', 'maxResults', 'alt', 'prettyPrint', 'fields', 'key', 'quotaUser']);

const opaqueToken = (bytes: number) => randomBytes(bytes).toString('base64');
const key = (email: string) => email.toLowerCase();

export function createEventListing(opts: { defaultPageSize: number }) {
  const syncTokens = new Map<string, { email: string; seq: number }>();
  const pageTokens = new Map<string, PageState>();

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

  function list(s: AccountState, q: ListQuery, seq: number) {
    const email = s.account.email;
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

  function expireSyncTokens(email?: string) {
    for (const [token, t] of syncTokens) if (!email || key(t.email) === key(email)) syncTokens.delete(token);
  }

  return { list, expireSyncTokens };
}
