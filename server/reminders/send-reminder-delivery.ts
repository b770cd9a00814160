// One attempt at one delivery row: record the attempt, send, record the outcome. The attempt is
// written before the send, so a process that dies after the SMTP server accepted the message
// leaves a PENDING/RETRYING row with the attempt counted; the next claim re-sends it (at least
// once) with the same Message-ID, which lets mail systems drop the copy.
import { recordDeliveryAttempt, recordDeliveryFailure, recordDeliverySent } from './delivery-rows.ts';
import { taggedLogger } from '../logger.ts';
import { withIntegrationEvent, providerErrorCode } from '../integrations/log-integration-event.ts';
import type { Mailer } from './mailer.ts';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { reminderEmails } from '../metrics/metrics.ts';
import { isDatabaseUnavailable } from '../db.ts';

export const reminderLog = taggedLogger('reminder');

export type DeliveryRow = { id: string; eventId: string; recipient: string; recipientUserId: string | null; attempts: number; status: string };

export type AttemptOutcome = { status: 'SENT' | 'RETRYING' | 'FAILED'; attempts: number; smtpResponse: string | null; nextAttemptAt: Date | null };

export type AttemptOptions = {
  delivery: DeliveryRow;
  message: Mail.Options;
  mailer: Mailer;
  host: string;
  now: Date;
  maxAttempts: number;
  retryBaseMs: number;
  jobId?: string;
  /** Between the SMTP reply and recording it; tests throw here to play a worker dying. */
  afterSend?: (delivery: DeliveryRow) => void | Promise<void>;
};

const RETRY_CAP_MS = 3600_000;

/**
 * Messages the SMTP server accepted while PostgreSQL was unreachable, so their rows still say
 * PENDING. Re-sending them after the outage doubled every send in flight when the database went
 * away (fault drill tests/faults-reminders-postgres.test.ts); this process knows they went out,
 * so the next scan here writes them SENT before anything is claimed again. Only a process that
 * dies before the database returns leaves the at-least-once duplicate.
 */
const unrecordedSends = new Map<string, Parameters<typeof recordDeliverySent>[0]>();

/** Writes the sends held back by an outage; throws (keeping them) while the database is still away. */
export async function recordUnrecordedSends(): Promise<void> {
  for (const [id, sent] of unrecordedSends) {
    await recordDeliverySent(sent);
    unrecordedSends.delete(id);
    reminderEmails.inc({ outcome: 'sent' });
  }
}

/** 4xx replies and failures without a reply (connection refused, reset, timeout) are worth retrying; 5xx is final. */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500;
}

/** Exponential backoff with ±20% jitter, so deferred recipients of one batch do not return as a herd. */
export function retryDelayMs(attempts: number, baseMs: number, random = Math.random): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), RETRY_CAP_MS);
  return Math.round(raw * (0.8 + 0.4 * random()));
}

function replyOf(error: unknown): string {
  const e = error as { response?: unknown; message?: unknown };
  return String(typeof e?.response === 'string' ? e.response : (e?.message ?? error)).slice(0, 1000);
}

export async function attemptReminderDelivery(opts: AttemptOptions): Promise<AttemptOutcome | null> {
  const { delivery } = opts;
  const attempts = delivery.attempts + 1;
  // Conditional on the attempt count we read: a second worker holding a stale copy loses here.
  if (!(await recordDeliveryAttempt({ id: delivery.id, seenAttempts: delivery.attempts, at: new Date() }))) return null;
  if (delivery.attempts > 0 && delivery.status === 'PENDING') {
    reminderLog.warn({ deliveryId: delivery.id, eventId: delivery.eventId }, 're-sending a reminder whose earlier attempt was not recorded');
  }

  const messageId = `<reminder.${delivery.id}@${opts.host}>`;
  let info: { messageId: string; response: string };
  try {
    info = await withIntegrationEvent(
      'smtp',
      { ok: 'smtp_email_sent', error: 'smtp_error' },
      () => opts.mailer.send({ ...opts.message, messageId, to: delivery.recipient }),
      {
        correlationId: delivery.id,
        subject: delivery.recipientUserId ?? undefined,
        jobId: opts.jobId,
        attempt: Math.min(attempts, 100),
        metadata: { eventId: delivery.eventId, kind: 'reminder' },
      },
    );
  } catch (error) {
    const permanent = isPermanentSmtpError(error);
    const final = permanent || attempts >= opts.maxAttempts;
    const smtpResponse = replyOf(error);
    const errorCode = providerErrorCode(error)?.slice(0, 100) ?? null;
    const nextAttemptAt = final ? null : new Date(opts.now.getTime() + retryDelayMs(attempts, opts.retryBaseMs));
    reminderLog.error(
      { eventId: delivery.eventId, deliveryId: delivery.id, recipient: delivery.recipient, attempts, errorCode, smtpResponse, permanent, nextAttemptAt },
      'Failed to send reminder email',
    );
    await recordDeliveryFailure({ id: delivery.id, final, smtpResponse, errorCode, nextAttemptAt });
    reminderEmails.inc({ outcome: final ? 'failed' : 'retrying' });
    return { status: final ? 'FAILED' : 'RETRYING', attempts, smtpResponse, nextAttemptAt };
  }

  await opts.afterSend?.(delivery);
  const smtpResponse = info.response.slice(0, 1000);
  const sent = { id: delivery.id, at: new Date(), smtpResponse, messageId: info.messageId };
  try {
    await recordDeliverySent(sent);
  } catch (error) {
    if (isDatabaseUnavailable(error)) unrecordedSends.set(delivery.id, sent);
    throw error;
  }
  reminderEmails.inc({ outcome: 'sent' });
  return { status: 'SENT', attempts, smtpResponse, nextAttemptAt: null };
}
