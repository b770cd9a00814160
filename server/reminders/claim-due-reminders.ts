// Claiming due reminders: one statement per batch over the partial index
// "CalendarEvent_reminder_due_idx" (reminderDueAt of unsent, live events). FOR UPDATE SKIP
// LOCKED lets any number of concurrent scans split the due events without waiting on each
// other; the claim is a lease (reminderLockedUntil), not a flag, so the events of a worker that
// died mid-send become claimable again once it expires, and no reminder is lost.
import { getPool } from '../db.ts';
import { REMINDER_MINUTES_MAX } from '../../shared/calendar-events.ts';

export type ClaimedReminder = { id: string };

export type ClaimOptions = {
  now: Date;
  limit: number;
  /** Minutes after the start during which a reminder may still go out (REMINDER_GRACE_MINUTES). */
  graceMinutes: number;
  /** How long the claim holds; a claim older than this is taken over by the next scan. */
  claimTtlMs: number;
  worker: string;
  /** A window that opened this recently is still served after the start (the poll interval). */
  onTimeSlackSec: number;
};

// Columns are `timestamp without time zone` holding UTC (Prisma's layout): parameters travel as
// ISO strings and are cast, so neither the process's nor the session's time zone matters.
const CLAIM_SQL = `
WITH due AS (
  SELECT "id" FROM "CalendarEvent"
  WHERE "reminderSentAt" IS NULL AND "deletedAt" IS NULL AND "reminderDueAt" IS NOT NULL
    AND "reminderDueAt" <= $1::timestamp
    -- A reminder is at most REMINDER_MINUTES_MAX before its start: this bounds the index range
    -- so missed windows of long-past events are never walked again.
    AND "reminderDueAt" > $1::timestamp - make_interval(mins => $2::int + $3::int)
    -- Not begun (beyond the grace), unless the window opened within the last poll interval:
    -- the scan could not have sent that one sooner ("at the start" reminders are due at start).
    AND ("startsAt" > $1::timestamp - make_interval(mins => $3::int) OR "reminderDueAt" > $1::timestamp - make_interval(secs => $7::int))
    AND ("reminderLockedUntil" IS NULL OR "reminderLockedUntil" <= $1::timestamp)
  ORDER BY "reminderDueAt"
  LIMIT $4
  FOR UPDATE SKIP LOCKED
)
UPDATE "CalendarEvent" AS e
SET "reminderLockedUntil" = $5::timestamp, "reminderClaimedBy" = $6
FROM due WHERE e."id" = due."id"
RETURNING e."id"`;

/** Claims up to `limit` due reminders for `worker`; each returned event is this worker's until the lease ends. */
export async function claimDueReminders(opts: ClaimOptions): Promise<ClaimedReminder[]> {
  const { rows } = await getPool().query<{ id: string }>(CLAIM_SQL, [
    opts.now.toISOString(),
    REMINDER_MINUTES_MAX,
    opts.graceMinutes,
    opts.limit,
    new Date(opts.now.getTime() + opts.claimTtlMs).toISOString(),
    opts.worker,
    Math.round(opts.onTimeSlackSec),
  ]);
  return rows;
}

/**
 * Ends a claim without marking the reminder sent: at once (`until` null) or, with deliveries
 * waiting to be retried, at the earliest retry, so the event is not re-claimed before.
 */
export async function releaseReminderClaim(eventId: string, worker: string, until: Date | null): Promise<void> {
  await getPool().query(
    `UPDATE "CalendarEvent" SET "reminderLockedUntil" = $3::timestamp, "reminderClaimedBy" = NULL
     WHERE "id" = $1 AND "reminderClaimedBy" = $2`,
    [eventId, worker, until?.toISOString() ?? null],
  );
}

/**
 * Marks the reminder sent, but only for the window that was processed: an update that moved the
 * event meanwhile (and so cleared reminderSentAt for a new window) must not be swallowed.
 * False when the window changed; the claim is then released for the new window.
 */
export async function completeReminder(opts: { eventId: string; worker: string; startsAt: Date; reminderMinutes: number; sentAt: Date }): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `UPDATE "CalendarEvent"
     SET "reminderSentAt" = $4::timestamp, "reminderLockedUntil" = NULL, "reminderClaimedBy" = NULL
     WHERE "id" = $1 AND "reminderSentAt" IS NULL AND "deletedAt" IS NULL
       AND "startsAt" = $2::timestamp AND "reminderMinutes" = $3`,
    [opts.eventId, opts.startsAt.toISOString(), opts.reminderMinutes, opts.sentAt.toISOString()],
  );
  if (rowCount) return true;
  await releaseReminderClaim(opts.eventId, opts.worker, null);
  return false;
}
