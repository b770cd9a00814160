// Rendered VEVENT text kept in PostgreSQL (ics_event_chunks), so that a process that has just
// started serves a large feed from stored text instead of running ical-generator for every
// event again. A row is used only when its key equals the key the event has now; otherwise
// it is ignored, and overwritten by the next render.
import { getPool } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import type { TIcsFeedMode } from '../../shared/ics.ts';
import { writeBehind } from './write-behind.ts';

const log = taggedLogger('http');
// Arrays are one bind parameter each; batches bound the size of a statement and of a result.
const READ_BATCH = 5_000;
const WRITE_BATCH = 2_000;

export type StoredChunk = { eventId: string; key: string; body: Buffer };

/** The stored text of these events in this mode, whatever its key (the caller compares). */
export async function readIcsChunks(ids: string[], mode: TIcsFeedMode): Promise<Map<string, { key: string; body: Buffer }>> {
  const found = new Map<string, { key: string; body: Buffer }>();
  for (let i = 0; i < ids.length; i += READ_BATCH) {
    const { rows } = await getPool().query<[string, string, Buffer]>({
      text: `SELECT "eventId", "key", "body" FROM "ics_event_chunks" WHERE "mode" = $1::"IcsFeedMode" AND "eventId" = ANY($2::uuid[])`,
      values: [mode, ids.slice(i, i + READ_BATCH)],
      rowMode: 'array',
    });
    for (const [eventId, key, body] of rows) found.set(eventId, { key, body });
  }
  return found;
}

async function writeIcsChunks(chunks: StoredChunk[], mode: TIcsFeedMode): Promise<void> {
  for (let i = 0; i < chunks.length; i += WRITE_BATCH) {
    const batch = chunks.slice(i, i + WRITE_BATCH);
    await getPool().query(
      // Events hard-deleted since they were read are skipped rather than failing the batch.
      `INSERT INTO "ics_event_chunks" ("eventId", "mode", "key", "body")
       SELECT t.id, $1::"IcsFeedMode", t.key, t.body
       FROM unnest($2::uuid[], $3::text[], $4::bytea[]) AS t(id, key, body)
       WHERE EXISTS (SELECT 1 FROM "CalendarEvent" e WHERE e."id" = t.id)
       ON CONFLICT ("eventId", "mode") DO UPDATE
         SET "key" = EXCLUDED."key", "body" = EXCLUDED."body", "renderedAt" = DEFAULT
         WHERE "ics_event_chunks"."key" <> EXCLUDED."key"`,
      [mode, batch.map((c) => c.eventId), batch.map((c) => c.key), batch.map((c) => c.body)],
    );
  }
}

/**
 * Stores freshly rendered text after the response has gone. A failed write is logged and costs
 * only a render next time (a row is never trusted without its key), so it is not retried.
 */
export function storeIcsChunks(chunks: StoredChunk[], mode: TIcsFeedMode): void {
  if (chunks.length === 0) return;
  writeBehind(writeIcsChunks(chunks, mode), (error) => log.warn({ err: error, chunks: chunks.length, mode }, 'storing rendered ICS events failed'));
}
