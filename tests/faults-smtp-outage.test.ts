// Fault drill: the SMTP server goes away for "a minute" (first its port is closed, then it
// answers 421 at the greeting) while reminders come due. Scans run with the product's own retry
// policy (REMINDER_MAX_ATTEMPTS, 60 s doubling backoff) on a clock that runs OUTAGE/60 s times
// faster than the wall, so the short drill in `npm test` is the same minute in product time and
// `npm run drills` runs it at real speed. Afterwards every recipient has exactly one message, each
// failed attempt is on record (delivery row reply, smtp_error event, log line) and nothing gave up.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getConfig } from '../server/config.ts';
import { getDb, getPool } from '../server/db.ts';
import { flushIntegrationEvents } from '../server/integrations/log-integration-event.ts';
import type { Mailer } from '../server/reminders/mailer.ts';
import { scanAndSendReminders } from '../server/reminders/scan-and-send-reminders.ts';
import { reminderLog } from '../server/reminders/send-reminder-delivery.ts';
import { createTestUser } from './support/factories.ts';
import { OUTAGE_MS, drillTimeout, recordDrill, sleep, startFlakySmtp, waitFor, type FlakySmtp } from './support/faults.ts';
import { at, clearEvents, createEvent, testMailer } from './support/reminder-fixtures.ts';

const PRODUCT_OUTAGE_MS = 60_000;
const SPEED = PRODUCT_OUTAGE_MS / OUTAGE_MS;
const EVENTS_PER_GROUP = 5;

let smtp: FlakySmtp;
let mailer: Mailer;

beforeAll(async () => {
  smtp = await startFlakySmtp();
  mailer = testMailer(smtp.url);
  await clearEvents();
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
});

const rowsOf = (eventIds: string[]) =>
  getDb().reminderDelivery.findMany({ where: { eventId: { in: eventIds } }, select: { id: true, eventId: true, recipient: true, status: true, attempts: true, smtpResponse: true, messageId: true } });

describe('[FAULTS][SMTP] SMTP down for a minute while reminders come due', () => {
  it('delivers every reminder once after it returns, records each failure, and gives up on none', { timeout: drillTimeout(5) }, async () => {
    const { maxAttempts } = getConfig().reminders;
    const owner = await createTestUser();
    const attendees = (g: string, i: number) => [{ email: `${g}${i}.a@example.com` }, { email: `${g}${i}.b@example.com` }];
    // Group A is due 5 s (product time) into the outage, while the port is closed.
    const group = async (g: string) => {
      const created = [];
      for (let i = 0; i < EVENTS_PER_GROUP; i++) created.push(await createEvent(owner, { title: `${g}${i}`, attendees: attendees(g, i) }));
      return created;
    };
    const groupA = await group('a');

    const errors = vi.spyOn(reminderLog, 'error');
    const realStart = Date.now();
    const productStart = at('09:29').getTime() + 55_000;
    const now = () => new Date(productStart + (Date.now() - realStart) * SPEED);
    let scanning = true;
    let scans = 0;
    const loop = (async () => {
      while (scanning) {
        await scanAndSendReminders({ mailer, now: now() });
        scans++;
        await sleep(1000);
      }
    })();

    await smtp.setMode('closed');
    const faultStart = Date.now();
    await sleep(OUTAGE_MS / 3);
    const refusedRows = await waitFor(() => rowsOf(groupA.map((e) => e.id)), (rows) => rows.length === EVENTS_PER_GROUP * 3 && rows.every((r) => r.status !== 'PENDING'), 10_000, 'group A attempted');
    await smtp.setMode('greeting-421');
    // Group B comes due during the 421s: created (already due) once the server answers again.
    const groupB = await group('b');
    await sleep(OUTAGE_MS / 3);
    const deferredRows = await waitFor(() => rowsOf(groupB.map((e) => e.id)), (rows) => rows.length === EVENTS_PER_GROUP * 3 && rows.every((r) => r.status !== 'PENDING'), 10_000, 'group B attempted');
    await sleep(faultStart + OUTAGE_MS - Date.now());
    await smtp.setMode('up');
    const faultEnd = Date.now();

    const all = [...groupA, ...groupB].map((e) => e.id);
    const expected = all.length * 3;
    await waitFor(() => rowsOf(all), (rows) => rows.length === expected && rows.every((r) => r.status === 'SENT' || r.status === 'FAILED'), OUTAGE_MS * 4 + 60_000, 'all delivered');
    const recoveredAt = Date.now();
    scanning = false;
    await loop;
    await flushIntegrationEvents();

    // During the outage nothing was sent, and every attempt was answered by the fault it met.
    expect(smtp.received.filter((m) => m.at < faultEnd)).toEqual([]);
    for (const r of refusedRows) expect(r).toMatchObject({ status: 'RETRYING', smtpResponse: expect.stringMatching(/ECONNREFUSED/) });
    for (const r of deferredRows) expect(r).toMatchObject({ status: 'RETRYING', smtpResponse: expect.stringMatching(/421/) });
    expect(smtp.refusedWith421).toBeGreaterThan(0);

    // Afterwards: each recipient exactly once, under the Message-ID its row recorded; nobody given up.
    const rows = await rowsOf(all);
    expect(rows.filter((r) => r.status !== 'SENT')).toEqual([]);
    // The owner is on every event: a delivery is one (event, recipient) row, named by its Message-ID.
    const byMessageId = new Map<string, string[][]>();
    for (const m of smtp.received) byMessageId.set(m.messageId, [...(byMessageId.get(m.messageId) ?? []), m.to]);
    for (const r of rows) expect(byMessageId.get(r.messageId!)).toEqual([[r.recipient]]);
    expect(smtp.received).toHaveLength(expected);
    expect(Math.max(...rows.map((r) => r.attempts))).toBeLessThan(maxAttempts);
    const events = await getDb().calendarEvent.findMany({ where: { id: { in: all } }, select: { reminderSentAt: true, reminderClaimedBy: true } });
    expect(events.every((e) => e.reminderSentAt && !e.reminderClaimedBy)).toBe(true);

    // Every failed attempt is on record three ways: the row's attempt count, one smtp_error event, one log line.
    const failedAttempts = rows.reduce((sum, r) => sum + r.attempts - 1, 0);
    expect(failedAttempts).toBeGreaterThanOrEqual(expected);
    const { rows: logged } = await getPool().query<{ event: string; n: string }>(
      `SELECT event, count(*) n FROM integration_events WHERE provider = 'smtp' AND correlation_id = ANY($1::text[]) GROUP BY event`,
      [rows.map((r) => r.id)],
    );
    expect(Object.fromEntries(logged.map((l) => [l.event, Number(l.n)]))).toEqual({ smtp_error: failedAttempts, smtp_email_sent: expected });
    const lines = errors.mock.calls.filter((c) => c[1] === 'Failed to send reminder email');
    expect(lines).toHaveLength(failedAttempts);

    recordDrill({
      drill: 'smtp-down-a-minute',
      outageMs: faultEnd - faultStart,
      unit: 'reminder e-mail',
      requests: failedAttempts + expected,
      acknowledged: expected,
      failures: failedAttempts,
      lost: rows.filter((r) => !byMessageId.has(r.messageId!)).length,
      doubled: smtp.received.length - expected,
      firstSuccessAfterFaultMs: Math.min(...smtp.received.map((m) => m.at)) - faultEnd,
      recoveredAfterFaultMs: recoveredAt - faultEnd,
      details: {
        productClockSpeed: SPEED,
        productOutageMs: PRODUCT_OUTAGE_MS,
        phases: 'port closed 1/3, greeting 421 2/3',
        maxAttemptsAllowed: maxAttempts,
        mostAttemptsUsed: Math.max(...rows.map((r) => r.attempts)),
        greetings421: smtp.refusedWith421,
        scans,
      },
    });
  });
});
