// Fault drill: PostgreSQL stops (fast shutdown) in the middle of a reminder scan and comes back
// OUTAGE later, while the scan loop keeps running in this process. Claims, delivery rows and
// sends are the product's (scanAndSendReminders against a real SMTP server). In the end every
// delivery has reached its recipient exactly once: sends the SMTP server accepted while their
// rows could not be written are recorded after the outage, not re-sent (a duplicate remains
// possible only for a worker that dies meanwhile, see scan-and-send-reminders.ts). No event stays
// claimed after recovery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer } from '../server/reminders/mailer.ts';
import { scanAndSendReminders } from '../server/reminders/scan-and-send-reminders.ts';
import { createTestUser } from './support/factories.ts';
import { OUTAGE_MS, drillTimeout, recordDrill, sleep, startDrillPostgres, startFlakySmtp, useDatabase, waitFor, type DrillPostgres, type FlakySmtp } from './support/faults.ts';
import { at, createEvent, testMailer } from './support/reminder-fixtures.ts';

const EVENTS = 40;
const ATTENDEES = 2;
const PER_EVENT = ATTENDEES + 1;

let db: DrillPostgres;
let smtp: FlakySmtp;
let mailer: Mailer;

beforeAll(async () => {
  db = await startDrillPostgres();
  await useDatabase(db.url);
  // A little slow per message, so the scan is mid-flight when PostgreSQL stops.
  smtp = await startFlakySmtp({ delayMs: 25 });
  mailer = testMailer(smtp.url);
});
afterAll(async () => {
  mailer?.close();
  await smtp?.close();
  await db?.close();
});

type Row = { id: string; event_id: string; recipient: string; status: string; attempts: number; message_id: string | null };

describe('[FAULTS][REMINDER] PostgreSQL restarted during a reminder scan', () => {
  it('every recipient ends with exactly one reminder, sends in flight are recorded not repeated, nothing left claimed', { timeout: drillTimeout(4) }, async () => {
    const owner = await createTestUser();
    const events = [];
    for (let i = 0; i < EVENTS; i++) {
      events.push(await createEvent(owner, { title: `Hearing ${i}`, attendees: Array.from({ length: ATTENDEES }, (_, a) => ({ email: `pg${i}.${a}@example.com` })) }));
    }
    const expected = EVENTS * PER_EVENT;

    // The product's clock runs with the wall here: claim leases and retry delays are real time.
    const realStart = Date.now();
    const now = () => new Date(at('09:31').getTime() + (Date.now() - realStart));
    let scanning = true;
    let scans = 0;
    let failedScans = 0;
    const loop = (async () => {
      while (scanning) {
        try {
          await scanAndSendReminders({ mailer, now: now() });
          scans++;
        } catch {
          failedScans++;
        }
        await sleep(500);
      }
    })();

    await waitFor(() => smtp.received.length, (n) => n >= expected / 4, 60_000, 'sends before the fault');
    const faultStart = Date.now();
    const sentBeforeFault = smtp.received.length;
    await db.stop('fast');
    await sleep(OUTAGE_MS);
    const restarting = Date.now();
    await db.start();
    const faultEnd = Date.now();

    const done = () =>
      db.query<{ open: string; claimed: string }>(
        `SELECT count(*) FILTER (WHERE "reminderSentAt" IS NULL) open, count(*) FILTER (WHERE "reminderClaimedBy" IS NOT NULL OR "reminderLockedUntil" IS NOT NULL) claimed FROM "CalendarEvent"`,
      );
    await waitFor(done, (r) => Number(r[0]!.open) === 0 && Number(r[0]!.claimed) === 0, OUTAGE_MS * 2 + 60_000, 'every reminder completed and unclaimed').catch(
      async (error: unknown) => {
        const stuck = await db.query(`SELECT "id", "reminderLockedUntil", "reminderClaimedBy" FROM "CalendarEvent" WHERE "reminderSentAt" IS NULL`);
        throw new Error(`${(error as Error).message}\nstuck: ${JSON.stringify(stuck.slice(0, 5))}`);
      },
    );
    const recoveredAt = Date.now();
    scanning = false;
    await loop;

    const rows = await db.query<Row>(`SELECT id, event_id, recipient, status::text, attempts, message_id FROM reminder_deliveries`);
    expect(rows).toHaveLength(expected);
    expect(rows.filter((r) => r.status !== 'SENT')).toEqual([]);
    const copies = new Map<string, { to: string[] }[]>();
    for (const m of smtp.received) copies.set(m.messageId, [...(copies.get(m.messageId) ?? []), { to: m.to }]);
    const lost = rows.filter((r) => !copies.has(r.message_id!));
    expect(lost).toEqual([]);
    const doubled = rows.filter((r) => copies.get(r.message_id!)!.length > 1);
    for (const r of rows) expect(copies.get(r.message_id!)).toEqual([{ to: [r.recipient] }]);
    expect(doubled).toEqual([]);
    expect(smtp.received).toHaveLength(expected);
    expect(failedScans).toBeGreaterThan(0);

    const firstAfter = smtp.received.find((m) => m.at > faultEnd);
    recordDrill({
      drill: 'postgres-restart-during-reminder-scan',
      outageMs: restarting - faultStart,
      unit: 'reminder e-mail',
      requests: smtp.received.length,
      acknowledged: expected,
      failures: failedScans,
      lost: lost.length,
      doubled: doubled.length,
      firstSuccessAfterFaultMs: firstAfter ? firstAfter.at - faultEnd : null,
      recoveredAfterFaultMs: recoveredAt - faultEnd,
      details: {
        shutdown: 'fast (SIGINT)',
        sentBeforeFault,
        scans,
        failedScans,
        // Accepted by SMTP after PostgreSQL had stopped: their rows were written SENT after the outage.
        sentWhileDatabaseDown: smtp.received.filter((m) => m.at >= faultStart && m.at < restarting).length,
      },
    });
  });
});
