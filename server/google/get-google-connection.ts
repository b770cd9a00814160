// The Google connection as the user and support read it (CAL-G4, CAL-O2): state, token expiry,
// last refresh and its error, channel expiry, last successful sync, pending pushes, last errors.
// Never a token: accountStatusSelect has none.
import { getDb } from '../db.ts';
import type { TGoogleConnection } from '../../shared/google.ts';
import { accountStatusSelect } from './account-select.ts';
import { googleEndpoints } from './google-endpoints.ts';

export async function getGoogleConnection(userId: string, opts: { recentErrors?: boolean } = {}): Promise<TGoogleConnection> {
  const db = getDb();
  const [endpoints, account] = await Promise.all([googleEndpoints(), db.account.findUnique({ where: { userId_provider: { userId, provider: 'google' } }, select: accountStatusSelect })]);
  const demoControlUrl = endpoints?.standin ? new URL('/_standin/', endpoints.apiBaseUrl).toString() : null;
  if (!account) return { configured: !!endpoints, demo: endpoints?.standin ?? false, demoControlUrl, account: null };
  const [pending, failed, lastFailure, errors] = await Promise.all([
    db.googleEventLink.count({ where: { accountId: account.id, state: 'PENDING' } }),
    db.googleEventLink.count({ where: { accountId: account.id, state: 'FAILED' } }),
    db.googleEventLink.findFirst({ where: { accountId: account.id, lastError: { not: null } }, orderBy: { pendingSince: 'desc' }, select: { lastError: true, eventId: true } }),
    opts.recentErrors
      ? db.integrationEvent.findMany({
          where: { provider: 'google_calendar', ok: false, subject: userId },
          orderBy: { occurredAt: 'desc' },
          take: 10,
          select: { occurredAt: true, event: true, errorCode: true, errorMessage: true },
        })
      : Promise.resolve([]),
  ]);
  return {
    configured: !!endpoints,
    demo: endpoints?.standin ?? false,
    demoControlUrl,
    account: {
      ...account,
      pendingPushes: pending,
      failedPushes: failed,
      lastPushError: lastFailure?.lastError ?? null,
      recentErrors: errors.map((e) => ({ at: e.occurredAt, event: e.event, code: e.errorCode, message: e.errorMessage })),
    },
  };
}

/** Support's view of one event's mirror in Google (pending, synced, refused, and why). */
export async function getGoogleEventLink(eventId: string) {
  return getDb().googleEventLink.findUnique({
    where: { eventId },
    select: { state: true, googleEventId: true, origin: true, attempts: true, lastError: true, lastPushedAt: true, pendingSince: true, googleUpdatedAt: true },
  });
}
