// Shared by the reminder tests: events at fixed wall-clock times (UTC) and a scan that always
// talks to the file's SMTP test server, with time passed in rather than waited for.
import { getDb } from '../../server/db.ts';
import { createMailer, type Mailer } from '../../server/reminders/mailer.ts';
import { scanAndSendReminders, type ScanOptions } from '../../server/reminders/scan-and-send-reminders.ts';
import type { TEventCreateInput } from '../../shared/calendar-events.ts';
import { callerFor, createTestUser } from './factories.ts';

export type TestUser = Awaited<ReturnType<typeof createTestUser>>;

/** Events start at 10:00 UTC on this day; a 30-minute reminder is due at 09:30. */
export const DAY = '2030-03-12';
export const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00.000Z`);

export function createEvent(owner: TestUser, overrides: Partial<TEventCreateInput> = {}) {
  return callerFor(owner).then((c) =>
    c.calendarEvents.create({
      title: 'Hearing',
      timezone: 'UTC',
      start: `${DAY}T10:00`,
      end: `${DAY}T11:00`,
      reminderMinutes: 30,
      ...overrides,
    }),
  );
}

export function testMailer(url: string, opts: { pool?: boolean } = {}): Mailer {
  return createMailer(url, { from: { name: 'opsdeck', address: 'reminders@opsdeck.test' }, ...opts });
}

export function scan(mailer: Mailer, opts: ScanOptions = {}) {
  return scanAndSendReminders({ mailer, retryBaseMs: 60_000, ...opts });
}

export async function deliveriesOf(eventId: string) {
  return getDb().reminderDelivery.findMany({ where: { eventId }, orderBy: { recipient: 'asc' } });
}

export async function reminderSentAt(eventId: string) {
  return (await getDb().calendarEvent.findUniqueOrThrow({ where: { id: eventId }, select: { reminderSentAt: true } })).reminderSentAt;
}

/** Each test starts from an empty calendar: scans see every due event in the database. */
export async function clearEvents() {
  await getDb().calendarEvent.deleteMany({});
}
