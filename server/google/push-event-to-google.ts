// CAL-G1: make Google's copy match the local event. Insert with our own id (a retried insert
// meets its first attempt as 409 and adopts it), patch with If-Match on the stored etag, delete
// (404/410 = already gone). A 412 means Google changed too: import, and the later modification
// wins (import-google-changes.ts decides). Edits that land while a push is in flight are pushed
// by the same run, so a burst of edits ends with Google holding the last one.
import { getDb } from '../db.ts';
import { GoogleSyncError } from './google-error.ts';
import { openGoogleSession, type CallContext, type GoogleSession } from './google-session.ts';
import { pushEventSelect, toGoogleEvent, type PushEventRow } from './event-mapping.ts';
import { importGoogleChanges } from './import-google-changes.ts';

export type PushOutcome = 'inserted' | 'updated' | 'deleted' | 'up_to_date' | 'not_linked' | 'skipped' | 'google_won';

const MAX_ROUNDS = 5;

const linkSelect = {
  eventId: true,
  accountId: true,
  googleEventId: true,
  etag: true,
  state: true,
  syncedSequence: true,
  event: { select: pushEventSelect },
} as const;

export async function pushEventToGoogle(eventId: string, context: CallContext = {}): Promise<PushOutcome> {
  let outcome: PushOutcome = 'up_to_date';
  let resolvedConflict = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const link = await getDb().googleEventLink.findUnique({ where: { eventId }, select: linkSelect });
    if (!link) return 'not_linked';
    if (link.syncedSequence === link.event.sequence && link.state !== 'PENDING') return round === 0 ? 'up_to_date' : outcome;
    if (link.state !== 'PENDING') return outcome;
    const session = await openGoogleSession(link.accountId);
    if (!session) return 'skipped';
    const { cooldownUntil } = session.account;
    if (cooldownUntil && cooldownUntil > new Date()) {
      throw new GoogleSyncError({ kind: 'quota', message: 'Google quota cool-down', retryAfterMs: cooldownUntil.getTime() - Date.now() });
    }
    try {
      outcome = await pushOnce(session, link, context);
    } catch (error) {
      if (!(error instanceof GoogleSyncError) || error.failure.kind !== 'conflict' || resolvedConflict) throw error;
      // 412: someone changed it in Google since our etag. Import decides who wins; if we do,
      // the link now holds Google's etag and the next round patches over it.
      resolvedConflict = true;
      await importGoogleChanges(link.accountId, context);
      const after = await getDb().googleEventLink.findUnique({ where: { eventId }, select: { state: true } });
      if (after?.state !== 'PENDING') return 'google_won';
      continue;
    }
    await recordPushed(link.eventId, link.event.sequence);
  }
  return outcome;
}

type LinkRow = { eventId: string; googleEventId: string; etag: string | null; event: PushEventRow };

async function pushOnce(session: GoogleSession, link: LinkRow, context: CallContext): Promise<PushOutcome> {
  const calendarId = session.account.calendarId;
  const ctx = { ...context, correlationId: link.eventId };
  if (link.event.deletedAt) {
    try {
      await session.call('gcal_event_deleted', 'events.delete', (cal) => cal.events.delete({ calendarId, eventId: link.googleEventId }), ctx);
    } catch (error) {
      if (!(error instanceof GoogleSyncError) || !['gone', 'not_found'].includes(error.failure.kind)) throw error;
    }
    return 'deleted';
  }
  const body = toGoogleEvent(link.event);
  if (!link.etag) {
    try {
      const res = await session.call('gcal_event_upserted', 'events.insert', (cal) => cal.events.insert({ calendarId, requestBody: { ...body, id: link.googleEventId } }), ctx);
      await storeEtag(link.eventId, res.data.etag, res.data.updated);
      return 'inserted';
    } catch (error) {
      if (!(error instanceof GoogleSyncError) || error.failure.kind !== 'duplicate') throw error;
      // Our earlier attempt went through but its answer was lost: adopt it, then patch to be sure.
      const existing = await session.call('gcal_events_listed', 'events.get', (cal) => cal.events.get({ calendarId, eventId: link.googleEventId }), ctx);
      link = { ...link, etag: existing.data.etag ?? null };
    }
  }
  const res = await session.call(
    'gcal_event_upserted',
    'events.patch',
    (cal) => cal.events.patch({ calendarId, eventId: link.googleEventId, requestBody: body }, { headers: link.etag ? { 'If-Match': link.etag } : {} }),
    ctx,
  );
  await storeEtag(link.eventId, res.data.etag, res.data.updated);
  return 'updated';
}

async function storeEtag(eventId: string, etag: string | null | undefined, updated: string | null | undefined) {
  await getDb().googleEventLink.update({
    where: { eventId },
    data: { etag: etag ?? null, googleUpdatedAt: updated ? new Date(updated) : new Date() },
    select: { eventId: true },
  });
}

/** SYNCED only if nobody edited meanwhile; otherwise it stays PENDING for the next round. */
async function recordPushed(eventId: string, pushedSequence: number) {
  const db = getDb();
  const now = new Date();
  const { count } = await db.googleEventLink.updateMany({
    where: { eventId, event: { sequence: pushedSequence } },
    data: { state: 'SYNCED', syncedSequence: pushedSequence, pendingSince: null, attempts: 0, lastError: null, lastPushedAt: now },
  });
  if (count === 0) {
    await db.googleEventLink.update({ where: { eventId }, data: { syncedSequence: pushedSequence, lastPushedAt: now }, select: { eventId: true } });
  }
}

/** The job's bookkeeping of a failed attempt, where support reads it (pending pushes, last errors). */
export async function recordPushFailure(eventId: string, error: unknown, permanent: boolean): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await getDb()
    .googleEventLink.update({
      where: { eventId },
      data: { attempts: { increment: 1 }, lastError: message.slice(0, 500), ...(permanent ? { state: 'FAILED' } : {}) },
      select: { eventId: true },
    })
    .catch(() => undefined);
}
