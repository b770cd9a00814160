// The feed body. A narrow read (id, sequence, updatedAt, organizer digest) of every event of
// the window, then each event's VEVENT from the first place that has it under its current key:
// this process's memory, the body the link was last served with, the text stored in
// ics_event_chunks, or ical-generator (full rows are read only for those). A warm 10k-event feed
// is one narrow query and a Buffer.concat; after a restart it is a read of the previous body and
// the narrow query (or, with no body kept, one query that brings the stored text too);
// ical-generator runs only for what changed.
import ical, { escape, type ICalCalendarData } from 'ical-generator';
import { getConfig } from '../config.ts';
import type { Viewer } from '../calendar/event-visibility.ts';
import type { TIcsFeedMode } from '../../shared/ics.ts';
import { feedWindow, type FeedWindow } from './feed-window.ts';
import { readIcsChunks, storeIcsChunks, type StoredChunk } from './ics-chunk-store.ts';
import { loadFeedEventRows, loadFeedEventVersions } from './load-feed-events.ts';
import { writeBehind } from './write-behind.ts';
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
export type FeedRenderStats = { events: number; fromMemory: number; fromPrevious: number; fromStore: number; rendered: number };

/** A body this feed was served with before, and its `events` index (see feedBodyIndex). */
export type PreviousFeedBody = { body: Buffer; events: string };

/**
 * Where each VEVENT lies in a body, and the key its text was rendered under: a line per event,
 * `id key offset length`. Kept with the body (feed-body-store.ts), so that after a change a
 * render in a process with nothing in memory takes the text of every unchanged event out of
 * the previous body: one read of a few MiB, against a probe of ics_event_chunks per event
 * (157 ms for 10,000 events, bench/README.md, ICS feed). No field holds a space or a newline.
 */
function feedBodyIndex(ids: string[], keys: string[], chunks: Buffer[], start: number): string {
  const lines: string[] = new Array(chunks.length);
  let offset = start;
  for (let i = 0; i < chunks.length; i++) {
    lines[i] = `${ids[i]} ${keys[i]} ${offset} ${chunks[i]!.length}`;
    offset += chunks[i]!.length;
  }
  return lines.join('\n');
}

/**
 * Finds an event's text in the previous body by id and key. The index is in feed order, as the
 * narrow read is, so the next line is nearly always the one: lines are looked up by id only
 * once the walk has lost step (an event added or gone), from a map built then. A 10k-event index
 * split into lines and fields and put in a map took 10-30 ms.
 */
function previousChunkFinder(previous: PreviousFeedBody): (id: string, key: string) => Buffer | undefined {
  const { events, body } = previous;
  let pos = 0;
  let lineStarts: Map<string, number> | undefined;
  const lineOf = (id: string): number | undefined => {
    if (events.startsWith(id, pos) && events.charCodeAt(pos + id.length) === SPACE) return pos;
    if (!lineStarts) {
      lineStarts = new Map();
      for (let at = 0; at < events.length; ) {
        const space = events.indexOf(' ', at);
        if (space === -1) break;
        lineStarts.set(events.slice(at, space), at);
        const newline = events.indexOf('\n', space);
        at = newline === -1 ? events.length : newline + 1;
      }
    }
    return lineStarts.get(id);
  };
  return (id, key) => {
    const at = lineOf(id);
    if (at === undefined) return undefined;
    const newline = events.indexOf('\n', at);
    const lineEnd = newline === -1 ? events.length : newline;
    pos = lineEnd + 1;
    const keyAt = at + id.length + 1;
    if (!events.startsWith(key, keyAt) || events.charCodeAt(keyAt + key.length) !== SPACE) return undefined;
    const [offset, length] = events.slice(keyAt + key.length + 1, lineEnd).split(' ');
    const start = Number(offset);
    const end = start + Number(length);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > body.length) return undefined;
    return body.subarray(start, end);
  };
}
const SPACE = 32;

export async function renderIcsFeed(opts: {
  owner: FeedOwner;
  mode: TIcsFeedMode;
  linkName: string;
  window?: FeedWindow;
  /** This process's cache. null renders without any cache (tests compare cached with uncached output). */
  cache?: LRUCache<string, Buffer> | null;
  /** Read and write ics_event_chunks; by default whenever some cache is used. */
  store?: boolean;
  /**
   * The body this feed was last served with, if one is kept: asked for on the feed's first
   * render in this process (when memory has none of its text), and read before the stored text.
   */
  previous?: () => Promise<PreviousFeedBody | undefined>;
}): Promise<{ body: Buffer; index: () => string } & FeedRenderStats> {
  const memory = opts.cache === undefined ? icsEventCache : opts.cache;
  const useStore = opts.store ?? opts.cache !== null;
  const { mode } = opts;
  const host = feedHost();
  const primed = useStore && isPrimed(memory, `${opts.owner.id}|${mode}|${host}`);
  const window = opts.window ?? feedWindow();
  // Stored text comes along with the narrow read only when nothing else will supply most of it.
  // The previous body is read beside the narrow read, on a second connection. Should it be gone
  // by then (the link revoked meanwhile), the store is asked per event.
  const withStored = !primed && !opts.previous;
  const [previous, versions] = await Promise.all([
    useStore && !primed && opts.previous ? opts.previous() : undefined,
    loadFeedEventVersions(opts.owner, window, withStored && useStore ? { withStored: mode } : {}),
  ]);

  const keys = versions.map((v) => icsChunkKey(v, mode, host));
  // After a restart memory is empty: 10,000 lookups that cannot hit are skipped.
  const chunks: (Buffer | undefined)[] = memory?.size ? versions.map((v, i) => memory.get(icsEventCacheKey(v.id, mode, keys[i]!))) : new Array(versions.length);
  const fromMemory = chunks.filter(Boolean).length;
  let missing = versions.flatMap((v, i) => (chunks[i] === undefined ? [i] : []));

  let fromPrevious = 0;
  const taken: number[] = [];
  if (missing.length && previous) {
    const find = previousChunkFinder(previous);
    for (const i of missing) {
      chunks[i] = find(versions[i]!.id, keys[i]!);
      if (chunks[i]) taken.push(i);
    }
    fromPrevious = taken.length;
    missing = missing.filter((i) => chunks[i] === undefined);
  }

  let fromStore = 0;
  if (missing.length && useStore) {
    const stored = withStored ? undefined : await readIcsChunks(missing.map((i) => versions[i]!.id), mode);
    for (const i of missing) {
      const hit = stored ? stored.get(versions[i]!.id) : versions[i]!.stored;
      if (!hit || hit.key !== keys[i]) continue;
      chunks[i] = hit.body;
      taken.push(i);
      fromStore++;
    }
    missing = missing.filter((i) => chunks[i] === undefined);
  }

  let rendered = 0;
  if (missing.length) {
    const fresh: StoredChunk[] = [];
    const byId = new Map<string, { body: Buffer; key: string }>();
    for await (const batch of loadFeedEventRows(missing.map((i) => versions[i]!.id))) {
      for (const { row, source } of batch) {
        const body = renderIcsEvent(row, mode, host);
        // Keyed by the row as read now: if it changed since the narrow read, the newer text wins.
        const key = icsChunkKey(source, mode, host);
        memory?.set(icsEventCacheKey(row.id, mode, key), body);
        fresh.push({ eventId: row.id, key, body });
        byId.set(row.id, { body, key });
      }
    }
    for (const i of missing) {
      const got = byId.get(versions[i]!.id);
      chunks[i] = got?.body;
      if (got) keys[i] = got.key;
    }
    rendered = fresh.length;
    if (useStore) storeIcsChunks(fresh, mode);
  }

  // An event hard-deleted between the reads has no chunk and is simply left out.
  const present = versions.flatMap((v, i) => (chunks[i] === undefined ? [] : [i]));
  const events = present.map((i) => chunks[i]!);
  const header = Buffer.from(renderIcsHeader(feedCalendarName(opts.owner.name, opts.linkName)), 'utf8');
  // Text taken from the previous body or the store is put in memory once the caller has sent the
  // body: set here, the callback runs after the caller's continuation (10,000 inserts into the
  // LRU took 13-22 ms). From the previous body, views, not copies: it was allocated for this
  // read alone, and it is about the size of the text it gives (a feed is primed once per process).
  if (memory && taken.length) {
    const fill = new Promise<void>((resolve) =>
      setImmediate(() => {
        for (const i of taken) {
          const key = icsEventCacheKey(versions[i]!.id, mode, keys[i]!);
          if (!memory.has(key)) memory.set(key, chunks[i]!);
        }
        resolve();
      }),
    );
    // Tracked with the writes behind the response, so flushFeedWrites() waits for it too.
    writeBehind(fill, () => {});
  }
  // Made when the body is stored, behind the response (5-15 ms at 10,000 events).
  let index: string | undefined;
  const indexText = () => (index ??= feedBodyIndex(present.map((i) => versions[i]!.id), present.map((i) => keys[i]!), events, header.length));
  return { body: Buffer.concat([header, ...events, FOOTER_BYTES]), index: indexText, events: events.length, fromMemory, fromPrevious, fromStore, rendered };
}
