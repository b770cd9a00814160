// Issue 5 (CAL-G1..G4): the real Google client libraries against the local stand-in, and a real
// PostgreSQL. Connect with PKCE, push (insert with our id, patch with If-Match, delete), import
// (full, incremental across pages, 410 recovery), token refresh and invalid_grant, conflicts,
// and that an imported change is never pushed back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import type { GoogleStandin } from '../server/dev/google-standin/index.ts';
import { completeGoogleConnect, startGoogleConnect } from '../server/google/connect-google.ts';
import { googleIdFor } from '../server/google/event-mapping.ts';
import { importGoogleChanges } from '../server/google/import-google-changes.ts';
import { pushEventToGoogle } from '../server/google/push-event-to-google.ts';
import { GoogleSyncError } from '../server/google/google-error.ts';
import { openToken } from '../server/google/token-crypto.ts';
import { closeJobQueue } from '../server/jobs/queue.ts';
import { useMailCatcher } from '../server/reminders/mailer.ts';
import { flushIntegrationEvents } from '../server/integrations/log-integration-event.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.ts';
import { accountOf, APP_ORIGIN, apiCalls, clearQueuedJobs, connectGoogle, consent, linkOf, queuedJobs, sessionFor, startTestGoogle, type TestUser } from './support/google-fixtures.ts';

let standin: GoogleStandin;
let smtp: SmtpTestServer;

beforeAll(async () => {
  standin = await startTestGoogle({ pageSize: 2 });
  smtp = await startSmtpTestServer();
  useMailCatcher(smtp.url);
});
afterAll(async () => {
  await closeJobQueue();
  await standin.close();
  useMailCatcher(null);
  await smtp.close();
});
beforeEach(async () => {
  standin.clearFaults();
  standin.requests.length = 0;
  smtp.received.length = 0;
  await clearQueuedJobs();
});

const soon = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
};

async function newConnectedUser(): Promise<{ user: TestUser; accountId: string; email: string }> {
  const user = await createTestUser();
  const email = `g-${user.id.slice(0, 8)}@gmail.test`;
  standin.addAccount({ email });
  const accountId = await connectGoogle(user, email);
  return { user, accountId, email };
}

async function createLocalEvent(user: TestUser, title = 'Hearing', day = 3) {
  return (await callerFor(user)).calendarEvents.create({ title, timezone: 'Europe/Istanbul', start: soon(day, 10), end: soon(day, 11), attendees: [{ email: 'ayse@example.com', name: 'Ayşe' }] });
}

describe('[CAL-G4][GOOGLE][CONNECT] OAuth with PKCE and a session-bound state', () => {
  it('stores an ACTIVE account with sealed tokens, the Google id and e-mail, and queues a watch and an import', async () => {
    const { accountId, email } = await newConnectedUser();
    const account = await accountOf(accountId);
    expect(account).toMatchObject({ status: 'ACTIVE', email, provider: 'google', providerAccountId: standin.account(email)!.sub });
    expect(account.refreshTokenSealed).toMatch(/^v1\./);
    // Sealed, not stored: the plain token is only recoverable with TOKEN_ENCRYPTION_KEY.
    expect(account.refreshTokenSealed).not.toContain(openToken(account.refreshTokenSealed!));
    expect(account.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    const tokenCall = standin.requests.find((r) => r.path.endsWith('/token'));
    expect(tokenCall?.body).toMatchObject({ grant_type: 'authorization_code', code_verifier: expect.stringMatching(/^[\w.~-]{43,128}$/) });
    expect((await queuedJobs('google.watch')).map((j) => j.data.accountId)).toContain(accountId);
    expect((await queuedJobs('google.import')).map((j) => j.data.accountId)).toContain(accountId);
  });

  it('refuses a callback from another session, and a state used twice', async () => {
    const user = await createTestUser();
    standin.addAccount({ email: 'twice@gmail.test' });
    const sessionId = await sessionFor(user);
    const otherSession = await sessionFor(user);
    const authUrl = await startGoogleConnect({ userId: user.id, sessionId, origin: APP_ORIGIN });
    expect(new URL(authUrl).searchParams.get('code_challenge_method')).toBe('S256');
    const answer = await consent(authUrl, 'twice@gmail.test');
    const attempt = (sid: string) => completeGoogleConnect({ sessionId: sid, userId: user.id, state: answer.get('state')!, code: answer.get('code')!, origin: APP_ORIGIN });
    await expect(attempt(otherSession)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // The state was consumed by the refused attempt: even the right session cannot use it now.
    await expect(attempt(sessionId)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await getDb().account.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('[CAL-G1][GOOGLE][PUSH] local changes reach Google', () => {
  it('inserts with the client id, patches with If-Match, deletes, and stores id and etag', async () => {
    const { user, email } = await newConnectedUser();
    const event = await createLocalEvent(user);
    expect((await queuedJobs('google.push-event')).map((j) => j.data.eventId)).toEqual([event.id]);
    expect(await pushEventToGoogle(event.id)).toBe('inserted');
    const google = standin.getEvent(email, googleIdFor(event.id))!;
    expect(google).toMatchObject({ summary: 'Hearing', start: { timeZone: 'Europe/Istanbul' }, attendees: [expect.objectContaining({ email: 'ayse@example.com', displayName: 'Ayşe' })] });
    expect(new Date(google.start!.dateTime!).toISOString()).toBe(event.startsAt.toISOString());
    let link = await linkOf(event.id);
    expect(link).toMatchObject({ state: 'SYNCED', etag: google.etag, syncedSequence: event.sequence });

    await (await callerFor(user)).calendarEvents.update({ id: event.id, patch: { title: 'Hearing (moved)', start: soon(4, 9), end: soon(4, 10) } });
    expect(await pushEventToGoogle(event.id)).toBe('updated');
    const patch = standin.requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers['if-match']).toBe(google.etag);
    expect(standin.getEvent(email, googleIdFor(event.id))).toMatchObject({ summary: 'Hearing (moved)' });
    link = await linkOf(event.id);
    expect(link?.etag).toBe(standin.getEvent(email, googleIdFor(event.id))!.etag);

    await (await callerFor(user)).calendarEvents.delete({ id: event.id });
    expect(await pushEventToGoogle(event.id)).toBe('deleted');
    expect(standin.getEvent(email, googleIdFor(event.id))?.status).toBe('cancelled');
    expect((await linkOf(event.id))?.state).toBe('SYNCED');
    // A second push of the same state calls nothing.
    standin.requests.length = 0;
    expect(await pushEventToGoogle(event.id)).toBe('up_to_date');
    expect(apiCalls(standin)).toEqual([]);
  });

  it('a retried insert whose first answer was lost adopts the event instead of duplicating it', async () => {
    const { user, email } = await newConnectedUser();
    const event = await createLocalEvent(user);
    // Google stored the first insert; we never learned its etag.
    standin.upsertEvent(email, { id: googleIdFor(event.id), summary: 'Hearing', start: { dateTime: event.startsAt.toISOString() }, end: { dateTime: event.endsAt.toISOString() } });
    expect(await pushEventToGoogle(event.id)).toBe('updated');
    expect(standin.events(email).filter((e) => e.id === googleIdFor(event.id))).toHaveLength(1);
    expect(apiCalls(standin, 'POST')).toHaveLength(1);
    expect((await linkOf(event.id))?.state).toBe('SYNCED');
  });

  it('429 with Retry-After surfaces as a retryable rate limit, and the next attempt succeeds', async () => {
    const { user, email } = await newConnectedUser();
    const event = await createLocalEvent(user);
    standin.inject({ method: 'POST', path: '/events', status: 429, reason: 'rateLimitExceeded', retryAfterSec: 7 });
    const failure = await pushEventToGoogle(event.id).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GoogleSyncError);
    expect((failure as GoogleSyncError).failure).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 7000 });
    expect((failure as GoogleSyncError).retryable).toBe(true);
    expect(await pushEventToGoogle(event.id)).toBe('inserted');
    expect(standin.getEvent(email, googleIdFor(event.id))?.summary).toBe('Hearing');
    await flushIntegrationEvents();
    const errors = await getDb().integrationEvent.findMany({ where: { provider: 'google_calendar', event: 'gcal_error', subject: user.id }, select: { errorCode: true } });
    expect(errors).toEqual([{ errorCode: 'rateLimitExceeded' }]);
  });
});

describe('[CAL-G2][GOOGLE][IMPORT] Google changes come in', () => {
  it('a first full sync reads every page, creates local events and saves the sync token after the last page', async () => {
    const { user, email, accountId } = await newConnectedUser();
    const start = new Date(Date.now() + 2 * 86_400_000);
    for (let i = 0; i < 5; i++) {
      standin.upsertEvent(email, { summary: `Google ${i}`, start: { dateTime: new Date(start.getTime() + i * 3600_000).toISOString(), timeZone: 'Europe/London' }, end: { dateTime: new Date(start.getTime() + (i + 1) * 3600_000).toISOString() } });
    }
    const day = start.toISOString().slice(0, 10);
    const next = new Date(start.getTime() + 86_400_000).toISOString().slice(0, 10);
    standin.upsertEvent(email, { summary: 'Holiday', start: { date: day }, end: { date: next } });

    const result = await importGoogleChanges(accountId);
    expect(result).toMatchObject({ status: 'done', full: true, created: 6, pages: 3 });
    const local = await getDb().calendarEvent.findMany({ where: { ownerId: user.id }, orderBy: { title: 'asc' }, select: { title: true, allDay: true, allDayStart: true, allDayEnd: true, timezone: true, googleLink: { select: { state: true, origin: true } } } });
    expect(local.map((e) => e.title)).toEqual(['Google 0', 'Google 1', 'Google 2', 'Google 3', 'Google 4', 'Holiday']);
    expect(local.find((e) => e.title === 'Holiday')).toMatchObject({ allDay: true, allDayStart: new Date(`${day}T00:00:00Z`), allDayEnd: new Date(`${next}T00:00:00Z`) });
    expect(local.find((e) => e.title === 'Google 0')).toMatchObject({ timezone: 'Europe/London', googleLink: { state: 'SYNCED', origin: 'google' } });
    expect((await accountOf(accountId)).syncToken).toBeTruthy();
    // Imported events are not pushed back.
    expect(await queuedJobs('google.push-event')).toEqual([]);
    expect(apiCalls(standin).filter((c) => !c.startsWith('GET'))).toEqual([]);
  });

  it('an incremental sync across pages applies updates and cancellations, and pushes nothing back', async () => {
    const { user, email, accountId } = await newConnectedUser();
    const base = Date.now() + 3 * 86_400_000;
    const ids = [0, 1, 2].map((i) => standin.upsertEvent(email, { summary: `E${i}`, start: { dateTime: new Date(base + i * 3600_000).toISOString() }, end: { dateTime: new Date(base + i * 3600_000 + 1800_000).toISOString() } }).id);
    await importGoogleChanges(accountId);
    const tokenBefore = (await accountOf(accountId)).syncToken;

    standin.upsertEvent(email, { id: ids[0], summary: 'E0 renamed' });
    standin.upsertEvent(email, { id: ids[1], location: 'Court 3' });
    standin.deleteEvent(email, ids[2]!);
    standin.requests.length = 0;
    const result = await importGoogleChanges(accountId);
    expect(result).toMatchObject({ full: false, updated: 2, deleted: 1, pages: 2 });
    expect(standin.requests.filter((r) => r.path.endsWith('/events')).every((r) => r.query.syncToken === tokenBefore)).toBe(true);
    const local = await getDb().calendarEvent.findMany({ where: { ownerId: user.id }, orderBy: { startsAt: 'asc' }, select: { title: true, location: true, deletedAt: true } });
    expect(local).toEqual([
      { title: 'E0 renamed', location: null, deletedAt: null },
      { title: 'E1', location: 'Court 3', deletedAt: null },
      { title: 'E2', location: null, deletedAt: expect.any(Date) },
    ]);
    expect((await accountOf(accountId)).syncToken).not.toBe(tokenBefore);
    expect(await queuedJobs('google.push-event')).toEqual([]);
  });

  it('410 Gone: the expired token is dropped and a full sync runs, without duplicating events', async () => {
    const { user, email, accountId } = await newConnectedUser();
    standin.upsertEvent(email, { summary: 'Kept', start: { dateTime: new Date(Date.now() + 86_400_000).toISOString() }, end: { dateTime: new Date(Date.now() + 90_000_000).toISOString() } });
    const gone = standin.upsertEvent(email, { summary: 'Deleted while we were away', start: { dateTime: new Date(Date.now() + 86_400_000).toISOString() }, end: { dateTime: new Date(Date.now() + 90_000_000).toISOString() } });
    await importGoogleChanges(accountId);
    standin.expireSyncTokens(email);
    standin.deleteEvent(email, gone.id);

    const result = await importGoogleChanges(accountId);
    expect(result).toMatchObject({ full: true, created: 0, deleted: 1 });
    const local = await getDb().calendarEvent.findMany({ where: { ownerId: user.id }, select: { title: true, deletedAt: true }, orderBy: { title: 'asc' } });
    expect(local).toEqual([
      { title: 'Deleted while we were away', deletedAt: expect.any(Date) },
      { title: 'Kept', deletedAt: null },
    ]);
    expect(standin.requests.some((r) => r.status === 410)).toBe(true);
    expect((await accountOf(accountId)).lastFullSyncAt).not.toBeNull();
  });
});

describe('[CAL-G4][GOOGLE][TOKENS] refresh and revoked grants', () => {
  it('refreshes an access token about to expire before the call, and logs gcal_token_refreshed', async () => {
    const { user, accountId } = await newConnectedUser();
    await getDb().account.update({ where: { id: accountId }, data: { accessTokenExpiresAt: new Date(Date.now() + 60_000) } });
    const before = await accountOf(accountId);
    await importGoogleChanges(accountId);
    const after = await accountOf(accountId);
    expect(openToken(after.accessTokenSealed!)).not.toBe(openToken(before.accessTokenSealed!));
    expect(after.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(after.lastRefreshAt!.getTime()).toBeGreaterThan(before.lastRefreshAt!.getTime());
    await flushIntegrationEvents();
    expect(await getDb().integrationEvent.count({ where: { provider: 'google_calendar', event: 'gcal_token_refreshed', subject: user.id } })).toBeGreaterThanOrEqual(2);
  });

  it('a 401 refreshes once and retries the call', async () => {
    const { email, accountId } = await newConnectedUser();
    standin.expireAccessTokens(email);
    const result = await importGoogleChanges(accountId);
    expect(result.status).toBe('done');
    expect(standin.requests.map((r) => r.status)).toContain(401);
    expect((await accountOf(accountId)).status).toBe('ACTIVE');
  });

  it('invalid_grant turns the account to REAUTH_REQUIRED, stops its sync and sends one e-mail', async () => {
    const { user, email, accountId } = await newConnectedUser();
    standin.revokeRefreshTokens(email);
    await expect(importGoogleChanges(accountId)).rejects.toMatchObject({ failure: { kind: 'invalid_grant' } });
    const account = await accountOf(accountId);
    expect(account).toMatchObject({ status: 'REAUTH_REQUIRED', lastRefreshError: expect.stringContaining('expired or revoked') });
    expect(smtp.to(user.email)).toHaveLength(1);
    expect(smtp.to(user.email)[0]!.parsed.subject).toBe('Reconnect Google Calendar to keep your calendar in sync');

    standin.requests.length = 0;
    expect(await importGoogleChanges(accountId)).toMatchObject({ status: 'skipped' });
    const event = await createLocalEvent(user);
    expect(await pushEventToGoogle(event.id)).toBe('not_linked');
    expect(standin.requests).toEqual([]);
    expect(smtp.to(user.email)).toHaveLength(1);

    // Support sees the state (CAL-G4). The writer buffers up to 250 ms by design
    // (it never delays the provider call), so the read waits for the flush: under
    // CI load the buffer was still open here and recentErrors came back empty.
    await flushIntegrationEvents();
    const support = await createTestUser({ role: 'SUPPORT' });
    const seen = await (await callerFor(support)).googleCalendar.forUser({ userId: user.id });
    expect(seen.account).toMatchObject({ status: 'REAUTH_REQUIRED', lastRefreshError: expect.stringContaining('revoked') });
    expect(seen.account!.recentErrors[0]).toMatchObject({ event: 'gcal_error', code: 'invalid_grant' });
    expect(JSON.stringify(seen)).not.toMatch(/Sealed|v1\./);

    // Reconnecting makes it ACTIVE again.
    await connectGoogle(user, email);
    expect((await accountOf(accountId)).status).toBe('ACTIVE');
  });
});

describe('[CAL-G1][GOOGLE][CONFLICT] both sides changed', () => {
  it('412 on a stale etag: Google changed later, so Google wins and nothing is overwritten', async () => {
    const { user, email } = await newConnectedUser();
    const event = await createLocalEvent(user);
    await pushEventToGoogle(event.id);
    await (await callerFor(user)).calendarEvents.update({ id: event.id, patch: { title: 'Local title' } });
    await new Promise((r) => setTimeout(r, 20));
    standin.upsertEvent(email, { id: googleIdFor(event.id), summary: 'Google title' });

    expect(await pushEventToGoogle(event.id)).toBe('google_won');
    expect(standin.requests.some((r) => r.method === 'PATCH' && r.status === 412)).toBe(true);
    expect(standin.getEvent(email, googleIdFor(event.id))?.summary).toBe('Google title');
    const local = await getDb().calendarEvent.findUniqueOrThrow({ where: { id: event.id }, select: { title: true } });
    expect(local.title).toBe('Google title');
    expect((await linkOf(event.id))?.state).toBe('SYNCED');
  });

  it('412 where the local edit is the later one: the local edit is patched over Google', async () => {
    const { user, email } = await newConnectedUser();
    const event = await createLocalEvent(user);
    await pushEventToGoogle(event.id);
    standin.upsertEvent(email, { id: googleIdFor(event.id), summary: 'Google title' });
    await new Promise((r) => setTimeout(r, 20));
    await (await callerFor(user)).calendarEvents.update({ id: event.id, patch: { title: 'Local title, later' } });

    expect(await pushEventToGoogle(event.id)).toBe('updated');
    expect(standin.getEvent(email, googleIdFor(event.id))?.summary).toBe('Local title, later');
    expect((await getDb().calendarEvent.findUniqueOrThrow({ where: { id: event.id }, select: { title: true } })).title).toBe('Local title, later');
  });
});
