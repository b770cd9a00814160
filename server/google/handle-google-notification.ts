// Google's push notifications (issue 5). Only a channel we created, with its token, may cause
// work; the work itself is an import job, so the answer is immediate. `sync` is the channel's
// hello; `exists` means something changed; a gap in X-Goog-Message-Number means a notification
// was lost, which the import covers as well.
import { getDb } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import { channelTokenMatches } from './channel-token.ts';
import { enqueueGoogleImport } from './enqueue-google-jobs.ts';
import { GoogleSession } from './google-session.ts';
import { googleEndpoints } from './google-endpoints.ts';
import { syncAccountSelect } from './account-select.ts';
import { stopChannel } from './watch-channel.ts';

const log = taggedLogger('sync');

export type GoogleNotification = {
  channelId?: string;
  token?: string;
  resourceId?: string;
  resourceState?: string;
  messageNumber?: number;
};

export type NotificationOutcome = 'import_scheduled' | 'acknowledged' | 'ignored_bad_token' | 'ignored_inactive' | 'unknown_channel_stopped' | 'unknown_channel';

export async function handleGoogleNotification(n: GoogleNotification): Promise<NotificationOutcome> {
  const db = getDb();
  const account = n.channelId
    ? await db.account.findUnique({ where: { channelId: n.channelId }, select: { id: true, status: true, channelTokenHash: true, channelMessageNumber: true } })
    : null;
  if (!account) return stopUnknownChannel(n);
  if (!channelTokenMatches(n.token, account.channelTokenHash)) {
    log.warn({ channelId: n.channelId }, '[sync] Google notification with a wrong channel token ignored');
    return 'ignored_bad_token';
  }
  if (account.status !== 'ACTIVE') return 'ignored_inactive';
  const last = account.channelMessageNumber;
  const gap = n.messageNumber !== undefined && last !== null && n.messageNumber > last + 1;
  if (n.messageNumber !== undefined) {
    // Only forward: notifications can arrive out of order.
    await db.account.updateMany({ where: { id: account.id, OR: [{ channelMessageNumber: null }, { channelMessageNumber: { lt: n.messageNumber } }] }, data: { channelMessageNumber: n.messageNumber } });
  }
  if (gap) log.warn({ accountId: account.id, last, got: n.messageNumber }, '[sync] Google notifications were lost (message number gap); importing');
  if (n.resourceState === 'sync' && !gap) return 'acknowledged';
  await enqueueGoogleImport(account.id, gap ? 'message_gap' : 'webhook');
  return 'import_scheduled';
}

/** A channel we no longer know (an old one after renewal, or a disconnected account): stop it. */
async function stopUnknownChannel(n: GoogleNotification): Promise<NotificationOutcome> {
  if (!n.channelId || !n.resourceId) return 'unknown_channel';
  const endpoints = await googleEndpoints();
  // Stopping needs a token of the calendar's owner: the account that watches the same resource.
  const owner = await getDb().account.findFirst({ where: { channelResourceId: n.resourceId, status: 'ACTIVE' }, select: syncAccountSelect });
  if (!endpoints || !owner) return 'unknown_channel';
  await stopChannel(new GoogleSession(owner, endpoints), n.channelId, n.resourceId);
  return 'unknown_channel_stopped';
}
