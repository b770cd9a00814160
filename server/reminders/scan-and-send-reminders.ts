// CAL-R1..R5: one pass over the due reminders. Claim a batch (claim-due-reminders.ts), mail each
// recipient once per reminder window, record every delivery, then set reminderSentAt.
//
// Guarantees, and where they come from:
// - Two scans never process the same event at once: the claim is FOR UPDATE SKIP LOCKED plus a
//   lease (reminderLockedUntil), so concurrent workers split the due events.
// - A recipient is mailed at most once per window while workers live: the delivery row's unique
//   key (event, recipient, window) and its conditional attempt counter; SENT and FAILED rows
//   are never attempted again.
// - Nothing is lost when a worker dies: its lease expires (claimTtlMs) and the next scan takes
//   the event over, finishing the rows that are not SENT/FAILED. This is at-least-once: a worker
//   that dies after the SMTP server accepted a message and before the row says SENT costs that
//   one recipient one duplicate, carrying the same Message-ID. Exactly-once is not possible over
//   SMTP (the send and our write cannot commit together); we bound the duplicate instead.
// - A database outage costs neither a delay nor a duplicate while the worker lives: the sends it
//   made meanwhile are written SENT, and its claims handed back, by its next scan.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { getConfig } from '../config.ts';
import { getDb, isDatabaseUnavailable } from '../db.ts';
import { feedHost } from '../ics/render-ics-feed.ts';
import type { TReminderEventResult, TReminderScanSummary } from '../../shared/reminders.ts';
import { claimDueReminders, completeReminder, releaseReminderClaim } from './claim-due-reminders.ts';
import { currentMailer, type Mailer } from './mailer.ts';
import { reminderEventSelect, reminderRecipients, reminderWindowKey } from './reminder-recipients.ts';
import { renderReminderEmail, renderReminderIcs } from './render-reminder-email.ts';
import { attemptReminderDelivery, recordUnrecordedSends, reminderLog, type DeliveryRow } from './send-reminder-delivery.ts';
import { ensureDeliveryRows } from './delivery-rows.ts';

export type ScanOptions = {
  now?: Date;
  /** Most events processed in this scan (default: all that are due). */
  limit?: number;
  /** Events claimed per statement. */
  batchSize?: number;
  /** Defaults to the process's mailer over SMTP_URL. */
  mailer?: Mailer | null;
  graceMinutes?: number;
  /**
   * A reminder whose window opened at most this long ago still goes out after the event began
   * (default: the poll interval), since no scan could have sent it sooner.
   */
  onTimeSlackSec?: number;
  maxAttempts?: number;
  /** How long a claim holds before another scan may take the event over. */
  claimTtlMs?: number;
  /** First retry delay; doubled per attempt (with jitter), at most one hour. */
  retryBaseMs?: number;
  /** Events processed at once (each sends to its recipients in parallel too). */
  concurrency?: number;
  worker?: string;
  jobId?: string;
  afterSend?: (delivery: DeliveryRow) => void | Promise<void>;
};

export const DEFAULT_CLAIM_TTL_MS = 10 * 60_000;

/**
 * No reminder after the event began (beyond the grace period), with one exception: a window
 * that opened within the last poll interval. Without it a 0-minute ("at the start") reminder,
 * due exactly at the start, could never be sent, and a 2-minute one only by a lucky scan.
 */
export function reminderTooLate(o: { startsAt: Date; reminderMinutes: number; now: Date; graceMinutes: number; onTimeSlackSec: number }): boolean {
  const started = o.startsAt.getTime() + o.graceMinutes * 60_000 <= o.now.getTime();
  const dueAt = o.startsAt.getTime() - o.reminderMinutes * 60_000;
  return started && dueAt <= o.now.getTime() - o.onTimeSlackSec * 1000;
}
const DEFAULT_RETRY_BASE_MS = 60_000;
const RECIPIENT_CONCURRENCY = 5;

/** Runs `fn` over items, `limit` at a time; on an error it starts nothing new, but waits for what runs before rethrowing. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  });
  await Promise.all(workers);
  if (failure) throw failure.error;
  return results;
}

type Resolved = Required<Omit<ScanOptions, 'mailer' | 'limit' | 'jobId' | 'afterSend'>> &
  Pick<ScanOptions, 'jobId' | 'afterSend'> & { mailer: Mailer; host: string };

async function processEvent(eventId: string, o: Resolved): Promise<TReminderEventResult> {
  const event = await getDb().calendarEvent.findUnique({ where: { id: eventId }, select: reminderEventSelect });
  if (!event || event.deletedAt || event.reminderSentAt || event.reminderMinutes === null) {
    await releaseReminderClaim(eventId, o.worker, null);
    return { eventId, title: event?.title ?? '', windowKey: '', outcome: 'WINDOW_CHANGED', recipients: [] };
  }
  const window = { startsAt: event.startsAt, reminderMinutes: event.reminderMinutes };
  const windowKey = reminderWindowKey(window);
  const base = { eventId, title: event.title, windowKey };
  if (reminderTooLate({ startsAt: event.startsAt, reminderMinutes: event.reminderMinutes, now: o.now, graceMinutes: o.graceMinutes, onTimeSlackSec: o.onTimeSlackSec })) {
    await releaseReminderClaim(eventId, o.worker, null);
    return { ...base, outcome: 'STARTED', recipients: [] };
  }

  const planned = reminderRecipients(event);
  const mailed = planned.filter((r) => !r.skip);
  const rows = await ensureDeliveryRows({ eventId, windowKey, recipients: mailed.map((r) => ({ email: r.email, userId: r.userId })), now: o.now });
  const byRecipient = new Map(rows.map((r) => [r.recipient, r]));
  let ics: string | undefined;

  const results = await mapLimit(planned, RECIPIENT_CONCURRENCY, async (recipient) => {
    const row = byRecipient.get(recipient.email);
    if (recipient.skip || !row) {
      return { email: recipient.email, outcome: recipient.skip ?? 'DECLINED', attempts: 0, smtpResponse: null, final: true, retryAt: null };
    }
    const current = { email: recipient.email, attempts: row.attempts, smtpResponse: row.smtpResponse };
    if (row.status === 'SENT' || row.status === 'FAILED') return { ...current, outcome: 'ALREADY_DONE' as const, final: true, retryAt: null };
    if (row.status === 'RETRYING' && row.nextAttemptAt && row.nextAttemptAt > o.now) {
      return { ...current, outcome: 'WAITING' as const, final: false, retryAt: row.nextAttemptAt };
    }
    ics ??= renderReminderIcs(event, o.host);
    const message = renderReminderEmail({ event, recipient, host: o.host, ics });
    const outcome = await attemptReminderDelivery({
      delivery: row,
      message,
      mailer: o.mailer,
      host: o.host,
      now: o.now,
      maxAttempts: o.maxAttempts,
      retryBaseMs: o.retryBaseMs,
      jobId: o.jobId,
      afterSend: o.afterSend,
    });
    if (!outcome) return { ...current, outcome: 'ALREADY_DONE' as const, final: true, retryAt: null };
    const retryAt = outcome.status === 'RETRYING' ? outcome.nextAttemptAt : null;
    return { email: recipient.email, outcome: outcome.status, attempts: outcome.attempts, smtpResponse: outcome.smtpResponse, final: outcome.status !== 'RETRYING', retryAt };
  });

  const recipients = results.map(({ final: _f, retryAt: _r, ...r }) => r);
  if (results.every((r) => r.final)) {
    const completed = await completeReminder({ eventId, worker: o.worker, ...window, sentAt: new Date() });
    return { ...base, outcome: completed ? 'COMPLETE' : 'WINDOW_CHANGED', recipients };
  }
  const retryAt = results.reduce<Date | null>((min, r) => (r.retryAt && (!min || r.retryAt < min) ? r.retryAt : min), null);
  await releaseReminderClaim(eventId, o.worker, retryAt);
  return { ...base, outcome: 'RETRY_PENDING', recipients };
}

/**
 * Claims this process holds on events whose processing failed because PostgreSQL went away
 * (eventId -> claiming worker). Left alone, each would wait out its lease (claimTtlMs, ten
 * minutes) after the database came back: a restart made every claimed reminder ten minutes late
 * (fault drill tests/faults-reminders-postgres.test.ts). This process is alive and nothing of
 * those events is still in flight (mapLimit waits for every send), so the next scan here hands
 * them back at once, after writing the sends it made meanwhile (recordUnrecordedSends), so
 * nothing that went out is sent again.
 */
const abandonedClaims = new Map<string, string>();

async function releaseAbandonedClaims(): Promise<void> {
  for (const [eventId, worker] of abandonedClaims) {
    await releaseReminderClaim(eventId, worker, null);
    abandonedClaims.delete(eventId);
  }
}

export async function scanAndSendReminders(opts: ScanOptions = {}): Promise<TReminderScanSummary> {
  const mailer = opts.mailer === undefined ? await currentMailer() : opts.mailer;
  const summary: TReminderScanSummary = { mailer: mailer !== null, sent: 0, skipped: 0, failed: 0, retried: 0, events: [] };
  if (!mailer) {
    reminderLog.warn('SMTP_URL is not set and no mail catcher runs: no reminder e-mails are sent');
    return summary;
  }
  // Sends first: a claim handed back before its sends are on record would be re-sent.
  await recordUnrecordedSends();
  await releaseAbandonedClaims();
  const config = getConfig();
  const o: Resolved = {
    now: opts.now ?? new Date(),
    batchSize: opts.batchSize ?? 500,
    graceMinutes: opts.graceMinutes ?? config.reminders.graceMinutes,
    onTimeSlackSec: opts.onTimeSlackSec ?? config.reminders.pollIntervalSec,
    maxAttempts: opts.maxAttempts ?? config.reminders.maxAttempts,
    claimTtlMs: opts.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
    retryBaseMs: opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
    concurrency: opts.concurrency ?? 8,
    worker: opts.worker ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    jobId: opts.jobId,
    afterSend: opts.afterSend,
    mailer,
    host: feedHost(),
  };
  let remaining = opts.limit ?? Infinity;
  while (remaining > 0) {
    const claimed = await claimDueReminders({ ...o, limit: Math.min(o.batchSize, remaining) });
    if (claimed.length === 0) break;
    remaining -= claimed.length;
    const results = await mapLimit(claimed, o.concurrency, async ({ id }): Promise<TReminderEventResult> => {
      try {
        return await processEvent(id, o);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          abandonedClaims.set(id, o.worker);
          reminderLog.error({ err: error, eventId: id }, 'reminder processing failed: the database is unavailable; the next scan in this process takes the event up again');
          return { eventId: id, title: '', windowKey: '', outcome: 'ERROR', recipients: [] };
        }
        // State unknown (a send may have gone out): keep the claim so the lease expiry, not this
        // worker, decides when the event is tried again.
        reminderLog.error({ err: error, eventId: id }, 'reminder processing failed; the claim expires and a later scan completes it');
        return { eventId: id, title: '', windowKey: '', outcome: 'ERROR', recipients: [] };
      }
    });
    for (const event of results) {
      summary.events.push(event);
      for (const r of event.recipients) {
        if (r.outcome === 'SENT') summary.sent++;
        else if (r.outcome === 'FAILED') summary.failed++;
        else if (r.outcome === 'RETRYING') summary.retried++;
        else if (r.outcome !== 'WAITING') summary.skipped++;
      }
    }
    if (claimed.length < Math.min(o.batchSize, remaining + claimed.length)) break;
  }
  return summary;
}
