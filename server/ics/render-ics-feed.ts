// The feed body. Two reads: a narrow one (id, sequence, updatedAt) for every event of the
// window, then full rows only for events whose VEVENT is not cached yet. A warm 10k-event feed
// is one narrow query and a Buffer.concat; ical-generator runs only for what changed.
import ical, { escape } from 'ical-generator';
import { getConfig } from '../config.ts';
import { getDb } from '../db.ts';
import type { Viewer } from '../calendar/event-visibility.ts';
import type { TIcsFeedMode } from '../../shared/ics.ts';
import { feedEventsWhere, feedWindow, type FeedWindow } from './feed-window.ts';
import {
  feedEventSelect,
  icsEventCache,
  icsEventCacheKey,
  icsText,
  renderIcsEvent,
  type FeedEventRow,
} from './render-ics-event.ts';
import type { LruCache } from './lru-cache.ts';

export const ICS_PRODID = '//opsdeck//Calendar Feed//EN';
export const ICS_REFRESH_SECONDS = 15 * 60;
// Bounds the IN lists of the second read well under PostgreSQL's 32,767 bind parameters.
const ROW_BATCH = 5_000;

export type FeedOwner = Viewer & { name: string };

/** Stable UIDs are `<event id>@<host>`; the hostname (no port) so a port change keeps them. */
export function feedHost(): string {
  return new URL(getConfig().publicBaseUrl).hostname;
}

export function feedCalendarName(ownerName: string, linkName: string): string {
  return `opsdeck — ${ownerName} (${linkName})`;
}

/**
 * VCALENDAR properties up to the first VEVENT. ical-generator writes NAME/X-WR-CALNAME
 * unescaped, so the (user-typed) name is escaped here: a comma or newline must not break the feed.
 */
export function renderIcsHeader(calendarName: string): string {
  const calendar = ical({ prodId: ICS_PRODID, name: escape(icsText(calendarName), false), ttl: ICS_REFRESH_SECONDS });
  const empty = calendar.toString();
  return empty.slice(0, empty.lastIndexOf('END:VCALENDAR'));
}

/** RFC 5545 ends every content line with CRLF, the last one too (ical-generator leaves it off). */
export const ICS_FOOTER = 'END:VCALENDAR\r\n';
const FOOTER_BYTES = Buffer.from(ICS_FOOTER, 'utf8');

async function loadRows(ids: string[]): Promise<FeedEventRow[]> {
  const rows: FeedEventRow[] = [];
  for (let i = 0; i < ids.length; i += ROW_BATCH) {
    rows.push(
      ...(await getDb().calendarEvent.findMany({ where: { id: { in: ids.slice(i, i + ROW_BATCH) } }, select: feedEventSelect })),
    );
  }
  return rows;
}

export async function renderIcsFeed(opts: {
  owner: FeedOwner;
  mode: TIcsFeedMode;
  linkName: string;
  window?: FeedWindow;
  /** null renders without the cache (tests compare both). */
  cache?: LruCache<Buffer> | null;
}): Promise<{ body: Buffer; events: number }> {
  const cache = opts.cache === undefined ? icsEventCache : opts.cache;
  const host = feedHost();
  const versions = await getDb().calendarEvent.findMany({
    where: feedEventsWhere(opts.owner, opts.window ?? feedWindow(), { includeDeleted: false }),
    select: { id: true, sequence: true, updatedAt: true },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
  });

  const chunks: (Buffer | undefined)[] = versions.map((v) => cache?.get(icsEventCacheKey(v, opts.mode, host)));
  const missing = versions.filter((_, i) => chunks[i] === undefined).map((s) => s.id);
  if (missing.length) {
    const rendered = new Map<string, Buffer>();
    for (const row of await loadRows(missing)) {
      const chunk = renderIcsEvent(row, opts.mode, host);
      // Keyed by the row as read now: if it changed since the narrow read, the newer text wins.
      cache?.set(icsEventCacheKey(row, opts.mode, host), chunk);
      rendered.set(row.id, chunk);
    }
    versions.forEach((s, i) => {
      chunks[i] ??= rendered.get(s.id);
    });
  }
  // An event hard-deleted between the two reads has no chunk and is simply left out.
  const events = chunks.filter((c): c is Buffer => c !== undefined);
  const header = Buffer.from(renderIcsHeader(feedCalendarName(opts.owner.name, opts.linkName)), 'utf8');
  return { body: Buffer.concat([header, ...events, FOOTER_BYTES]), events: events.length };
}
