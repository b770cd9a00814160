// Issue 5 end to end inside one process: the Express app listening for Google's webhook, Agenda
// running the Google jobs on PostgreSQL, and the stand-in pushing notifications with Google's
// headers. Coalesced pushes, backoff after 429, webhook tokens, lost notifications, manual sync.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../server/auth/sessions.ts';
import { SESSION_COOKIE } from '../server/auth/sessions.ts';
import { getDb, getPool } from '../server/db.ts';
import type { GoogleStandin } from '../server/dev/google-standin/index.ts';
import { googleIdFor } from '../server/google/event-mapping.ts';
import { setWebhookBaseUrl, WEBHOOK_PATH } from '../server/google/google-endpoints.ts';
import { importGoogleChanges } from '../server/google/import-google-changes.ts';
import { runGoogleMaintenance } from '../server/google/run-google-maintenance.ts';
import { watchGoogleCalendar } from '../server/google/watch-channel.ts';
import { createApp } from '../server/http/app.ts';
import { startJobs, type JobRunner } from '../server/jobs/agenda.ts';
import { closeJobQueue } from '../server/jobs/queue.ts';
import { googlePushEventJob } from '../server/jobs/definitions/google-push-event.ts';
import { googleImportJob } from '../server/jobs/definitions/google-import.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { testDatabaseUrl } from './support/per-file-database.ts';
import { accountOf, apiCalls, clearQueuedJobs, connectGoogle, linkOf, queuedJobs, startTestGoogle, type TestUser } from './support/google-fixtures.ts';
import { codeOf } from './support/trpc-code.ts';

let standin: GoogleStandin;
let server: Server;
let base: string;

beforeAll(async () => {
  process.env.GOOGLE_PUSH_DEBOUNCE_MS = '300';
  standin = await startTestGoogle();
  server = createApp({ clientDir: '/nonexistent' }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  setWebhookBaseUrl(base);
});
afterAll(async () => {
  await closeJobQueue();
  await new Promise((r) => server.close(r));
  await standin.close();
});
beforeEach(async () => {
  standin.clearFaults();
  standin.requests.length = 0;
  await clearQueuedJobs();
});

async function waitFor<T>(read: () => Promise<T> | T, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function newConnectedUser(): Promise<{ user: TestUser; accountId: string; email: string }> {
  const user = await createTestUser();
  const email = `g-${user.id.slice(0, 8)}@gmail.test`;
  standin.addAccount({ email });
  const accountId = await connectGoogle(user, email);
  await clearQueuedJobs();
  return { user, accountId, email };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function withJobs<T>(fn: () => Promise<T>): Promise<T> {
  const runner: JobRunner = await startJobs({ databaseUrl: testDatabaseUrl, jobs: [googlePushEventJob, googleImportJob], processEvery: '1 second' });
  try {
    return await fn();
  } finally {
    await runner.stop();
  }
}

describe('[CAL-G1][GOOGLE][JOBS] coalesced pushes with backoff', () => {
  it('a burst of 10 edits makes one queued job and one call to Google, carrying the last edit', async () => {
    const { user, email } = await newConnectedUser();
    const caller = await callerFor(user);
    const event = await caller.calendarEvents.create({ title: 'Edit 0', timezone: 'UTC', start: `${inDays(5)}T09:00`, end: `${inDays(5)}T10:00` });
    for (let i = 1; i <= 9; i++) await caller.calendarEvents.update({ id: event.id, patch: { title: `Edit ${i}` } });
    expect(await queuedJobs('google.push-event')).toHaveLength(1);

    await withJobs(() => waitFor(() => linkOf(event.id), (l) => l?.state === 'SYNCED'));
    expect(apiCalls(standin).filter((c) => !c.startsWith('GET'))).toEqual([`POST /calendar/v3/calendars/primary/events`]);
    expect(standin.getEvent(email, googleIdFor(event.id))?.summary).toBe('Edit 9');
  });

  it('429 with Retry-After: the job waits at least that long, then succeeds; one error and one success logged', async () => {
    const { user, email } = await newConnectedUser();
    standin.inject({ method: 'POST', path: '/events', status: 429, reason: 'rateLimitExceeded', retryAfterSec: 2 });
    const event = await (await callerFor(user)).calendarEvents.create({ title: 'Rate limited', timezone: 'UTC', start: `${inDays(6)}T09:00`, end: `${inDays(6)}T10:00` });
    await withJobs(() => waitFor(() => linkOf(event.id), (l) => l?.state === 'SYNCED', 25_000));
    const inserts = standin.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events'));
    expect(inserts.map((r) => r.status)).toEqual([429, 200]);
    expect(Date.parse(inserts[1]!.at) - Date.parse(inserts[0]!.at)).toBeGreaterThanOrEqual(2000);
    expect(standin.getEvent(email, googleIdFor(event.id))?.summary).toBe('Rate limited');
    expect(await linkOf(event.id)).toMatchObject({ attempts: 0, lastError: null });
  });

  it('a permanent error (400) is not retried: the link is FAILED with the reason, for support', async () => {
    const { user } = await newConnectedUser();
    standin.inject({ method: 'POST', path: '/events', status: 400, reason: 'invalid', message: 'Invalid attendee email.' });
    const event = await (await callerFor(user)).calendarEvents.create({ title: 'Broken', timezone: 'UTC', start: `${inDays(6)}T11:00`, end: `${inDays(6)}T12:00` });
    const link = await withJobs(() => waitFor(() => linkOf(event.id), (l) => l?.state === 'FAILED'));
    expect(link?.lastError).toContain('Invalid attendee email.');
    await new Promise((r) => setTimeout(r, 2500));
    expect(standin.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events'))).toHaveLength(1);
    const status = await (await callerFor(user)).googleCalendar.status();
    expect(status.account).toMatchObject({ failedPushes: 1, lastPushError: expect.stringContaining('Invalid attendee email.') });
  });
});

describe('[CAL-G2][GOOGLE][WEBHOOK] notifications schedule imports', () => {
  it('a watch channel gets `sync`, then a Google change (`exists`) queues an import that brings it in', async () => {
    const { user, email, accountId } = await newConnectedUser();
    await importGoogleChanges(accountId);
    const channel = await watchGoogleCalendar(accountId);
    await standin.settled();
    const account = await accountOf(accountId);
    expect(account).toMatchObject({ channelId: channel!.channelId, channelMessageNumber: 1 });
    expect(account.channelTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await queuedJobs('google.import')).toEqual([]);

    standin.upsertEvent(email, { summary: 'Made in Google', start: { dateTime: new Date(Date.now() + 86_400_000).toISOString() }, end: { dateTime: new Date(Date.now() + 88_000_000).toISOString() } });
    await standin.settled();
    expect((await queuedJobs('google.import')).map((j) => j.data)).toEqual([{ accountId, reason: 'webhook' }]);
    await withJobs(() => waitFor(() => getDb().calendarEvent.findFirst({ where: { ownerId: user.id, title: 'Made in Google' }, select: { id: true } }), (e) => !!e));
  });

  it('a notification with a wrong token, or for an unknown channel, is answered 200 and schedules nothing', async () => {
    const { accountId } = await newConnectedUser();
    const channel = await watchGoogleCalendar(accountId);
    await standin.settled();
    const post = (headers: Record<string, string>) => fetch(`${base}${WEBHOOK_PATH}`, { method: 'POST', headers });
    const forged = await post({ 'X-Goog-Channel-ID': channel!.channelId, 'X-Goog-Channel-Token': 'guessed', 'X-Goog-Resource-State': 'exists', 'X-Goog-Message-Number': '2' });
    expect(forged.status).toBe(200);
    const unknown = await post({ 'X-Goog-Channel-ID': 'not-ours', 'X-Goog-Resource-ID': 'nothing', 'X-Goog-Resource-State': 'exists', 'X-Goog-Message-Number': '5' });
    expect(unknown.status).toBe(200);
    expect(await queuedJobs('google.import')).toEqual([]);
    expect((await accountOf(accountId)).channelMessageNumber).toBe(1);
  });

  it('renewing a channel keeps the new one and stops the old one', async () => {
    const { email, accountId } = await newConnectedUser();
    const first = await watchGoogleCalendar(accountId);
    const second = await watchGoogleCalendar(accountId);
    await standin.settled();
    expect(standin.channels(email).map((c) => c.id)).toEqual([second!.channelId]);
    expect(standin.requests.some((r) => r.path.endsWith('/channels/stop') && (r.body as { id?: string }).id === first!.channelId)).toBe(true);
  });

  it('a lost notification is caught by the periodic import', async () => {
    const { user, email, accountId } = await newConnectedUser();
    await importGoogleChanges(accountId);
    await watchGoogleCalendar(accountId);
    await standin.settled();
    standin.dropNotifications(email, 1);
    standin.upsertEvent(email, { summary: 'Nobody told us', start: { dateTime: new Date(Date.now() + 86_400_000).toISOString() }, end: { dateTime: new Date(Date.now() + 88_000_000).toISOString() } });
    await standin.settled();
    expect(await queuedJobs('google.import')).toEqual([]);

    const run = await runGoogleMaintenance();
    expect(run.imports).toBeGreaterThanOrEqual(1);
    expect((await queuedJobs('google.import')).map((j) => j.data.accountId)).toContain(accountId);
    // Earlier tests' accounts were queued too; only this one matters here.
    await getPool().query(`DELETE FROM agenda_jobs WHERE name = 'google.import' AND data->>'accountId' <> $1`, [accountId]);
    await withJobs(() => waitFor(() => getDb().calendarEvent.findFirst({ where: { ownerId: user.id, title: 'Nobody told us' }, select: { id: true } }), (e) => !!e));

    // The next notification shows the gap in message numbers: it is logged and imports as well.
    await clearQueuedJobs();
    standin.upsertEvent(email, { summary: 'After the gap', start: { dateTime: new Date(Date.now() + 86_400_000).toISOString() }, end: { dateTime: new Date(Date.now() + 88_000_000).toISOString() } });
    await standin.settled();
    expect((await queuedJobs('google.import')).map((j) => j.data)).toEqual([{ accountId, reason: 'message_gap' }]);
  });
});

describe('[CAL-G2][GOOGLE][SYNC-NOW] POST /api/calendar/sync and the router', () => {
  async function cookieFor(user: TestUser) {
    const { token } = await createSession({ userId: user.id });
    return `${SESSION_COOKIE}=${token}`;
  }
  const sync = (cookie: string | null, body: unknown = {}) =>
    fetch(`${base}/api/calendar/sync`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

  it('imports and pushes now and says what changed; only admins may name another user', async () => {
    const { user, email } = await newConnectedUser();
    const other = await createTestUser();
    const admin = await createTestUser({ role: 'ADMIN' });
    standin.upsertEvent(email, { summary: 'From Google', start: { dateTime: new Date(Date.now() + 86_400_000).toISOString() }, end: { dateTime: new Date(Date.now() + 88_000_000).toISOString() } });
    const local = await (await callerFor(user)).calendarEvents.create({ title: 'From opsdeck', timezone: 'UTC', start: `${inDays(7)}T09:00`, end: `${inDays(7)}T10:00` });

    expect((await sync(null)).status).toBe(401);
    const bad = await sync(await cookieFor(user), { userId: 'nope' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ fieldErrors: { userId: ['Not a user id'] } });
    expect((await sync(await cookieFor(other), { userId: user.id })).status).toBe(403);
    expect((await sync(await cookieFor(other))).status).toBe(404);

    const res = await sync(await cookieFor(admin), { userId: user.id });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ userId: user.id, import: { status: 'done', created: 1 }, pushed: { attempted: 1, succeeded: 1, failed: 0 } });
    expect(standin.getEvent(email, googleIdFor(local.id))?.summary).toBe('From opsdeck');
  });

  it('status for the caller, forUser for staff only, and disconnect forgets the account and stops its channel', async () => {
    const { user, email, accountId } = await newConnectedUser();
    await watchGoogleCalendar(accountId);
    await standin.settled();
    const caller = await callerFor(user);
    expect(await caller.googleCalendar.status()).toMatchObject({ configured: true, demo: true, account: { email, status: 'ACTIVE', pendingPushes: 0 } });
    expect(await codeOf(caller.googleCalendar.forUser({ userId: user.id }))).toBe('FORBIDDEN');

    expect(await caller.googleCalendar.disconnect()).toEqual({ email });
    expect(await getDb().account.count({ where: { id: accountId } })).toBe(0);
    expect(standin.channels(email)).toEqual([]);
    expect(standin.requests.some((r) => r.path.endsWith('/revoke'))).toBe(true);
    const audit = await getDb().auditLog.findMany({ where: { targetId: accountId }, select: { action: true, actorId: true }, orderBy: { createdAt: 'asc' } });
    expect(audit).toEqual([
      { action: 'google.connect', actorId: user.id },
      { action: 'google.disconnect', actorId: user.id },
    ]);
    expect(await caller.googleCalendar.status()).toMatchObject({ account: null });
    expect(await codeOf(caller.googleCalendar.disconnect())).toBe('NOT_FOUND');
  });
});
