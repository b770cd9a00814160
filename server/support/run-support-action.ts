// Support's Google and ICS actions on one user, each audited with what it did. A refused or
// failed action is audited too (with the error), then rethrown for the page to show.
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { markReauthRequired, sendReauthEmail } from '../google/mark-reauth-required.ts';
import { syncGoogleNow } from '../google/sync-google-now.ts';
import { revokeAllIcsTokensForUser } from '../ics/revoke-all-ics-links.ts';
import type { TSyncNowResult } from '../../shared/google.ts';
import type { TReconnectResult } from '../../shared/support.ts';

type Actor = { id: string; name: string; email: string };
type ActionOptions = { actor: Actor; userId: string; requestId?: string };

async function requireUser(userId: string): Promise<void> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No such user');
}

async function auditFailure(opts: ActionOptions, action: string, error: unknown): Promise<never> {
  await recordAudit({
    actorId: opts.actor.id,
    action,
    targetType: 'User',
    targetId: opts.userId,
    after: { ok: false, error: error instanceof Error ? error.message : String(error) },
    requestId: opts.requestId,
  });
  throw error;
}

export async function supportSyncGoogle(opts: ActionOptions): Promise<TSyncNowResult> {
  await requireUser(opts.userId);
  const result = await syncGoogleNow(opts.userId).catch((error: unknown) => auditFailure(opts, 'support.google_sync_now', error));
  await recordAudit({
    actorId: opts.actor.id,
    action: 'support.google_sync_now',
    targetType: 'User',
    targetId: opts.userId,
    after: { ok: true, import: { status: result.import.status, created: result.import.created, updated: result.import.updated, deleted: result.import.deleted }, pushed: result.pushed },
    requestId: opts.requestId,
  });
  return result;
}

export async function supportRequestGoogleReconnect(opts: ActionOptions): Promise<TReconnectResult> {
  await requireUser(opts.userId);
  const db = getDb();
  const account = await db.account.findUnique({ where: { userId_provider: { userId: opts.userId, provider: 'google' } }, select: { id: true } });
  if (!account) return auditFailure(opts, 'support.google_request_reconnect', new AppError('NOT_FOUND', 'Google Calendar is not connected for this user'));
  const reason = `Support (${opts.actor.name} <${opts.actor.email}>) asked the user to reconnect Google Calendar`;
  const changed = await markReauthRequired({ accountId: account.id, reason });
  // Already waiting for a reconnect: make sure the one e-mail of this episode went out.
  if (!changed) await sendReauthEmail(account.id);
  const after = await db.account.findUniqueOrThrow({ where: { id: account.id }, select: { reauthEmailSentAt: true } });
  const result = { accountId: account.id, changed, emailSent: after.reauthEmailSentAt !== null, reauthEmailSentAt: after.reauthEmailSentAt };
  await recordAudit({
    actorId: opts.actor.id,
    action: 'support.google_request_reconnect',
    targetType: 'Account',
    targetId: account.id,
    after: { userId: opts.userId, changed, emailSent: result.emailSent, reason },
    requestId: opts.requestId,
  });
  return result;
}

export async function supportRevokeIcsLinks(opts: ActionOptions): Promise<{ revoked: number }> {
  await requireUser(opts.userId);
  return getDb().$transaction(async (tx) => {
    const revoked = await revokeAllIcsTokensForUser(opts.userId, tx);
    await recordAudit({ actorId: opts.actor.id, action: 'support.ics_revoke_all', targetType: 'User', targetId: opts.userId, after: { revoked }, requestId: opts.requestId }, tx);
    return { revoked };
  });
}
