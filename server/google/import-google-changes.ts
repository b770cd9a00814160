// CAL-G2: bring Google's changes in. Incremental with the stored syncToken; every page is read
// with the same query, then all of them are applied and the new token saved in ONE transaction,
// so a crash mid-way re-reads from the old token instead of skipping changes. 410 Gone (the token
// expired) wipes the mirror state and runs a full sync of a bounded window. Imported changes mark
// their links SYNCED, which is what keeps them from being pushed back.
import type { calendar_v3 } from '@googleapis/calendar';
import { getConfig } from '../config.ts';
import { getDb, type Prisma } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import { userIdsByEmail } from '../calendar/attendee-users.ts';
import { GoogleSyncError } from './google-error.ts';
import { openGoogleSession, type CallContext, type GoogleSession } from './google-session.ts';
import { fromGoogleEvent, type ImportedFields } from './event-mapping.ts';

const log = taggedLogger('sync');

export type ImportResult = {
  status: 'done' | 'skipped';
  skippedBecause?: string;
  full: boolean;
  pages: number;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Local edits newer than Google's: kept, and pushed by their own job. */
  keptLocal: number;
  ignored: number;
};

const empty = (full: boolean): ImportResult => ({ status: 'done', full, pages: 0, created: 0, updated: 0, deleted: 0, unchanged: 0, keptLocal: 0, ignored: 0 });

export async function importGoogleChanges(accountId: string, context: CallContext = {}): Promise<ImportResult> {
  const session = await openGoogleSession(accountId);
  if (!session) return { ...empty(false), status: 'skipped', skippedBecause: 'Google is not connected or needs reconnecting' };
  const { cooldownUntil } = session.account;
  if (cooldownUntil && cooldownUntil > new Date()) {
    throw new GoogleSyncError({ kind: 'quota', message: 'Google quota cool-down', retryAfterMs: cooldownUntil.getTime() - Date.now() });
  }
  try {
    return await runImport(session, session.account.syncToken, context);
  } catch (error) {
    if (error instanceof GoogleSyncError && error.failure.kind === 'gone' && session.account.syncToken) {
      log.warn({ accountId }, '[sync] sync token expired (410): wiping the mirror state and running a full sync');
      await getDb().account.update({ where: { id: accountId }, data: { syncToken: null }, select: { id: true } });
      return runImport(session, null, context);
    }
    await recordSyncError(accountId, error);
    throw error;
  }
}

async function recordSyncError(accountId: string, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  await getDb()
    .account.update({ where: { id: accountId }, data: { lastSyncError: message.slice(0, 500), lastSyncErrorAt: new Date() }, select: { id: true } })
    .catch(() => undefined);
}

async function runImport(session: GoogleSession, syncToken: string | null, context: CallContext): Promise<ImportResult> {
  const { google } = getConfig();
  const full = !syncToken;
  const now = Date.now();
  const window = full ? { timeMin: new Date(now - google.fullSyncPastDays * 86_400_000), timeMax: new Date(now + google.fullSyncFutureDays * 86_400_000) } : null;
  const items: calendar_v3.Schema$Event[] = [];
  let pageToken: string | undefined;
  let nextSyncToken: string | undefined;
  let pages = 0;
  do {
    const res = await session.call(
      'gcal_events_listed',
      'events.list',
      (cal) =>
        cal.events.list({
          calendarId: session.account.calendarId,
          pageToken,
          ...(syncToken ? { syncToken } : { timeMin: window!.timeMin.toISOString(), timeMax: window!.timeMax.toISOString() }),
        }),
      context,
    );
    pages++;
    items.push(...(res.data.items ?? []));
    pageToken = res.data.nextPageToken ?? undefined;
    nextSyncToken = res.data.nextSyncToken ?? undefined;
  } while (pageToken);
  if (!nextSyncToken) throw new GoogleSyncError({ kind: 'server', message: 'Google listed the changes without a nextSyncToken' });

  const result = await getDb().$transaction(
    (tx) => applyItems(tx, session, items, full ? window : null),
    { timeout: 60_000 },
  );
  await getDb().account.update({
    where: { id: session.account.id },
    data: { syncToken: nextSyncToken, lastSyncAt: new Date(), lastSyncError: null, ...(full ? { lastFullSyncAt: new Date() } : {}) },
    select: { id: true },
  });
  log.info({ accountId: session.account.id, full, pages, ...result }, 'Google changes imported');
  return { ...result, status: 'done', full, pages };
}

type Tx = Prisma.TransactionClient;
type Counts = Omit<ImportResult, 'status' | 'full' | 'pages' | 'skippedBecause'>;

async function applyItems(tx: Tx, session: GoogleSession, items: calendar_v3.Schema$Event[], fullWindow: { timeMin: Date; timeMax: Date } | null): Promise<Counts> {
  const counts: Counts = { created: 0, updated: 0, deleted: 0, unchanged: 0, keptLocal: 0, ignored: 0 };
  const { account } = session;
  const owner = await tx.user.findUniqueOrThrow({ where: { id: account.userId }, select: { timezone: true } });
  const ids = items.map((i) => i.id).filter((id): id is string => !!id);
  const ownIds = items.map((i) => i.extendedProperties?.private?.opsdeckEventId).filter((id): id is string => !!id && /^[0-9a-f-]{36}$/.test(id));
  const links = await tx.googleEventLink.findMany({
    where: { OR: [{ accountId: account.id, googleEventId: { in: ids } }, { eventId: { in: ownIds } }] },
    select: { eventId: true, googleEventId: true, accountId: true, state: true, event: { select: { updatedAt: true, deletedAt: true, sequence: true, ownerId: true } } },
  });
  const byGoogleId = new Map(links.filter((l) => l.accountId === account.id).map((l) => [l.googleEventId, l]));
  const byEventId = new Map(links.map((l) => [l.eventId, l]));
  const seen = new Set<string>();

  for (const item of items) {
    if (!item.id) continue;
    seen.add(item.id);
    const link = byGoogleId.get(item.id) ?? relinkable(byEventId.get(item.extendedProperties?.private?.opsdeckEventId ?? ''), account);
    const googleUpdatedAt = item.updated ? new Date(item.updated) : new Date();
    const linkData = { accountId: account.id, googleEventId: item.id, etag: item.etag ?? null, googleUpdatedAt };

    if (item.status === 'cancelled') {
      if (link && !link.event.deletedAt) {
        const deletedAt = new Date();
        const event = await tx.calendarEvent.update({ where: { id: link.eventId }, data: { deletedAt, updatedAt: deletedAt, sequence: { increment: 1 } }, select: { sequence: true } });
        await tx.googleEventLink.update({ where: { eventId: link.eventId }, data: { ...linkData, state: 'SYNCED', syncedSequence: event.sequence, pendingSince: null, attempts: 0, lastError: null }, select: { eventId: true } });
        counts.deleted++;
      } else {
        counts.ignored++;
      }
      continue;
    }
    // Recurring series would need a recurrence model this product does not have (yet).
    if (item.recurrence?.length || item.recurringEventId) {
      counts.ignored++;
      continue;
    }
    const fields = fromGoogleEvent(item, owner.timezone);
    if (!fields) {
      counts.ignored++;
      continue;
    }
    if (!link) {
      const users = await userIdsByEmail(tx, fields.attendees.map((a) => a.email));
      const { attendees, ...columns } = fields;
      const created = await tx.calendarEvent.create({
        data: { ...columns, ownerId: account.userId, attendees: { create: attendees.map((a) => ({ ...a, userId: users.get(a.email) ?? null })) } },
        select: { id: true, sequence: true },
      });
      await tx.googleEventLink.create({ data: { ...linkData, eventId: created.id, state: 'SYNCED', syncedSequence: created.sequence, origin: 'google' }, select: { eventId: true } });
      counts.created++;
      continue;
    }
    // Both sides changed: the later modification wins (issue 5, 412 handling).
    if (link.state === 'PENDING' && link.event.updatedAt > googleUpdatedAt) {
      await tx.googleEventLink.update({ where: { eventId: link.eventId }, data: { etag: linkData.etag, googleUpdatedAt }, select: { eventId: true } });
      counts.keptLocal++;
      continue;
    }
    const changed = await applyFields(tx, link.eventId, fields, link.event.deletedAt !== null);
    const sequence = changed ? changed.sequence : link.event.sequence;
    await tx.googleEventLink.update({ where: { eventId: link.eventId }, data: { ...linkData, state: 'SYNCED', syncedSequence: sequence, pendingSince: null, attempts: 0, lastError: null }, select: { eventId: true } });
    if (changed) counts.updated++;
    else counts.unchanged++;
  }

  if (fullWindow) counts.deleted += await deleteMissing(tx, account.id, seen, fullWindow);
  return counts;
}

/** After a 410 the link may be gone but our own id travels in extendedProperties. */
function relinkable<L extends { accountId: string; event: { ownerId: string } }>(link: L | undefined, account: { id: string; userId: string }): L | undefined {
  return link && link.event.ownerId === account.userId ? link : undefined;
}

const sameDate = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

async function applyFields(tx: Tx, eventId: string, fields: ImportedFields, wasDeleted: boolean): Promise<{ sequence: number } | null> {
  const current = await tx.calendarEvent.findUniqueOrThrow({
    where: { id: eventId },
    select: { title: true, description: true, location: true, timezone: true, allDay: true, startsAt: true, endsAt: true, allDayStart: true, allDayEnd: true, attendees: { select: { email: true, name: true, rsvp: true } } },
  });
  const { attendees, ...columns } = fields;
  const columnsChanged =
    current.title !== columns.title ||
    current.description !== columns.description ||
    current.location !== columns.location ||
    current.timezone !== columns.timezone ||
    current.allDay !== columns.allDay ||
    !sameDate(current.startsAt, columns.startsAt) ||
    !sameDate(current.endsAt, columns.endsAt) ||
    !sameDate(current.allDayStart, columns.allDayStart) ||
    !sameDate(current.allDayEnd, columns.allDayEnd);
  const key = (a: { email: string; name: string | null; rsvp: string }) => `${a.email}|${a.name ?? ''}|${a.rsvp}`;
  const attendeesChanged = current.attendees.map(key).sort().join('\n') !== attendees.map(key).sort().join('\n');
  if (!columnsChanged && !attendeesChanged && !wasDeleted) return null;

  const moved = !sameDate(current.startsAt, columns.startsAt);
  const updated = await tx.calendarEvent.update({
    where: { id: eventId },
    data: {
      ...columns,
      sequence: { increment: 1 },
      updatedAt: new Date(),
      // A revived event (Google restored it) is visible again.
      deletedAt: null,
      // CAL-R3 holds whoever moved the event.
      ...(moved ? { reminderSentAt: null } : {}),
    },
    select: { sequence: true },
  });
  if (attendeesChanged) {
    await tx.attendee.deleteMany({ where: { eventId } });
    const users = await userIdsByEmail(tx, attendees.map((a) => a.email));
    await tx.attendee.createMany({ data: attendees.map((a) => ({ ...a, eventId, userId: users.get(a.email) ?? null })) });
  }
  return updated;
}

/** A full sync lists everything in the window: a synced event it did not list is gone from Google. */
async function deleteMissing(tx: Tx, accountId: string, seen: Set<string>, window: { timeMin: Date; timeMax: Date }): Promise<number> {
  const candidates = await tx.googleEventLink.findMany({
    where: { accountId, state: 'SYNCED', etag: { not: null }, event: { deletedAt: null, startsAt: { lt: window.timeMax }, endsAt: { gt: window.timeMin } } },
    select: { eventId: true, googleEventId: true },
  });
  const missing = candidates.filter((c) => !seen.has(c.googleEventId));
  for (const link of missing) {
    const deletedAt = new Date();
    const event = await tx.calendarEvent.update({ where: { id: link.eventId }, data: { deletedAt, updatedAt: deletedAt, sequence: { increment: 1 } }, select: { sequence: true } });
    await tx.googleEventLink.update({ where: { eventId: link.eventId }, data: { syncedSequence: event.sequence }, select: { eventId: true } });
  }
  return missing.length;
}
