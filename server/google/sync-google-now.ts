// CAL-G2's manual sync: import Google's changes, then push every pending local change, now,
// and say what changed. Failures are reported per event, not swallowed: they are also on the
// links (lastError) and in the integration events.
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import type { TSyncNowResult } from '../../shared/google.ts';
import { GoogleSyncError } from './google-error.ts';
import { importGoogleChanges } from './import-google-changes.ts';
import { pushEventToGoogle, recordPushFailure } from './push-event-to-google.ts';

export async function syncGoogleNow(userId: string): Promise<TSyncNowResult> {
  const db = getDb();
  const account = await db.account.findUnique({ where: { userId_provider: { userId, provider: 'google' } }, select: { id: true, status: true } });
  if (!account) throw new AppError('NOT_FOUND', 'Google Calendar is not connected for this user');
  if (account.status !== 'ACTIVE') throw new AppError('CONFLICT', 'Google needs reconnecting before this account can sync');
  let imported;
  try {
    imported = await importGoogleChanges(account.id, { correlationId: `manual:${userId}` });
  } catch (error) {
    throw new AppError('UNAVAILABLE', `Google sync failed: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
  }
  const pending = await db.googleEventLink.findMany({ where: { accountId: account.id, state: 'PENDING' }, select: { eventId: true }, take: 500 });
  const pushed = { attempted: pending.length, succeeded: 0, failed: 0, errors: [] as string[] };
  for (const { eventId } of pending) {
    try {
      await pushEventToGoogle(eventId, { correlationId: `manual:${userId}` });
      pushed.succeeded++;
    } catch (error) {
      pushed.failed++;
      const permanent = error instanceof GoogleSyncError && !error.retryable;
      await recordPushFailure(eventId, error, permanent);
      if (pushed.errors.length < 10) pushed.errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { userId, import: imported, pushed };
}
