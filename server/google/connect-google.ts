// "Connect Google Calendar" (issue 5): OAuth 2 authorization code with PKCE (S256), offline
// access, and a state bound to the session that started it. The state row holds the verifier,
// sealed; it is single use and lives ten minutes.
import { createHash, randomBytes } from 'node:crypto';
import { CodeChallengeMethod } from 'google-auth-library';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { taggedLogger } from '../logger.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { logIntegrationEvent } from '../integrations/log-integration-event.ts';
import { getConfig } from '../config.ts';
import { classifyGoogleError } from './google-error.ts';
import { CALLBACK_PATH, googleEndpoints, type GoogleEndpoints } from './google-endpoints.ts';
import { GOOGLE_PROVIDER, oauthClient } from './google-session.ts';
import { openToken, sealToken } from './token-crypto.ts';
import { googleIdFor } from './event-mapping.ts';
import { enqueueGoogleImport, enqueueGooglePush, enqueueGoogleWatch } from './enqueue-google-jobs.ts';

const log = taggedLogger('sync');
export const GOOGLE_SCOPES = ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events'];
const STATE_TTL_MS = 10 * 60_000;

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

async function endpointsOrThrow(): Promise<GoogleEndpoints> {
  const endpoints = await googleEndpoints();
  if (!endpoints) throw new AppError('UNAVAILABLE', 'Google Calendar is not configured on this server (GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET)');
  return endpoints;
}

export function redirectUriFor(endpoints: GoogleEndpoints, origin: string): string {
  return endpoints.redirectUri ?? new URL(CALLBACK_PATH, getConfig().isProduction ? getConfig().publicBaseUrl : origin).toString();
}

/** The Google consent URL to send the browser to. */
export async function startGoogleConnect(opts: { userId: string; sessionId: string; origin: string; loginHint?: string }): Promise<string> {
  const endpoints = await endpointsOrThrow();
  const client = oauthClient(endpoints, redirectUriFor(endpoints, opts.origin));
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const state = randomBytes(32).toString('base64url');
  const db = getDb();
  await db.oAuthState.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.oAuthState.create({
    data: { stateHash: hashState(state), userId: opts.userId, sessionId: opts.sessionId, codeVerifierSealed: sealToken(codeVerifier), expiresAt: new Date(Date.now() + STATE_TTL_MS) },
    select: { stateHash: true },
  });
  return client.generateAuthUrl({
    access_type: 'offline',
    // Google returns a refresh token on the first consent only; asking again guarantees one.
    prompt: 'consent',
    scope: GOOGLE_SCOPES,
    state,
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    login_hint: opts.loginHint,
    include_granted_scopes: true,
  });
}

type IdClaims = { sub?: string; email?: string };

/**
 * The id_token came straight from the token endpoint over TLS, so its claims may be read
 * without checking the signature (OpenID Connect Core 1.0, 3.1.3.7).
 */
function readIdToken(idToken: string | null | undefined): IdClaims {
  const payload = idToken?.split('.')[1];
  if (!payload) return {};
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IdClaims;
  } catch {
    return {};
  }
}

export type ConnectResult = { email: string; accountId: string };

/** The callback: checks the state against the session, exchanges the code, stores the account. */
export async function completeGoogleConnect(opts: { sessionId: string; userId: string; state: string; code: string; origin: string; requestId?: string }): Promise<ConnectResult> {
  const endpoints = await endpointsOrThrow();
  const db = getDb();
  const pending = await db.oAuthState.findUnique({ where: { stateHash: hashState(opts.state) }, select: { stateHash: true, userId: true, sessionId: true, codeVerifierSealed: true, expiresAt: true } });
  // Single use whatever happens next: a replayed callback finds nothing.
  if (pending) await db.oAuthState.delete({ where: { stateHash: pending.stateHash }, select: { stateHash: true } });
  if (!pending || pending.sessionId !== opts.sessionId || pending.userId !== opts.userId || pending.expiresAt < new Date()) {
    throw new AppError('INVALID_INPUT', 'This Google sign-in did not start in this session or has expired; start again from the calendar settings');
  }
  const client = oauthClient(endpoints, redirectUriFor(endpoints, opts.origin));
  const started = performance.now();
  let tokens;
  try {
    ({ tokens } = await client.getToken({ code: opts.code, codeVerifier: openToken(pending.codeVerifierSealed) }));
  } catch (error) {
    const failure = classifyGoogleError(error);
    log.warn({ userId: opts.userId, status: failure.status, reason: failure.reason }, `[sync] Google code exchange failed: ${failure.message}`);
    logIntegrationEvent({ provider: GOOGLE_PROVIDER, event: 'gcal_error', outcome: 'error', latencyMs: Math.round(performance.now() - started), errorCode: failure.reason ?? String(failure.status ?? 'network'), errorMessage: failure.message, subject: opts.userId, metadata: { operation: 'oauth.token' } });
    throw new AppError('UNAVAILABLE', `Google did not accept the sign-in: ${failure.message}`);
  }
  logIntegrationEvent({ provider: GOOGLE_PROVIDER, event: 'gcal_token_refreshed', outcome: 'ok', latencyMs: Math.round(performance.now() - started), subject: opts.userId, metadata: { operation: 'oauth.token', grant: 'authorization_code' } });
  const claims = readIdToken(tokens.id_token);
  if (!claims.sub || !claims.email || !tokens.access_token) throw new AppError('UNAVAILABLE', 'Google did not say which account was connected; try again');
  if (!tokens.refresh_token) throw new AppError('UNAVAILABLE', 'Google did not grant offline access; try again and allow access');

  const other = await db.account.findFirst({ where: { provider: 'google', providerAccountId: claims.sub, userId: { not: opts.userId } }, select: { id: true } });
  if (other) throw new AppError('CONFLICT', `The Google account ${claims.email} is already connected to another opsdeck user`);

  const data = {
    providerAccountId: claims.sub,
    email: claims.email,
    scope: tokens.scope ?? GOOGLE_SCOPES.join(' '),
    accessTokenSealed: sealToken(tokens.access_token),
    refreshTokenSealed: sealToken(tokens.refresh_token),
    accessTokenExpiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : null,
    status: 'ACTIVE' as const,
    statusChangedAt: new Date(),
    lastRefreshAt: new Date(),
    lastRefreshError: null,
    reauthEmailSentAt: null,
    cooldownUntil: null,
  };
  const { account, pushes } = await db.$transaction(async (tx) => {
    const previous = await tx.account.findUnique({ where: { userId_provider: { userId: opts.userId, provider: 'google' } }, select: { id: true, providerAccountId: true, status: true } });
    // Another Google account than before: the old mirror state belongs to that one.
    if (previous && previous.providerAccountId !== claims.sub) await tx.account.delete({ where: { id: previous.id }, select: { id: true } });
    const account = await tx.account.upsert({
      where: { userId_provider: { userId: opts.userId, provider: 'google' } },
      create: { userId: opts.userId, provider: 'google', ...data },
      update: { ...data, ...(previous?.providerAccountId !== claims.sub ? { syncToken: null } : {}) },
      select: { id: true, email: true },
    });
    // The user's own upcoming events go to Google; ones already linked keep their link.
    const events = await tx.calendarEvent.findMany({
      where: { ownerId: opts.userId, deletedAt: null, endsAt: { gt: new Date() }, googleLink: null },
      select: { id: true },
      take: 2000,
      orderBy: { startsAt: 'asc' },
    });
    if (events.length) {
      await tx.googleEventLink.createMany({ data: events.map((e) => ({ eventId: e.id, accountId: account.id, googleEventId: googleIdFor(e.id), state: 'PENDING' as const, pendingSince: new Date() })) });
    }
    await recordAudit({ actorId: opts.userId, action: 'google.connect', targetType: 'Account', targetId: account.id, after: { email: claims.email, reconnect: previous?.status === 'REAUTH_REQUIRED' }, requestId: opts.requestId }, tx);
    return { account, pushes: events.map((e) => e.id) };
  });
  log.info({ userId: opts.userId, accountId: account.id, pushes: pushes.length }, 'Google Calendar connected');
  await enqueueGoogleWatch(account.id);
  await enqueueGoogleImport(account.id, 'connect');
  for (const eventId of pushes) await enqueueGooglePush(eventId);
  return { email: account.email, accountId: account.id };
}
