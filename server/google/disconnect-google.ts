// Disconnect: stop the watch channel and revoke the grant at Google while we still hold the
// tokens (both best effort, both logged), then forget the account and its mirror state.
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { taggedLogger } from '../logger.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withIntegrationEvent } from '../integrations/log-integration-event.ts';
import { GoogleSession, GOOGLE_PROVIDER } from './google-session.ts';
import { googleEndpoints } from './google-endpoints.ts';
import { syncAccountSelect } from './account-select.ts';
import { stopChannel } from './watch-channel.ts';
import { openToken } from './token-crypto.ts';
import { oauthClient } from './google-session.ts';

const log = taggedLogger('sync');

export async function disconnectGoogle(opts: { userId: string; actorId: string; requestId?: string }): Promise<{ email: string }> {
  const db = getDb();
  const account = await db.account.findUnique({ where: { userId_provider: { userId: opts.userId, provider: 'google' } }, select: syncAccountSelect });
  if (!account) throw new AppError('NOT_FOUND', 'Google Calendar is not connected');
  const endpoints = await googleEndpoints();
  if (endpoints && account.status === 'ACTIVE' && account.channelId && account.channelResourceId) {
    await stopChannel(new GoogleSession(account, endpoints), account.channelId, account.channelResourceId).catch(() => undefined);
  }
  const token = account.refreshTokenSealed ?? account.accessTokenSealed;
  if (endpoints && token) {
    await withIntegrationEvent(GOOGLE_PROVIDER, { ok: 'gcal_token_refreshed', error: 'gcal_error' }, () => oauthClient(endpoints).revokeToken(openToken(token)), {
      subject: account.userId,
      metadata: { operation: 'oauth.revoke' },
    }).catch((error) => log.warn({ err: error, accountId: account.id }, '[sync] revoking the Google grant failed; the tokens are forgotten anyway'));
  }
  await db.$transaction(async (tx) => {
    await tx.account.delete({ where: { id: account.id }, select: { id: true } });
    await recordAudit({ actorId: opts.actorId, action: 'google.disconnect', targetType: 'Account', targetId: account.id, before: { email: account.email, status: account.status }, requestId: opts.requestId }, tx);
  });
  return { email: account.email };
}
