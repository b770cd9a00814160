// The periodic part of sync (issue 5): webhooks are not guaranteed, so every ACTIVE account is
// imported on a schedule anyway; channels close to expiry are renewed; pushes whose job was never
// queued (a failure after commit) are queued; reconnect e-mails that failed are sent again.
import { getDb } from '../db.ts';
import { enqueueGoogleImport, enqueueGooglePush, enqueueGoogleWatch } from './enqueue-google-jobs.ts';
import { accountsNeedingChannel } from './watch-channel.ts';
import { sendReauthEmail } from './mark-reauth-required.ts';

/** A PENDING link this old with no attempt yet lost its job. */
const ORPHAN_AFTER_MS = 2 * 60_000;

export async function runGoogleMaintenance(now = new Date()) {
  const db = getDb();
  const active = await db.account.findMany({ where: { status: 'ACTIVE', OR: [{ cooldownUntil: null }, { cooldownUntil: { lt: now } }] }, select: { id: true } });
  for (const { id } of active) await enqueueGoogleImport(id, 'periodic');
  const channels = await accountsNeedingChannel(now);
  for (const id of channels) await enqueueGoogleWatch(id);
  const orphans = await db.googleEventLink.findMany({
    where: { state: 'PENDING', attempts: 0, pendingSince: { lt: new Date(now.getTime() - ORPHAN_AFTER_MS) }, account: { status: 'ACTIVE' } },
    select: { eventId: true },
    take: 1000,
  });
  for (const { eventId } of orphans) await enqueueGooglePush(eventId);
  const unmailed = await db.account.findMany({ where: { status: 'REAUTH_REQUIRED', reauthEmailSentAt: null }, select: { id: true } });
  let mailed = 0;
  for (const { id } of unmailed) if (await sendReauthEmail(id)) mailed++;
  return { imports: active.length, channels: channels.length, orphanPushes: orphans.length, reauthEmails: mailed };
}
