// The feed body. A narrow read (id, sequence, updatedAt, organizer digest) of every event of
// the window, then each event's VEVENT from the first place that has it under its current key:
// this process's memory, the text stored in ics_event_chunks, or ical-generator (full rows are
// read only for those). A warm 10k-event feed is one narrow query and a Buffer.concat; after a
// restart it is one query that brings the stored text too; ical-generator runs only for what
// changed.
import ical, { escape, type ICalCalendarData } from 'ical-generator';
import { getConfig } from '../config.ts';
import type { Viewer } from '../calendar/event-visibility.ts';
import type { TIcsFeedMode } from '../../shared/ics.ts';
import { feedWindow, type FeedWindow } from './feed-window.ts';
import { readIcsChunks, storeIcsChunks, type StoredChunk } from './ics-chunk-store.ts';
import { loadFeedEventRows, loadFeedEventVersions } from './load-feed-events.ts';
import type { LRUCache } from 'lru-cache';
import { icsChunkKey, icsEventCache, icsEventCacheKey, icsText, renderIcsEvent } from './render-ics-event.ts';

export const ICS_PRODID = '//opsdeck//Calendar Feed//EN';
export const ICS_REFRESH_SECONDS = 15 * 60;

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
  return icsCalendarHeader({ prodId: ICS_PRODID, name: escape(icsText(calendarName), false), ttl: ICS_REFRESH_SECONDS });
}

/** What ical-generator writes for an empty calendar, up to END:VCALENDAR: events go after it, then ICS_FOOTER. */
export function icsCalendarHeader(data: ICalCalendarData): string {
  const empty = ical(data).toString();
  return empty.slice(0, empty.lastIndexOf('END:VCALENDAR'));
}

/** RFC 5545 ends every content line with CRLF, the last one too (ical-generator leaves it off). */
export const ICS_FOOTER = 'END:VCALENDAR\r\n';
const FOOTER_BYTES = Buffer.from(ICS_FOOTER, 'utf8');

// Feeds this process has rendered since its memory cache was last empty. The first render of a
// feed (after a start, typically) asks for the stored text along with the narrow read, one
// query instead of two; later renders find nearly everything in memory and ask only for what
// they miss. Without a memory cache every render is a first one.
const primedFeeds = new WeakMap<LRUCache<string, Buffer>, Set<string>>();

function isPrimed(memory: LRUCache<string, Buffer> | null, feed: string): boolean {
  if (!memory) return false;
  let feeds = primedFeeds.get(memory);
  if (!feeds || memory.size === 0) primedFeeds.set(memory, (feeds = new Set()));
  if (feeds.has(feed)) return true;
  feeds.add(feed);
  return false;
}

/** Where each VEVENT of a render came from. */
export type FeedRenderStats = { events: number; fromMemory: number; fromStore: number; rendered: number };

export async function renderIcsFeed(opts: {
  owner: FeedOwner;
  mode: TIcsFeedMode;
  linkName: string;
  window?: FeedWindow;
  /** This process's cache. null renders without any cache (tests compare cached with uncached output). */
  cache?: LRUCache<string, Buffer> | null;
  /** Read and write ics_event_chunks; by default whenever some cache is used. */
  store?: boolean;
}): Promise<{ body: Buffer } & FeedRenderStats> {
  const memory = opts.cache === undefined ? icsEventCache : opts.cache;
  const useStore = opts.store ?? opts.cache !== null;
  const { mode } = opts;
  const host = feedHost();
  const primed = useStore && isPrimed(memory, `${opts.owner.id}|${mode}|${host}`);
  const versions = await loadFeedEventVersions(opts.owner, opts.window ?? feedWindow(), primed ? {} : { withStored: mode });

  const keys = versions.map((v) => icsChunkKey(v, mode, host));
  const chunks: (Buffer | undefined)[] = versions.map((v, i) => memory?.get(icsEventCacheKey(v.id, mode, keys[i]!)));
  const fromMemory = chunks.filter(Boolean).length;
  let missing = versions.flatMap((v, i) => (chunks[i] === undefined ? [i] : []));

  let fromStore = 0;
  if (missing.length && useStore) {
    const stored = primed ? await readIcsChunks(missing.map((i) => versions[i]!.id), mode) : undefined;
    for (const i of missing) {
      const hit = stored ? stored.get(versions[i]!.id) : versions[i]!.stored;
      if (!hit || hit.key !== keys[i]) continue;
      chunks[i] = hit.body;
      memory?.set(icsEventCacheKey(versions[i]!.id, mode, keys[i]!), hit.body);
      fromStore++;
    }
    missing = missing.filter((i) => chunks[i] === undefined);
  }

  let rendered = 0;
  if (missing.length) {
    const fresh: StoredChunk[] = [];
    const byId = new Map<string, Buffer>();
    for await (const batch of loadFeedEventRows(missing.map((i) => versions[i]!.id))) {
      for (const { row, source } of batch) {
        const body = renderIcsEvent(row, mode, host);
        // Keyed by the row as read now: if it changed since the narrow read, the newer text wins.
        const key = icsChunkKey(source, mode, host);
        memory?.set(icsEventCacheKey(row.id, mode, key), body);
        fresh.push({ eventId: row.id, key, body });
        byId.set(row.id, body);
      }
    }
    for (const i of missing) chunks[i] = byId.get(versions[i]!.id);
    rendered = fresh.length;
    if (useStore) storeIcsChunks(fresh, mode);
  }

  // An event hard-deleted between the reads has no chunk and is simply left out.
  const events = chunks.filter((c): c is Buffer => c !== undefined);
  const header = Buffer.from(renderIcsHeader(feedCalendarName(opts.owner.name, opts.linkName)), 'utf8');
  return { body: Buffer.concat([header, ...events, FOOTER_BYTES]), events: events.length, fromMemory, fromStore, rendered };
}
