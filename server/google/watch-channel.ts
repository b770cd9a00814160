// Push notifications (issue 5): a web_hook channel per account, created on connect and renewed
// before expiry by a job. The new channel is stored before the old one is stopped, so there is
// no moment without one. Channels are a hint only; the periodic import runs regardless.
import { randomUUID } from 'node:crypto';
import { getDb } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import { GoogleSyncError } from './google-error.ts';
import { openGoogleSession, type CallContext, type GoogleSession } from './google-session.ts';
import { hashChannelToken, newChannelToken } from './channel-token.ts';
import { webhookAddress } from './google-endpoints.ts';

const log = taggedLogger('sync');
const CHANNEL_TTL_SEC = 7 * 86_400;
/** Renew when less than this is left: the renewal job runs hourly. */
export const CHANNEL_RENEW_BEFORE_MS = 24 * 3600_000;

export async function watchGoogleCalendar(accountId: string, context: CallContext = {}): Promise<{ channelId: string; expiresAt: Date } | null> {
  const session = await openGoogleSession(accountId);
  if (!session) return null;
  const id = randomUUID();
  const token = newChannelToken();
  // Stored before the call: Google sends the channel's `sync` message at once, often before
  // its answer reaches us, and a channel we do not know yet would be stopped as a stranger.
  await getDb().account.update({
    where: { id: accountId },
    data: { channelId: id, channelTokenHash: hashChannelToken(token), channelResourceId: null, channelExpiresAt: null, channelMessageNumber: null },
    select: { id: true },
  });
  const res = await session.call(
    'gcal_watch_renewed',
    'events.watch',
    (cal) =>
      cal.events.watch({
        calendarId: session.account.calendarId,
        requestBody: { id, type: 'web_hook', address: webhookAddress(), token, params: { ttl: String(CHANNEL_TTL_SEC) } },
      }),
    context,
  );
  const expiresAt = res.data.expiration ? new Date(Number(res.data.expiration)) : new Date(Date.now() + CHANNEL_TTL_SEC * 1000);
  await getDb().account.update({
    where: { id: accountId },
    data: { channelResourceId: res.data.resourceId ?? null, channelExpiresAt: expiresAt },
    select: { id: true },
  });
  // The channel this one replaces, as it was before the update above.
  const old = session.account;
  if (old.channelId && old.channelResourceId) await stopChannel(session, old.channelId, old.channelResourceId, context);
  return { channelId: id, expiresAt };
}

/** Stopping a channel Google already forgot (404) is done. */
export async function stopChannel(session: GoogleSession, channelId: string, resourceId: string, context: CallContext = {}): Promise<void> {
  try {
    await session.call('gcal_watch_renewed', 'channels.stop', (cal) => cal.channels.stop({ requestBody: { id: channelId, resourceId } }), context);
  } catch (error) {
    if (error instanceof GoogleSyncError && error.failure.kind === 'not_found') return;
    log.warn({ err: error, channelId }, '[sync] could not stop a Google watch channel; it expires by itself');
  }
}

export async function accountsNeedingChannel(now = new Date()): Promise<string[]> {
  const rows = await getDb().account.findMany({
    where: { status: 'ACTIVE', OR: [{ channelExpiresAt: null }, { channelExpiresAt: { lt: new Date(now.getTime() + CHANNEL_RENEW_BEFORE_MS) } }] },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
