// support.* through the real router (issue 9, CAL-O2): who may search, diagnose and act, what
// each action does, and the audit row it leaves. Reminders go to a real SMTP server; Google
// calls go to the local stand-in through the real client libraries.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, getPool } from '../server/db.ts';
import type { GoogleStandin } from '../server/dev/google-standin/index.ts';
import { closeJobQueue } from '../server/jobs/queue.ts';
import { useMailCatcher } from '../server/reminders/mailer.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.ts';
import { clearQueuedJobs, connectGoogle, startTestGoogle, type TestUser } from './support/google-fixtures.ts';
import { codeOf } from './support/trpc-code.ts';

let standin: GoogleStandin;
let smtp: SmtpTestServer;

beforeAll(async () => {
  standin = await startTestGoogle();
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
  smtp.received.length = 0;
  smtp.clearRules();
  await clearQueuedJobs();
});

/** A wall-clock time in UTC, `minutes` from now, as the event form sends it. */
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

async function auditOf(actorId: string, action: string) {
  return getDb().auditLog.findMany({ where: { actorId, action }, orderBy: { createdAt: 'asc' } });
}

async function roles() {
  return { support: await createTestUser({ role: 'SUPPORT' }), admin: await createTestUser({ role: 'ADMIN' }), user: await createTestUser() };
}

async function expectStaffOnly(call: (c: Awaited<ReturnType<typeof callerFor>>) => Promise<unknown>, user: TestUser) {
  expect(await codeOf(call(await callerFor(user)))).toBe('FORBIDDEN');
  expect(await codeOf(call(await callerFor(null)))).toBe('UNAUTHORIZED');
}

describe('[CAL-O2][SUPPORT][FIND] support finds a user by e-mail or name', () => {
  it('matches case-insensitively, e-mail prefix first; users FORBIDDEN, anonymous UNAUTHORIZED', async () => {
    const { support, admin, user } = await roles();
    const tag = user.id.slice(0, 6);
    const ayse = await createTestUser({ email: `ayse.${tag}@firm.test`, name: `Ayşe Yılmaz ${tag}` });
    const other = await createTestUser({ email: `x.${tag}@firm.test`, name: `Mehmet AYSE.${tag}` });
    const found = await (await callerFor(support)).support.findUsers({ query: `AYSE.${tag}` });
    expect(found.items.map((u) => u.id)).toEqual([ayse.id, other.id]);
    expect(found.items[0]).toMatchObject({ email: ayse.email, name: ayse.name, role: 'USER' });
    expect(found.items[0]).not.toHaveProperty('passwordHash');
    expect((await (await callerFor(admin)).support.findUsers({ query: `yılmaz ${tag}` })).items.map((u) => u.id)).toEqual([ayse.id]);
    expect(await codeOf((await callerFor(support)).support.findUsers({ query: 'a' }))).toBe('BAD_REQUEST');
    await expectStaffOnly((c) => c.support.findUsers({ query: tag }), user);
  });
});

describe('[CAL-O2][SUPPORT][DIAGNOSE] one page of facts in the runbook order, and verdicts', () => {
  it('events with reminder, sent time and attendees; deliveries; Google; ICS; integration events; verdicts', async () => {
    const { support, user } = await roles();
    const owner = await createTestUser();
    const caller = await callerFor(owner);
    const upcoming = await caller.calendarEvents.create({
      title: 'Hearing',
      timezone: 'UTC',
      start: inMinutes(60 * 24),
      end: inMinutes(60 * 25),
      reminderMinutes: 30,
      attendees: [{ email: 'ada@example.com' }, { email: user.email }],
    });
    const recent = await caller.calendarEvents.create({ title: 'Filing', timezone: 'UTC', start: inMinutes(-120), end: inMinutes(-60), reminderMinutes: 30, attendees: [{ email: 'ghost@example.com' }] });
    await getDb().calendarEvent.update({ where: { id: recent.id }, data: { reminderSentAt: new Date(Date.now() - 150 * 60_000) } });
    const windowKey = `${recent.startsAt.toISOString()}|30`;
    await getDb().reminderDelivery.createMany({
      data: [
        { eventId: recent.id, recipient: owner.email, recipientUserId: owner.id, windowKey, status: 'SENT', attempts: 1, smtpResponse: '250 Queued', sentAt: new Date() },
        { eventId: recent.id, recipient: 'ghost@example.com', windowKey, status: 'FAILED', attempts: 1, smtpResponse: '550 5.1.1 User unknown', errorCode: 'EENVELOPE' },
      ],
    });
    await getDb().account.create({
      data: {
        userId: owner.id,
        provider: 'google',
        providerAccountId: `g-${owner.id}`,
        email: `g-${owner.id.slice(0, 8)}@gmail.test`,
        scope: 'https://www.googleapis.com/auth/calendar',
        status: 'REAUTH_REQUIRED',
        statusChangedAt: new Date(Date.now() - 2 * 86_400_000),
        lastRefreshError: 'invalid_grant: Token has been expired or revoked.',
        reauthEmailSentAt: new Date(Date.now() - 2 * 86_400_000),
      },
    });
    await caller.icsLinks.create({ name: 'iPhone' });
    await getPool().query(
      `INSERT INTO integration_events (provider, event, ok, occurred_at, source, subject, error_code, error_message)
       VALUES ('google_calendar', 'gcal_token_refresh', false, now(), 'internal', $1, 'invalid_grant', 'Token has been expired or revoked.')`,
      [owner.id],
    );

    const d = await (await callerFor(support)).support.diagnose({ userId: owner.id });
    expect(d.user).toMatchObject({ id: owner.id, email: owner.email });
    expect(d.events.map((e) => [e.title, e.when, e.relation, e.reminderMinutes])).toEqual([
      ['Hearing', 'UPCOMING', 'OWNER', 30],
      ['Filing', 'RECENT', 'OWNER', 30],
    ]);
    expect(d.events[0]!.attendees.map((a) => [a.email, a.rsvp, a.userId])).toEqual([
      ['ada@example.com', 'NEEDS_ACTION', null],
      [user.email, 'NEEDS_ACTION', user.id],
    ]);
    expect(d.events[1]!.reminderSentAt).toBeInstanceOf(Date);
    expect(d.deliveries.map((x) => [x.recipient, x.status, x.smtpResponse]).sort()).toEqual([
      [owner.email, 'SENT', '250 Queued'],
      ['ghost@example.com', 'FAILED', '550 5.1.1 User unknown'],
    ].sort());
    expect(d.google.account).toMatchObject({ status: 'REAUTH_REQUIRED', lastRefreshError: 'invalid_grant: Token has been expired or revoked.' });
    expect(d.google.account?.recentErrors[0]).toMatchObject({ event: 'gcal_token_refresh', code: 'invalid_grant' });
    expect(d.icsLinks.map((l) => [l.name, l.lastUsedAt, l.revokedAt])).toEqual([['iPhone', null, null]]);
    expect(d.integrationEvents.map((e) => [e.provider, e.event, e.outcome])).toEqual([['google_calendar', 'gcal_token_refresh', 'error']]);
    expect(JSON.stringify(d)).not.toMatch(/tokenHash|Sealed/);

    expect(d.verdicts.map((v) => [v.code, v.severity])).toEqual([
      ['reminderBounced', 'error'],
      ['reminderScheduled', 'ok'],
      ['googleReauthEmailed', 'error'],
      ['icsNeverFetched', 'warn'],
    ]);
    expect(d.verdicts[0]).toMatchObject({ values: { title: 'Filing', recipients: 2, sent: 1, failed: 1, recipient: 'ghost@example.com', code: '550' }, target: { kind: 'delivery', eventId: recent.id } });

    // The attendee's own diagnosis shows the event they attend, as an attendee.
    const asAttendee = await (await callerFor(support)).support.diagnose({ userId: user.id });
    expect(asAttendee.events.map((e) => [e.id, e.relation])).toEqual([[upcoming.id, 'ATTENDEE']]);
    expect(asAttendee.verdicts.find((v) => v.target.kind === 'google')?.code).toBe('googleNotConnected');

    expect(await codeOf((await callerFor(support)).support.diagnose({ userId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    await expectStaffOnly((c) => c.support.diagnose({ userId: owner.id }), user);
  });
});

describe('[CAL-O2][SUPPORT][RESEND] support resends a reminder now', () => {
  it('to all recipients through the real SMTP server, per-recipient results, new manual window, audited', async () => {
    const { support, user } = await roles();
    const owner = await createTestUser();
    const event = await (await callerFor(owner)).calendarEvents.create({
      title: 'Hearing',
      timezone: 'UTC',
      start: inMinutes(120),
      end: inMinutes(180),
      reminderMinutes: 30,
      attendees: [{ email: 'ada@example.com' }, { email: 'ghost@example.com' }, { email: 'bob@example.com' }],
    });
    await getDb().attendee.update({ where: { eventId_email: { eventId: event.id, email: 'bob@example.com' } }, data: { rsvp: 'DECLINED' } });
    smtp.reject('ghost@example.com', 550, Infinity);

    const result = await (await callerFor(support)).support.resendReminder({ eventId: event.id });
    expect(result.windowKey).toMatch(/^manual:\d{4}-\d{2}-\d{2}T/);
    expect(result.recipients.map((r) => [r.email, r.outcome, r.attempts]).sort()).toEqual([
      ['ada@example.com', 'SENT', 1],
      ['bob@example.com', 'DECLINED', 0],
      ['ghost@example.com', 'FAILED', 1],
      [owner.email, 'SENT', 1],
    ].sort());
    expect(result.recipients.find((r) => r.email === 'ghost@example.com')?.smtpResponse).toMatch(/^550/);
    expect(smtp.to('ada@example.com')).toHaveLength(1);
    expect(smtp.to('ada@example.com')[0]!.parsed.subject).toContain('Hearing');
    expect(smtp.to('bob@example.com')).toHaveLength(0);

    const rows = await getDb().reminderDelivery.findMany({ where: { eventId: event.id }, orderBy: { recipient: 'asc' } });
    expect(rows.map((r) => [r.recipient, r.status, r.windowKey])).toEqual([
      ['ada@example.com', 'SENT', result.windowKey],
      ['ghost@example.com', 'FAILED', result.windowKey],
      [owner.email, 'SENT', result.windowKey],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    // A manual send does not mark the scheduled reminder as done.
    expect((await getDb().calendarEvent.findUniqueOrThrow({ where: { id: event.id } })).reminderSentAt).toBeNull();

    const [audit] = await auditOf(support.id, 'support.resend_reminder');
    expect(audit).toMatchObject({ targetType: 'CalendarEvent', targetId: event.id });
    expect(audit!.after).toMatchObject({ windowKey: result.windowKey, recipient: null });

    // One recipient, again: a new window, so the unique key does not block it.
    const again = await (await callerFor(support)).support.resendReminder({ eventId: event.id, recipient: 'ADA@example.com' });
    expect(again.recipients.map((r) => [r.email, r.outcome])).toEqual([['ada@example.com', 'SENT']]);
    expect(again.windowKey).not.toBe(result.windowKey);
    expect(smtp.to('ada@example.com')).toHaveLength(2);
    expect(await auditOf(support.id, 'support.resend_reminder')).toHaveLength(2);

    expect(await codeOf((await callerFor(support)).support.resendReminder({ eventId: event.id, recipient: 'stranger@example.com' }))).toBe('BAD_REQUEST');
    expect(await codeOf((await callerFor(support)).support.resendReminder({ eventId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    await expectStaffOnly((c) => c.support.resendReminder({ eventId: event.id }), user);
    expect(smtp.to('ada@example.com')).toHaveLength(2);
  });

  it('a 4xx is reported once as it happened (no hidden retries)', async () => {
    const { admin } = await roles();
    const owner = await createTestUser();
    const event = await (await callerFor(owner)).calendarEvents.create({ title: 'Call', timezone: 'UTC', start: inMinutes(90), end: inMinutes(120), reminderMinutes: 10 });
    smtp.reject(owner.email.toLowerCase(), 451, 1);
    const result = await (await callerFor(admin)).support.resendReminder({ eventId: event.id });
    expect(result.recipients).toEqual([expect.objectContaining({ email: owner.email.toLowerCase(), outcome: 'FAILED', attempts: 1, smtpResponse: expect.stringMatching(/^451/) })]);
  });
});

describe('[CAL-O2][SUPPORT][GOOGLE] support runs a sync and asks the user to reconnect', () => {
  async function connected() {
    const owner = await createTestUser();
    const email = `g-${owner.id.slice(0, 8)}@gmail.test`;
    standin.addAccount({ email });
    const accountId = await connectGoogle(owner, email);
    return { owner, accountId };
  }

  it('syncGoogleNow imports and pushes now, audited; not connected is NOT_FOUND and audited as failed', async () => {
    const { support, user } = await roles();
    const { owner } = await connected();
    const result = await (await callerFor(support)).support.syncGoogleNow({ userId: owner.id });
    expect(result).toMatchObject({ userId: owner.id, import: { status: 'done' }, pushed: { failed: 0 } });
    const [ok] = await auditOf(support.id, 'support.google_sync_now');
    expect(ok).toMatchObject({ targetType: 'User', targetId: owner.id });
    expect(ok!.after).toMatchObject({ ok: true, import: { status: 'done' } });
    expect((await getDb().account.findFirstOrThrow({ where: { userId: owner.id } })).lastSyncAt).toBeInstanceOf(Date);

    const stranger = await createTestUser();
    expect(await codeOf((await callerFor(support)).support.syncGoogleNow({ userId: stranger.id }))).toBe('NOT_FOUND');
    const failed = (await auditOf(support.id, 'support.google_sync_now')).find((a) => a.targetId === stranger.id);
    expect(failed!.after).toMatchObject({ ok: false, error: 'Google Calendar is not connected for this user' });
    await expectStaffOnly((c) => c.support.syncGoogleNow({ userId: owner.id }), user);
  });

  it('requestGoogleReconnect sets REAUTH_REQUIRED with a reason naming the support user and mails the user once', async () => {
    const { support, user } = await roles();
    const { owner, accountId } = await connected();
    const first = await (await callerFor(support)).support.requestGoogleReconnect({ userId: owner.id });
    expect(first).toMatchObject({ accountId, changed: true, emailSent: true });
    const account = await getDb().account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.status).toBe('REAUTH_REQUIRED');
    expect(account.lastRefreshError).toBe(`Support (${support.name} <${support.email}>) asked the user to reconnect Google Calendar`);
    expect(smtp.to(owner.email.toLowerCase())).toHaveLength(1);

    const second = await (await callerFor(support)).support.requestGoogleReconnect({ userId: owner.id });
    expect(second).toMatchObject({ changed: false, emailSent: true });
    expect(smtp.to(owner.email.toLowerCase())).toHaveLength(1);

    const audits = await auditOf(support.id, 'support.google_request_reconnect');
    expect(audits.map((a) => [a.targetType, a.targetId, (a.after as { changed: boolean }).changed])).toEqual([
      ['Account', accountId, true],
      ['Account', accountId, false],
    ]);
    expect(await codeOf((await callerFor(support)).support.requestGoogleReconnect({ userId: user.id }))).toBe('NOT_FOUND');
    await expectStaffOnly((c) => c.support.requestGoogleReconnect({ userId: owner.id }), user);
  });
});

describe('[CAL-O2][SUPPORT][ICS] support revokes a user’s ICS links', () => {
  it('revokes every active link, audited as the support user; users FORBIDDEN', async () => {
    const { support, user } = await roles();
    const owner = await createTestUser();
    const own = await callerFor(owner);
    await own.icsLinks.create({ name: 'iPhone' });
    await own.icsLinks.create({ name: 'Outlook' });
    await expectStaffOnly((c) => c.support.revokeIcsLinks({ userId: owner.id }), user);
    expect(await (await callerFor(support)).support.revokeIcsLinks({ userId: owner.id })).toEqual({ revoked: 2 });
    expect(await own.icsLinks.list()).toEqual([]);
    const [audit] = await auditOf(support.id, 'support.ics_revoke_all');
    expect(audit).toMatchObject({ targetType: 'User', targetId: owner.id, after: { revoked: 2 } });
    const d = await (await callerFor(support)).support.diagnose({ userId: owner.id });
    expect(d.verdicts.filter((v) => v.target.kind === 'ics').map((v) => v.code)).toEqual(['icsAllRevoked']);
  });
});

describe('[CAL-O2][SUPPORT][GRANTS] admins grant support access to private events', () => {
  it('admins grant and revoke, audited; support and users FORBIDDEN to grant; support lists its own', async () => {
    const { support, admin, user } = await roles();
    const input = { supportUserId: support.id, userId: user.id, reason: 'Ticket 4411: reminder content', hours: 2 };
    expect(await codeOf((await callerFor(support)).support.grantPrivateAccess(input))).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(user)).support.grantPrivateAccess(input))).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(null)).support.grantPrivateAccess(input))).toBe('UNAUTHORIZED');
    expect(await codeOf((await callerFor(admin)).support.grantPrivateAccess({ ...input, supportUserId: user.id }))).toBe('BAD_REQUEST');

    const grant = await (await callerFor(admin)).support.grantPrivateAccess(input);
    expect(grant).toMatchObject({ supportUser: { id: support.id }, grantedBy: { id: admin.id }, user: { id: user.id }, reason: input.reason, revokedAt: null });
    expect(grant.expiresAt.getTime() - grant.createdAt.getTime()).toBeGreaterThan(2 * 3600_000 - 5_000);
    const [created] = await auditOf(admin.id, 'support.private_grant.create');
    expect(created).toMatchObject({ targetType: 'PrivateEventAccessGrant', targetId: grant.id, after: { supportUserId: support.id, userId: user.id, reason: input.reason } });

    expect((await (await callerFor(support)).support.privateGrants()).items.map((g) => g.id)).toEqual([grant.id]);
    expect(await codeOf((await callerFor(user)).support.privateGrants())).toBe('FORBIDDEN');

    expect(await codeOf((await callerFor(support)).support.revokePrivateGrant({ id: grant.id }))).toBe('FORBIDDEN');
    const revoked = await (await callerFor(admin)).support.revokePrivateGrant({ id: grant.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await auditOf(admin.id, 'support.private_grant.revoke')).toHaveLength(1);
  });
});
