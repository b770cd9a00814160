// CAL-G1: a local change to an event whose owner has Google connected marks its link PENDING in
// the same transaction as the change (a crash between the two cannot lose the push), and the
// caller queues the coalesced push job after commit. Imports never come through here, so a
// change that came from Google is not pushed back.
import type { Prisma } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import { googleIdFor } from './event-mapping.ts';
import { enqueueGooglePush } from './enqueue-google-jobs.ts';

const log = taggedLogger('sync');

type Tx = Prisma.TransactionClient;

/** True when a push is due: call `queueGooglePushAfterCommit(eventId)` once the transaction committed. */
export async function markGooglePushPending(tx: Tx, event: { id: string; ownerId: string; deleted?: boolean }): Promise<boolean> {
  const link = await tx.googleEventLink.findUnique({ where: { eventId: event.id }, select: { eventId: true, etag: true, state: true } });
  if (link) {
    // Cancelling an event Google never received needs no call at all.
    if (event.deleted && !link.etag) {
      await tx.googleEventLink.update({ where: { eventId: event.id }, data: { state: 'SYNCED', pendingSince: null }, select: { eventId: true } });
      return false;
    }
    await tx.googleEventLink.update({
      where: { eventId: event.id },
      data: { state: 'PENDING', attempts: 0, lastError: null, ...(link.state === 'PENDING' ? {} : { pendingSince: new Date() }) },
      select: { eventId: true },
    });
    return true;
  }
  if (event.deleted) return false;
  const account = await tx.account.findFirst({ where: { userId: event.ownerId, provider: 'google', status: 'ACTIVE' }, select: { id: true } });
  if (!account) return false;
  await tx.googleEventLink.create({
    data: { eventId: event.id, accountId: account.id, googleEventId: googleIdFor(event.id), state: 'PENDING', pendingSince: new Date() },
    select: { eventId: true },
  });
  return true;
}

/** After commit. A failure to queue is not the user's problem: the periodic sweep finds the PENDING link. */
export async function queueGooglePushAfterCommit(eventId: string): Promise<void> {
  try {
    await enqueueGooglePush(eventId);
  } catch (error) {
    log.error({ err: error, eventId }, '[sync] could not queue the Google push; the periodic sync will pick it up');
  }
}
