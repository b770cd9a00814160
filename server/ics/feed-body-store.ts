// Whole feed bodies, kept under the strong ETag they were served with: in this process's memory
// and in ics_feed_bodies, one row per link. A strong ETag already promises the same bytes for the
// same tag, and the tag is made of everything the body is made of (compute-feed-etag.ts), so a
// body kept under the tag a link has now is the body a render would produce. Clients that never
// send If-None-Match (they exist) and the first polls after a restart then cost a lookup instead
// of putting 10,000 VEVENTs together: 6 MiB copied once rather than 20 MiB allocated.
//
// A body is rendered from rows read after the tag's feed version, so it may already hold a
// change committed in between; that change bumped the version, and no later request computes
// the old tag again, so such a body is never served. Writes go behind the response, as the
// VEVENT text does (ics-chunk-store.ts), and only while the link is live.
import { LRUCache } from 'lru-cache';
import { copyBinaryOut } from '../copy-binary-out.ts';
import { getPool } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import { writeBehind } from './write-behind.ts';

const log = taggedLogger('http');

/** After the I/O callbacks of this turn of the event loop: a response sent now is on its way. */
const afterResponse = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Bytes of feed bodies held in memory. A 10k-event feed is ~6 MiB and a user's usual feed tens
 * of KiB: room for a dozen of the largest feeds or thousands of ordinary ones.
 */
export const ICS_BODY_CACHE_BYTES = 96 * 1024 * 1024;

type Kept = { etag: string; body: Buffer };

/** By link id: one entry per link, the newest tag replacing the one before. */
export const icsBodyCache = new LRUCache<string, Kept>({ maxSize: ICS_BODY_CACHE_BYTES, sizeCalculation: (k) => Math.max(1, k.body.length) });

export type KeptBody = { body: Buffer; from: 'memory' | 'store' };

/**
 * Bytes per row of the read. Sent whole, a 30 MiB body is one 30 MiB protocol message, which
 * node-postgres gathers in a buffer it doubles as it grows, and which was then copied again:
 * ~90 MiB of fresh memory for a 50k-event feed (bench/README.md, ICS feed, 3 Dec). In slices,
 * its read buffer stays small and each slice is copied once, into the body allocated at its size.
 * The column is stored uncompressed (migration ics_feed_bodies), so PostgreSQL reads a slice's
 * TOAST chunks alone.
 */
const SLICE_BYTES = 1024 * 1024;

/**
 * A kept row: its body in slices when `which` holds for the row, else one row without a slice
 * (`match` false) that only says a row is there; and, when asked, on the first slice's row its
 * `events` (where each VEVENT lies in the body, written by the render; opaque here).
 */
const readSlices = (which: string, withEvents: boolean) => `
  SELECT (${which})::text, length(b."body")::text,
         CASE WHEN ${which} THEN substring(b."body" FROM s * ${SLICE_BYTES} + 1 FOR ${SLICE_BYTES}) END,
         ${withEvents ? 'CASE WHEN s = 0 THEN b."events" END' : 'NULL'}
  FROM "ics_feed_bodies" b,
       generate_series(0, CASE WHEN ${which} THEN (length(b."body") - 1) / ${SLICE_BYTES} ELSE 0 END) AS s
  WHERE b."tokenId" = $1::uuid AND (${which} OR b."events" IS NOT NULL)
  ORDER BY s`;

// Under the tag asked for; else whether the link has a body kept (with its index) to render from.
const READ_UNDER_TAG = readSlices('b."etag" = $2', false);
const READ_WITH_EVENTS = readSlices('b."events" IS NOT NULL', true);

type Read = { body: Buffer; events: string | null } | { body: undefined; rowThere: boolean };

async function readKept(query: string, values: string[]): Promise<Read> {
  let body: Buffer | undefined;
  let events: string | null = null;
  let filled = 0;
  let rowThere = false;
  // A binary COPY: as a query result the bytea would arrive as hex, twice the bytes to decode.
  // The slices are views into node-postgres's read buffer, valid only during the callback.
  await copyBinaryOut(query, values, ([match, length, slice, index]) => {
    rowThere = true;
    if (match!.toString('latin1') !== 'true') return;
    body ??= Buffer.allocUnsafe(Number(length!.toString('latin1')));
    filled += slice!.copy(body, filled);
    if (index) events = index.toString('utf8');
  });
  return body && filled === body.length ? { body, events } : { body: undefined, rowThere };
}

export type FeedBodyLookup = KeptBody | { body: undefined; previousKept: boolean };

/**
 * The body kept for this link under exactly this tag, if any; else whether one is kept under
 * another tag, with its index (findPreviousFeedBody), for the render. Store failures propagate.
 */
export async function findFeedBody(tokenId: string, etag: string): Promise<FeedBodyLookup> {
  const inMemory = icsBodyCache.get(tokenId);
  if (inMemory?.etag === etag) return { body: inMemory.body, from: 'memory' };
  const kept = await readKept(READ_UNDER_TAG, [tokenId, etag]);
  if (!kept.body) return { body: undefined, previousKept: kept.rowThere };
  icsBodyCache.set(tokenId, { etag, body: kept.body });
  return { body: kept.body, from: 'store' };
}

/**
 * The body this link was last served with, whatever its tag, with where each VEVENT lies in it.
 * Not a body to serve (its tag may be an old one): a render after a restart takes the text of
 * the events that did not change from it, one read of the body instead of a probe per event.
 */
export async function findPreviousFeedBody(tokenId: string): Promise<{ body: Buffer; events: string } | undefined> {
  const kept = await readKept(READ_WITH_EVENTS, [tokenId]);
  return kept.body && kept.events ? { body: kept.body, events: kept.events } : undefined;
}

/**
 * Keeps a body just served, with its `events` index when it has one: in memory at once, in the
 * table after the response has gone. A failed write is logged and costs a render after the next
 * restart, so it is not retried.
 */
export function keepFeedBody(tokenId: string, etag: string, body: Buffer, events: (() => string) | null = null): void {
  icsBodyCache.set(tokenId, { etag, body });
  writeBehind(
    // Started once the response has gone: making the index and binding 6 MiB are not its business.
    afterResponse().then(() => getPool().query(
      // Skipped for a link revoked meanwhile (revoking deletes its row; this must not bring it back).
      `INSERT INTO "ics_feed_bodies" ("tokenId", "etag", "body", "events")
       SELECT t."id", $2, $3, $4 FROM "IcsToken" t WHERE t."id" = $1::uuid AND t."revokedAt" IS NULL
       ON CONFLICT ("tokenId") DO UPDATE
         SET "etag" = EXCLUDED."etag", "body" = EXCLUDED."body", "events" = EXCLUDED."events", "storedAt" = DEFAULT
         WHERE "ics_feed_bodies"."etag" <> EXCLUDED."etag"`,
      [tokenId, etag, body, events?.() ?? null],
    )),
    (error) => log.warn({ err: error, tokenId, bytes: body.length }, 'storing an ICS feed body failed'),
  );
}
