// One authorised conversation with Google for one account. The sync owns token refresh
// instead of leaving it to google-auth-library: the library would refresh silently, and we
// must log each refresh, notice invalid_grant, and retry a 401 exactly once (toolchain note:
// with an expiry_date the library does not refresh on 401 by itself). gaxios' own retries are
// off for the same reason: backoff lives in the jobs, so retries never multiply and every
// logical call logs one integration event.
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import { getDb } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import { logIntegrationEvent } from '../integrations/log-integration-event.ts';
import { classifyGoogleError, GoogleSyncError, type GoogleFailure } from './google-error.ts';
import { googleEndpoints, type GoogleEndpoints } from './google-endpoints.ts';
import { openToken, sealToken } from './token-crypto.ts';
import { syncAccountSelect, type SyncAccount } from './account-select.ts';
import { markReauthRequired } from './mark-reauth-required.ts';
import { googleSyncCalls } from '../metrics/metrics.ts';

const log = taggedLogger('sync');
export const GOOGLE_PROVIDER = 'google_calendar';
/** Refresh this long before expiry, so a call never starts with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export type CallContext = { correlationId?: string; jobId?: string; attempt?: number };

export function oauthClient(endpoints: GoogleEndpoints, redirectUri?: string): OAuth2Client {
  return new OAuth2Client({
    clientId: endpoints.clientId,
    clientSecret: endpoints.clientSecret,
    redirectUri,
    endpoints: { oauth2AuthBaseUrl: endpoints.authUrl, oauth2TokenUrl: endpoints.tokenUrl, oauth2RevokeUrl: endpoints.revokeUrl },
  });
}

export async function requireGoogleEndpoints(): Promise<GoogleEndpoints> {
  const endpoints = await googleEndpoints();
  if (!endpoints) {
    throw new GoogleSyncError({ kind: 'client', message: 'Google Calendar is not configured here (GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET)' });
  }
  return endpoints;
}

export class GoogleSession {
  private accessToken: string | null;
  private expiresAt: Date | null;
  private readonly auth: OAuth2Client;
  readonly calendar: calendar_v3.Calendar;

  constructor(
    readonly account: SyncAccount,
    readonly endpoints: GoogleEndpoints,
  ) {
    this.accessToken = account.accessTokenSealed ? openToken(account.accessTokenSealed) : null;
    this.expiresAt = account.accessTokenExpiresAt;
    this.auth = oauthClient(endpoints);
    this.calendar = calendar({ version: 'v3', auth: this.auth, rootUrl: endpoints.apiBaseUrl, retry: false, retryConfig: { retry: 0 } });
  }

  /** A Google call: fresh token, one integration event, `[sync]` on failure, one retry after a 401. */
  async call<T>(eventName: string, operation: string, fn: (cal: calendar_v3.Calendar) => Promise<T>, context: CallContext = {}): Promise<T> {
    await this.ensureFreshToken(context);
    try {
      return await this.timed(eventName, operation, fn, context);
    } catch (error) {
      if (!(error instanceof GoogleSyncError) || error.failure.kind !== 'auth') throw error;
      // A token revoked early, or a clock skew: refresh once, then a second 401 means the grant is gone.
      await this.refresh(context);
      try {
        return await this.timed(eventName, operation, fn, context);
      } catch (again) {
        if (again instanceof GoogleSyncError && again.failure.kind === 'auth') {
          await markReauthRequired({ accountId: this.account.id, reason: `401 after a token refresh: ${again.failure.message}` });
        }
        throw again;
      }
    }
  }

  private async timed<T>(eventName: string, operation: string, fn: (cal: calendar_v3.Calendar) => Promise<T>, context: CallContext): Promise<T> {
    this.auth.setCredentials({ access_token: this.accessToken ?? undefined, token_type: 'Bearer' });
    const started = performance.now();
    try {
      const result = await fn(this.calendar);
      googleSyncCalls.inc({ operation, outcome: 'ok' });
      logIntegrationEvent({
        provider: GOOGLE_PROVIDER,
        event: eventName,
        outcome: 'ok',
        latencyMs: Math.round(performance.now() - started),
        subject: this.account.userId,
        metadata: { operation },
        ...context,
      });
      return result;
    } catch (error) {
      const failure = classifyGoogleError(error);
      this.logFailure(operation, failure, Math.round(performance.now() - started), context);
      throw new GoogleSyncError(failure);
    }
  }

  private logFailure(operation: string, failure: GoogleFailure, latencyMs: number, context: CallContext) {
    googleSyncCalls.inc({ operation, outcome: failure.kind });
    log.warn(
      { accountId: this.account.id, userId: this.account.userId, operation, status: failure.status, reason: failure.reason, ...context },
      `[sync] Google ${operation} failed: ${failure.status ?? 'no response'} ${failure.reason ?? ''} ${failure.message}`.replace(/\s+/g, ' ').trim(),
    );
    logIntegrationEvent({
      provider: GOOGLE_PROVIDER,
      event: 'gcal_error',
      outcome: 'error',
      latencyMs,
      errorCode: (failure.reason ?? (failure.status ? String(failure.status) : 'network')).slice(0, 100),
      errorMessage: failure.message.slice(0, 2000),
      subject: this.account.userId,
      metadata: { operation, status: failure.status ?? null, reason: failure.reason ?? null },
      ...context,
    });
  }

  private async ensureFreshToken(context: CallContext) {
    if (this.accessToken && this.expiresAt && this.expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS) return;
    await this.refresh(context);
  }

  /** Exchanges the refresh token; invalid_grant turns the account to REAUTH_REQUIRED (CAL-G4). */
  async refresh(context: CallContext = {}): Promise<void> {
    if (!this.account.refreshTokenSealed) {
      await markReauthRequired({ accountId: this.account.id, reason: 'No refresh token stored' });
      throw new GoogleSyncError({ kind: 'invalid_grant', message: 'No refresh token stored; the user must connect again' });
    }
    const started = performance.now();
    try {
      // A client of its own: the calendar client must never hold the refresh token, or the
      // library would start refreshing behind our back.
      const refresher = oauthClient(this.endpoints);
      refresher.setCredentials({ refresh_token: openToken(this.account.refreshTokenSealed) });
      const { credentials: tokens } = await refresher.refreshAccessToken();
      if (!tokens.access_token) throw new Error('The token endpoint answered without an access_token');
      this.accessToken = tokens.access_token;
      this.expiresAt = tokens.expiry_date ? new Date(tokens.expiry_date) : null;
      await getDb().account.update({
        where: { id: this.account.id },
        data: {
          accessTokenSealed: sealToken(tokens.access_token),
          accessTokenExpiresAt: this.expiresAt,
          // Google sends a new refresh token only sometimes; keep the old one otherwise.
          ...(tokens.refresh_token ? { refreshTokenSealed: sealToken(tokens.refresh_token) } : {}),
          lastRefreshAt: new Date(),
          lastRefreshError: null,
        },
        select: { id: true },
      });
      googleSyncCalls.inc({ operation: 'token refresh', outcome: 'ok' });
      logIntegrationEvent({
        provider: GOOGLE_PROVIDER,
        event: 'gcal_token_refreshed',
        outcome: 'ok',
        latencyMs: Math.round(performance.now() - started),
        subject: this.account.userId,
        ...context,
      });
    } catch (error) {
      const failure = classifyGoogleError(error);
      this.logFailure('token refresh', failure, Math.round(performance.now() - started), context);
      await getDb().account.update({
        where: { id: this.account.id },
        data: { lastRefreshError: `${failure.reason ?? failure.status ?? 'network'}: ${failure.message}`.slice(0, 500) },
        select: { id: true },
      });
      // Only a refused grant is the user's to fix; invalid_client or a 5xx is ours or Google's.
      if (failure.kind === 'invalid_grant') {
        await markReauthRequired({ accountId: this.account.id, reason: `Token refresh refused: ${failure.message}` });
        throw new GoogleSyncError({ ...failure, kind: 'invalid_grant' });
      }
      throw new GoogleSyncError(failure);
    }
  }
}

/** The session for an ACTIVE account, or null when sync must not run for it now. */
export async function openGoogleSession(accountId: string): Promise<GoogleSession | null> {
  const account = await getDb().account.findUnique({ where: { id: accountId }, select: syncAccountSelect });
  if (!account || account.status !== 'ACTIVE') return null;
  return new GoogleSession(account, await requireGoogleEndpoints());
}
