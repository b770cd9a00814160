// The feed's two reads, in SQL on the shared pool: at 10,000 rows Prisma's per-row work cost
// more than the query itself. Timestamps come back as epoch milliseconds and dates as text:
// the columns are `timestamp without time zone` holding UTC, which node-postgres would read
// in the process's local zone.
import { getPool } from '../db.ts';
import { copyBinaryOut } from '../copy-binary-out.ts';
import type { Viewer } from '../calendar/event-visibility.ts';
import { feedEventsSql, type FeedWindow } from './feed-window.ts';
import type { TIcsFeedMode } from '../../shared/ics.ts';
import type { ChunkSource, FeedEventRow } from './render-ics-event.ts';

// Ids go in as one array parameter whatever the count, so the cap of 32,767 bind parameters
// never applies; batches only bound how many full rows are held at once while rendering.
const ID_BATCH = 2_000;

const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
const msInteger = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;
// The ORGANIZER comes from the owner's row; a short digest of it keys cached text.
const ORGANIZER = `left(md5(o."name" || E'\\n' || o."email"), 16)`;

export type FeedEventVersion = ChunkSource & { id: string; stored?: { key: string; body: Buffer } };

// Events per result row of the narrow read (see loadFeedEventVersions).
const GROUP = 1_000;

/**
 * Every live event of the window the owner may see, in feed order, with what keys its text.
 * With `withStored`, each also brings its text from ics_event_chunks in that mode, if any (the
 * caller compares keys): after a restart that saves a second query naming every event again.
 *
 * PostgreSQL packs a thousand events into one result row (a line of text per event, and the
 * stored texts end to end with their lengths): decoding 10,000 rows one by one was most of the
 * CPU a freshly started process spent on a 10k-event feed, and all of it is JavaScript that the
 * JIT has not optimised yet. A line is `id sequence updatedAtMs organizer [storedKey]`; no
 * field holds a space (keys are `|`-separated, hosts have none).
 */
export async function loadFeedEventVersions(owner: Viewer, window: FeedWindow, opts: { withStored?: TIcsFeedMode } = {}): Promise<FeedEventVersion[]> {
  const query = feedEventsSql(
    owner,
    window,
    `e."id" AS "id", e."startsAt" AS "startsAt", e."sequence" AS "sequence", ${msInteger('e."updatedAt"')} AS "updatedAt", ${ORGANIZER} AS "organizer"`,
    1,
  );
  const mode = opts.withStored;
  // One primary-key probe per event in feed order: OFFSET 0 keeps PostgreSQL from turning the
  // lookup into a hash join over the whole table and sorting the wide rows again.
  const stored = mode
    ? `LEFT JOIN LATERAL (SELECT c."key", c."body" FROM "ics_event_chunks" c
                          WHERE c."eventId" = v."id" AND c."mode" = $${query.values.length + 1}::"IcsFeedMode" OFFSET 0) c ON true`
    : '';
  const text = `SELECT string_agg(concat_ws(' ', n."id", n."sequence", n."updatedAt", n."organizer"${mode ? ', n."key"' : ''}), E'\n' ORDER BY n.i),
                  ${mode ? `string_agg(coalesce(octet_length(n."body"), 0)::text, ',' ORDER BY n.i), string_agg(n."body", ''::bytea ORDER BY n.i)` : 'NULL, NULL'}
           FROM (SELECT v.*, ${mode ? 'c."key", c."body", ' : ''}row_number() OVER (ORDER BY v."startsAt", v."id") - 1 AS i
                 FROM (${query.text}) v ${stored}) n
           GROUP BY n.i / ${GROUP} ORDER BY n.i / ${GROUP}`;
  const versions: FeedEventVersion[] = [];
  if (!mode) {
    const { rows } = await getPool().query<[string]>({ text, values: query.values, rowMode: 'array' });
    for (const [lines] of rows) addVersions(versions, lines, null, null);
    return versions;
  }
  // The stored text comes as a binary COPY (as a query result it would arrive as hex), and each
  // group row is taken apart as it arrives: its buffers are views that the next read reuses.
  await copyBinaryOut(text, [...query.values, mode], ([lines, lengths, bodies]) =>
    addVersions(versions, lines!.toString('utf8'), lengths!.toString('latin1'), bodies ?? null),
  );
  return versions;
}

function addVersions(versions: FeedEventVersion[], lines: string, lengths: string | null, bodies: Buffer | null): void {
  const sizes = lengths?.split(',');
  let offset = 0;
  lines.split('\n').forEach((line, i) => {
    const [id, sequence, updatedAt, organizer, key] = line.split(' ') as [string, string, string, string, string?];
    const version: FeedEventVersion = { id, sequence: Number(sequence), updatedAt: new Date(Number(updatedAt)), organizer };
    const size = sizes ? Number(sizes[i]) : 0;
    // A copy, not a slice: the group's buffer is node-postgres's, and a slice would keep it alive.
    if (key !== undefined && bodies && size > 0) version.stored = { key, body: Buffer.from(bodies.subarray(offset, offset + size)) };
    offset += size;
    versions.push(version);
  });
}

type FullRow = {
  id: string;
  title: string;
  description: string | null;
  location: string | null;
  startsAt: number;
  endsAt: number;
  timezone: string;
  allDay: boolean;
  allDayStart: string | null;
  allDayEnd: string | null;
  sequence: number;
  createdAt: number;
  updatedAt: number;
  ownerName: string;
  ownerEmail: string;
  organizer: string;
  attendees: FeedEventRow['attendees'] | null;
};

const utcDate = (day: string | null) => (day === null ? null : new Date(`${day}T00:00:00Z`));

/**
 * Full rows for the given events, a batch at a time, so a caller that renders each batch lets
 * go of its rows before the next is read (any order; ids no longer there are simply missing).
 */
export async function* loadFeedEventRows(ids: string[]): AsyncGenerator<{ row: FeedEventRow; source: ChunkSource }[]> {
  for (let i = 0; i < ids.length; i += ID_BATCH) {
    const out: { row: FeedEventRow; source: ChunkSource }[] = [];
    const { rows } = await getPool().query<FullRow>(
      // Attendees ordered by e-mail in the database's collation, as Prisma's orderBy would.
      `SELECT e."id", e."title", e."description", e."location", ${ms('e."startsAt"')} AS "startsAt",
              ${ms('e."endsAt"')} AS "endsAt", e."timezone", e."allDay", e."allDayStart"::text AS "allDayStart",
              e."allDayEnd"::text AS "allDayEnd", e."sequence", ${ms('e."createdAt"')} AS "createdAt",
              ${ms('e."updatedAt"')} AS "updatedAt", o."name" AS "ownerName", o."email" AS "ownerEmail",
              ${ORGANIZER} AS "organizer",
              (SELECT json_agg(json_build_object('email', a."email", 'name', a."name", 'rsvp', a."rsvp") ORDER BY a."email")
                 FROM "Attendee" a WHERE a."eventId" = e."id") AS "attendees"
       FROM "CalendarEvent" e JOIN "User" o ON o."id" = e."ownerId"
       WHERE e."id" = ANY($1::uuid[])`,
      [ids.slice(i, i + ID_BATCH)],
    );
    for (const r of rows) {
      const updatedAt = new Date(r.updatedAt);
      out.push({
        row: {
          id: r.id,
          title: r.title,
          description: r.description,
          location: r.location,
          startsAt: new Date(r.startsAt),
          endsAt: new Date(r.endsAt),
          timezone: r.timezone,
          allDay: r.allDay,
          allDayStart: utcDate(r.allDayStart),
          allDayEnd: utcDate(r.allDayEnd),
          sequence: r.sequence,
          createdAt: new Date(r.createdAt),
          updatedAt,
          owner: { name: r.ownerName, email: r.ownerEmail },
          attendees: r.attendees ?? [],
        },
        source: { sequence: r.sequence, updatedAt, organizer: r.organizer },
      });
    }
    yield out;
  }
}

