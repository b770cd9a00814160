// reminders.* through the real router: who may trigger a scan and read the delivery trail.
import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { createEvent } from './support/reminder-fixtures.ts';
import { codeOf } from './support/trpc-code.ts';

describe('[CAL-R4][REMINDER] reminders router', () => {
  it('scanNow is for admins only, runs one scan and is audited', async () => {
    const support = await createTestUser({ role: 'SUPPORT' });
    const user = await createTestUser();
    const admin = await createTestUser({ role: 'ADMIN' });
    expect(await codeOf((await callerFor(support)).reminders.scanNow())).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(user)).reminders.scanNow())).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(null)).reminders.scanNow())).toBe('UNAUTHORIZED');

    // No SMTP_URL in the test environment: the scan sends nothing and says so in its summary.
    const summary = await (await callerFor(admin)).reminders.scanNow();
    expect(summary).toEqual({ mailer: false, sent: 0, skipped: 0, failed: 0, retried: 0, events: [] });
    const audit = await getDb().auditLog.findFirst({ where: { actorId: admin.id, action: 'reminders.scan_now' } });
    expect(audit?.after).toMatchObject({ sent: 0, events: 0 });
  });

  it('deliveries are for support and admins, filtered by event or user, newest first, paged', async () => {
    const owner = await createTestUser();
    const support = await createTestUser({ role: 'SUPPORT' });
    expect(await codeOf((await callerFor(owner)).reminders.deliveries({}))).toBe('FORBIDDEN');

    const event = await createEvent(owner, { attendees: [{ email: 'x@example.com' }] });
    const other = await createEvent(owner);
    const windowKey = '2030-03-12T10:00:00.000Z|30';
    await getDb().reminderDelivery.createMany({
      data: [
        { eventId: event.id, recipient: owner.email, recipientUserId: owner.id, windowKey, status: 'SENT', attempts: 1, smtpResponse: '250 Queued', createdAt: new Date('2030-03-12T09:30:01Z') },
        { eventId: event.id, recipient: 'x@example.com', windowKey, status: 'FAILED', attempts: 1, smtpResponse: '550 Mailbox unavailable', errorCode: '550', createdAt: new Date('2030-03-12T09:30:02Z') },
        { eventId: other.id, recipient: owner.email, recipientUserId: owner.id, windowKey, status: 'RETRYING', attempts: 2, createdAt: new Date('2030-03-12T09:30:03Z') },
      ],
    });
    const caller = await callerFor(support);

    const byEvent = await caller.reminders.deliveries({ eventId: event.id, limit: 10 });
    expect(byEvent.items.map((d) => [d.recipient, d.status, d.attempts, d.smtpResponse])).toEqual([
      ['x@example.com', 'FAILED', 1, '550 Mailbox unavailable'],
      [owner.email, 'SENT', 1, '250 Queued'],
    ]);
    expect(byEvent.items[0]).toMatchObject({ eventTitle: 'Hearing', errorCode: '550' });
    expect(byEvent.nextCursor).toBeNull();

    const byUser = await caller.reminders.deliveries({ userId: owner.id, limit: 1 });
    expect(byUser.items.map((d) => [d.eventId, d.status])).toEqual([[other.id, 'RETRYING']]);
    const next = await caller.reminders.deliveries({ userId: owner.id, limit: 1, cursor: byUser.nextCursor! });
    expect(next.items.map((d) => [d.eventId, d.status])).toEqual([[event.id, 'SENT']]);
    expect(next.nextCursor).toBeNull();

    // Support looks a user up by (part of) the address, and narrows to failures.
    const byAddress = await caller.reminders.deliveries({ recipient: 'X@EXAMPLE' });
    expect(byAddress.items.map((d) => d.recipient)).toEqual(['x@example.com']);
    const failed = await caller.reminders.deliveries({ recipient: owner.email, status: 'RETRYING' });
    expect(failed.items.map((d) => [d.eventId, d.status])).toEqual([[other.id, 'RETRYING']]);
    expect((await caller.reminders.deliveries({ status: 'FAILED', eventId: other.id })).items).toEqual([]);
  });
});
