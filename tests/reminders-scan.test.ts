// scanAndSendReminders() against a real SMTP server (smtp-server) and a real PostgreSQL:
// which events are due, re-planning on update, permanent vs temporary SMTP failures, two
// concurrent scans, and a worker dying between send and record (CAL-R1..R5, issue 4).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, getPool } from '../server/db.ts';
import { flushIntegrationEvents } from '../server/integrations/log-integration-event.ts';
import { reminderLog } from '../server/reminders/send-reminder-delivery.ts';
import type { Mailer } from '../server/reminders/mailer.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.ts';
import { at, clearEvents, createEvent, deliveriesOf, reminderSentAt, scan, testMailer, type TestUser } from './support/reminder-fixtures.ts';

let smtp: SmtpTestServer;
let mailer: Mailer;
let owner: TestUser;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  mailer = testMailer(smtp.url);
  owner = await createTestUser();
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
});
beforeEach(async () => {
  await clearEvents();
  smtp.received.length = 0;
  smtp.clearRules();
  vi.restoreAllMocks();
});

describe('[CAL-R3][REMINDER] which events are due', () => {
  it('sends once the window has arrived, not before, and sets reminderSentAt', async () => {
    const event = await createEvent(owner, { attendees: [{ email: 'ayse@example.com' }] });

    const early = await scan(mailer, { now: at('09:29') });
    expect(early.events).toEqual([]);
    expect(smtp.received).toHaveLength(0);

    const due = await scan(mailer, { now: at('09:31') });
    expect(due).toMatchObject({ sent: 2, skipped: 0, failed: 0, retried: 0 });
    expect(due.events).toEqual([
      expect.objectContaining({ eventId: event.id, outcome: 'COMPLETE', windowKey: '2030-03-12T10:00:00.000Z|30' }),
    ]);
    expect(smtp.to(owner.email)).toHaveLength(1);
    expect(smtp.to('ayse@example.com')).toHaveLength(1);
    expect(await reminderSentAt(event.id)).not.toBeNull();

    const again = await scan(mailer, { now: at('09:45') });
    expect(again.events).toEqual([]);
    expect(smtp.received).toHaveLength(2);
  });

  it('sends nothing for an event that already started, or after the grace period', async () => {
    const event = await createEvent(owner);
    expect((await scan(mailer, { now: at('10:00') })).events).toEqual([]);
    expect((await scan(mailer, { now: at('10:06'), graceMinutes: 5 })).events).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    expect(await reminderSentAt(event.id)).toBeNull();

    const late = await scan(mailer, { now: at('10:04'), graceMinutes: 5 });
    expect(late.sent).toBe(1);
  });

  it('sends an "at the start" reminder in the first poll interval after the start, not later', async () => {
    // Due exactly at 10:00: the scan runs every 60 s, so it can only see it after the start.
    const onTime = await createEvent(owner, { reminderMinutes: 0, title: 'At start' });
    expect((await scan(mailer, { now: at('09:59'), onTimeSlackSec: 60 })).events).toEqual([]);
    const served = await scan(mailer, { now: new Date(at('10:00').getTime() + 40_000), onTimeSlackSec: 60 });
    expect(served.events).toEqual([expect.objectContaining({ eventId: onTime.id, outcome: 'COMPLETE' })]);
    expect(smtp.to(owner.email)).toHaveLength(1);

    // Missed by more than one interval (the server was down): the event has begun, nothing goes out.
    const missed = await createEvent(owner, { reminderMinutes: 0, title: 'Missed' });
    expect((await scan(mailer, { now: new Date(at('10:00').getTime() + 61_000), onTimeSlackSec: 60 })).events).toEqual([]);
    expect(await reminderSentAt(missed.id)).toBeNull();
    // A 30-minute reminder never rides on the slack: its window opened long before the start.
    await clearEvents();
    await createEvent(owner, { reminderMinutes: 30, title: 'Long lead' });
    expect((await scan(mailer, { now: new Date(at('10:00').getTime() + 10_000), onTimeSlackSec: 60 })).events).toEqual([]);
    expect(smtp.received).toHaveLength(1);
  });

  it('sends nothing for a deleted event or one without a reminder', async () => {
    const deleted = await createEvent(owner);
    await (await callerFor(owner)).calendarEvents.delete({ id: deleted.id });
    await createEvent(owner, { reminderMinutes: null });
    expect((await scan(mailer, { now: at('09:45') })).events).toEqual([]);
    expect(smtp.received).toHaveLength(0);
  });

  it('mails the owner and attendees once per address and skips declined attendees', async () => {
    const attendee = await createTestUser();
    const event = await createEvent(owner, {
      attendees: [{ email: attendee.email }, { email: owner.email }, { email: 'declines@example.com' }],
    });
    await getDb().attendee.updateMany({ where: { eventId: event.id, email: 'declines@example.com' }, data: { rsvp: 'DECLINED' } });

    const summary = await scan(mailer, { now: at('09:40') });
    expect(summary).toMatchObject({ sent: 2, skipped: 1 });
    expect(summary.events[0]!.recipients.map((r) => [r.email, r.outcome]).sort()).toEqual(
      [[attendee.email, 'SENT'], [owner.email, 'SENT'], ['declines@example.com', 'DECLINED']].sort(),
    );
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([attendee.email, owner.email].sort());
    const rows = await deliveriesOf(event.id);
    expect(rows.map((r) => [r.recipient, r.status, r.attempts, r.recipientUserId])).toEqual(
      [[attendee.email, 'SENT', 1, attendee.id], [owner.email, 'SENT', 1, owner.id]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(rows.every((r) => r.smtpResponse?.startsWith('250') && r.messageId && r.sentAt)).toBe(true);
  });
});

describe('[CAL-R3][REMINDER] updates re-plan the reminder', () => {
  it('moving the start clears reminderSentAt and sends again for the new window; a title change does not', async () => {
    const event = await createEvent(owner);
    const caller = await callerFor(owner);
    await scan(mailer, { now: at('09:31') });
    expect(smtp.received).toHaveLength(1);

    await caller.calendarEvents.update({ id: event.id, patch: { title: 'Hearing (room 4)' } });
    expect(await reminderSentAt(event.id)).not.toBeNull();
    expect((await scan(mailer, { now: at('09:40') })).events).toEqual([]);

    await caller.calendarEvents.update({ id: event.id, patch: { start: '2030-03-12T10:30', end: '2030-03-12T11:30' } });
    expect(await reminderSentAt(event.id)).toBeNull();
    expect((await scan(mailer, { now: at('09:45') })).events).toEqual([]); // new window opens at 10:00
    const resent = await scan(mailer, { now: at('10:01') });
    expect(resent.events).toEqual([expect.objectContaining({ outcome: 'COMPLETE', windowKey: '2030-03-12T10:30:00.000Z|30' })]);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.parsed.subject).toContain('Hearing (room 4)');
    expect((await deliveriesOf(event.id)).map((d) => d.windowKey).sort()).toEqual(['2030-03-12T10:00:00.000Z|30', '2030-03-12T10:30:00.000Z|30']);
  });

  it('moving an event whose reminder waits for a retry plans the new window at once', async () => {
    const event = await createEvent(owner, { attendees: [{ email: 'busy@example.com' }] });
    smtp.reject('busy@example.com', 451);
    expect((await scan(mailer, { now: at('09:31'), retryBaseMs: 30 * 60_000 })).events[0]!.outcome).toBe('RETRY_PENDING');
    smtp.clearRules();
    await (await callerFor(owner)).calendarEvents.update({ id: event.id, patch: { start: '2030-03-12T10:05', end: '2030-03-12T11:00' } });
    const moved = await scan(mailer, { now: at('09:36') });
    expect(moved).toMatchObject({ sent: 2, retried: 0 });
    expect(moved.events).toEqual([expect.objectContaining({ outcome: 'COMPLETE', windowKey: '2030-03-12T10:05:00.000Z|30' })]);
    expect(smtp.to('busy@example.com')).toHaveLength(1);
  });

  it('a change of reminderMinutes is a new window too', async () => {
    const event = await createEvent(owner);
    await scan(mailer, { now: at('09:31') });
    await (await callerFor(owner)).calendarEvents.update({ id: event.id, patch: { reminderMinutes: 10 } });
    expect((await scan(mailer, { now: at('09:51') })).sent).toBe(1);
    expect(smtp.received).toHaveLength(2);
  });
});

describe('[CAL-R5][REMINDER] SMTP failures', () => {
  it('550 fails for good; 421 and 451 are retried with backoff and then sent; all are logged and recorded', async () => {
    const errors = vi.spyOn(reminderLog, 'error');
    const event = await createEvent(owner, {
      attendees: [{ email: 'gone@example.com' }, { email: 'busy@example.com' }, { email: 'slow@example.com' }],
    });
    smtp.reject('gone@example.com', 550);
    // 421 closes the connection (smtp-server, like real servers); 451 keeps it open.
    smtp.reject('busy@example.com', 421, 1);
    smtp.reject('slow@example.com', 451, 1);

    const first = await scan(mailer, { now: at('09:31') });
    expect(first).toMatchObject({ sent: 1, failed: 1, retried: 2 });
    expect(first.events[0]!.outcome).toBe('RETRY_PENDING');
    expect(await reminderSentAt(event.id)).toBeNull();
    let rows = new Map((await deliveriesOf(event.id)).map((d) => [d.recipient, d]));
    expect(rows.get('gone@example.com')).toMatchObject({ status: 'FAILED', attempts: 1, errorCode: '550', nextAttemptAt: null });
    expect(rows.get('gone@example.com')!.smtpResponse).toMatch(/^550 Mailbox unavailable/);
    expect(rows.get('slow@example.com')).toMatchObject({ status: 'RETRYING', attempts: 1, errorCode: '451' });
    expect(rows.get('slow@example.com')!.smtpResponse).toMatch(/^451 Try again later/);
    // The pool reports a 421 (the server hangs up) as a closed connection: retried all the same.
    const busy = rows.get('busy@example.com')!;
    expect(busy).toMatchObject({ status: 'RETRYING', attempts: 1 });
    expect(busy.errorCode).toMatch(/^(421|ECONNECTION)$/);
    // First retry after 60 s ± 20 %.
    for (const d of [busy, rows.get('slow@example.com')!]) {
      const delay = d.nextAttemptAt!.getTime() - at('09:31').getTime();
      expect(delay).toBeGreaterThanOrEqual(48_000);
      expect(delay).toBeLessThanOrEqual(72_000);
    }

    // The event is not claimed again before its first retry is due.
    expect((await scan(mailer, { now: at('09:31') })).events).toEqual([]);

    const second = await scan(mailer, { now: at('09:33') });
    expect(second).toMatchObject({ sent: 2, failed: 0, retried: 0, skipped: 2 });
    expect(second.events[0]!.outcome).toBe('COMPLETE');
    rows = new Map((await deliveriesOf(event.id)).map((d) => [d.recipient, d]));
    expect(rows.get('busy@example.com')).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(rows.get('slow@example.com')).toMatchObject({ status: 'SENT', attempts: 2, errorCode: null });
    expect(rows.get('gone@example.com')).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(await reminderSentAt(event.id)).not.toBeNull();
    expect(smtp.to('busy@example.com')).toHaveLength(1);
    expect(smtp.to('slow@example.com')).toHaveLength(1);
    expect(smtp.to('gone@example.com')).toHaveLength(0);

    const failures = errors.mock.calls.filter((c) => c[1] === 'Failed to send reminder email');
    expect(failures).toHaveLength(3);
    expect(reminderLog.bindings()).toMatchObject({ tag: 'reminder' });

    await flushIntegrationEvents();
    const { rows: logged } = await getPool().query(
      `SELECT event, ok, error_code FROM integration_events WHERE provider = 'smtp' AND metadata->>'eventId' = $1 ORDER BY id`,
      [event.id],
    );
    expect(logged.filter((r) => !r.ok).map((r) => r.event)).toEqual(['smtp_error', 'smtp_error', 'smtp_error']);
    expect(logged.filter((r) => !r.ok).map((r) => r.error_code)).toEqual(expect.arrayContaining(['550', '451']));
    expect(logged.filter((r) => r.ok).map((r) => r.event)).toEqual(['smtp_email_sent', 'smtp_email_sent', 'smtp_email_sent']);
  });

  it('gives up after REMINDER_MAX_ATTEMPTS deferrals, and a connection error counts as one', async () => {
    const event = await createEvent(owner, { attendees: [{ email: 'full@example.com' }] });
    smtp.reject('full@example.com', 452);
    await scan(mailer, { now: at('09:31'), maxAttempts: 2 });
    const last = await scan(mailer, { now: at('09:40'), maxAttempts: 2 });
    expect(last).toMatchObject({ failed: 1, retried: 0 });
    expect((await deliveriesOf(event.id)).find((d) => d.recipient === 'full@example.com')).toMatchObject({ status: 'FAILED', attempts: 2 });
    expect(await reminderSentAt(event.id)).not.toBeNull();

    const other = await createEvent(owner, { start: '2030-03-12T10:10', end: '2030-03-12T11:00' });
    const dead = testMailer('smtp://127.0.0.1:1'); // nothing listens on port 1
    try {
      const refused = await scan(dead, { now: at('09:41') });
      expect(refused).toMatchObject({ retried: 1, failed: 0 });
      expect((await deliveriesOf(other.id))[0]).toMatchObject({ status: 'RETRYING', errorCode: expect.stringMatching(/^E(CONNECTION|SOCKET)$/) });
    } finally {
      dead.close();
    }
  });
});

describe('[REMINDER] exactly once across workers, at least once across crashes', () => {
  it('two scans running at once send each e-mail exactly once', async () => {
    const events = [];
    for (let i = 0; i < 12; i++) {
      events.push(await createEvent(owner, { title: `Event ${i}`, attendees: [{ email: `a${i}@example.com` }, { email: `b${i}@example.com` }] }));
    }
    const otherMailer = testMailer(smtp.url);
    try {
      const [one, two] = await Promise.all([
        scan(mailer, { now: at('09:31'), batchSize: 3, worker: 'worker-1' }),
        scan(otherMailer, { now: at('09:31'), batchSize: 3, worker: 'worker-2' }),
      ]);
      expect(one.sent + two.sent).toBe(36);
      const processed = [...one.events, ...two.events].map((e) => e.eventId).sort();
      expect(processed).toEqual(events.map((e) => e.id).sort());
    } finally {
      otherMailer.close();
    }
    const perRecipient = new Map<string, number>();
    for (const m of smtp.received) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBe(25); // 24 attendees + the owner
    expect(perRecipient.get(owner.email)).toBe(12);
    expect([...perRecipient].filter(([to]) => to !== owner.email).every(([, n]) => n === 1)).toBe(true);
    expect(await getDb().calendarEvent.count({ where: { reminderSentAt: null } })).toBe(0);
  });

  it('a worker dying between send and record loses nothing: after the claim expires the next scan finishes, with at most one duplicate for the recipient in flight', async () => {
    const event = await createEvent(owner, { attendees: [{ email: 'first@example.com' }, { email: 'second@example.com' }] });
    let crashed = false;
    const crashing = await scan(mailer, {
      now: at('09:31'),
      claimTtlMs: 5 * 60_000,
      afterSend: (delivery) => {
        if (!crashed && delivery.recipient === 'first@example.com') {
          crashed = true;
          throw new Error('killed between send and record');
        }
      },
    });
    expect(crashing.events).toEqual([expect.objectContaining({ eventId: event.id, outcome: 'ERROR' })]);
    expect(smtp.to('first@example.com')).toHaveLength(1); // accepted by the server, not recorded
    expect(await reminderSentAt(event.id)).toBeNull();
    const pending = (await deliveriesOf(event.id)).find((d) => d.recipient === 'first@example.com')!;
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 1 });

    // The claim still holds: another worker does not touch the event before it expires.
    expect((await scan(mailer, { now: at('09:35') })).events).toEqual([]);

    const recovered = await scan(mailer, { now: at('09:37') });
    expect(recovered.events).toEqual([expect.objectContaining({ eventId: event.id, outcome: 'COMPLETE' })]);
    expect(await reminderSentAt(event.id)).not.toBeNull();
    const rows = await deliveriesOf(event.id);
    expect(rows.every((d) => d.status === 'SENT')).toBe(true);

    // The guarantee: everyone got the reminder; only the recipient in flight at the crash got it
    // twice, and both copies carry the same Message-ID.
    const firstCopies = smtp.to('first@example.com');
    expect(firstCopies).toHaveLength(2);
    expect(firstCopies[0]!.parsed.messageId).toBe(firstCopies[1]!.parsed.messageId);
    expect(smtp.to('second@example.com')).toHaveLength(1);
    expect(smtp.to(owner.email)).toHaveLength(1);
  });
});
