// Support's "resend the reminder": one attempt now, per recipient, through the same mailer,
// renderer and delivery rows as the scan. The window key `manual:<ISO time>` is new each time,
// so the unique key (event, recipient, window) that keeps the scan from mailing twice does not
// block a deliberate resend, and the trail shows it apart from the scheduled window. One
// attempt only (maxAttempts 1): a 4xx is reported as it happened, not retried behind support's back.
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { feedHost } from '../ics/render-ics-feed.ts';
import { ensureDeliveryRows } from '../reminders/delivery-rows.ts';
import { currentMailer, type Mailer } from '../reminders/mailer.ts';
import { reminderEventSelect, reminderRecipients } from '../reminders/reminder-recipients.ts';
import { renderReminderEmail } from '../reminders/render-reminder-email.ts';
import { attemptReminderDelivery } from '../reminders/send-reminder-delivery.ts';
import type { TResendReminderResult } from '../../shared/support.ts';

export const MANUAL_WINDOW_PREFIX = 'manual:';

export async function resendReminder(opts: {
  actorId: string;
  eventId: string;
  recipient?: string;
  requestId?: string;
  mailer?: Mailer | null;
  now?: Date;
}): Promise<TResendReminderResult> {
  const event = await getDb().calendarEvent.findFirst({ where: { id: opts.eventId, deletedAt: null }, select: reminderEventSelect });
  if (!event) throw new AppError('NOT_FOUND', 'No such event');
  const everyone = reminderRecipients(event);
  const planned = opts.recipient ? everyone.filter((r) => r.email === opts.recipient) : everyone;
  if (planned.length === 0) {
    throw new AppError('INVALID_INPUT', 'That address is not a recipient of this event', { fieldErrors: { recipient: ['Not the organiser or an attendee of this event'] } });
  }
  const mailer = opts.mailer === undefined ? await currentMailer() : opts.mailer;
  if (!mailer) throw new AppError('UNAVAILABLE', 'No SMTP server is configured (SMTP_URL), so nothing can be sent');

  const now = opts.now ?? new Date();
  const windowKey = `${MANUAL_WINDOW_PREFIX}${now.toISOString()}`;
  const mailed = planned.filter((r) => !r.skip);
  const rows = await ensureDeliveryRows({ eventId: event.id, windowKey, recipients: mailed.map((r) => ({ email: r.email, userId: r.userId })), now });
  const byRecipient = new Map(rows.map((r) => [r.recipient, r]));
  const host = feedHost();

  const recipients: TResendReminderResult['recipients'] = [];
  for (const recipient of planned) {
    const row = byRecipient.get(recipient.email);
    if (recipient.skip || !row) {
      recipients.push({ email: recipient.email, outcome: recipient.skip ?? 'DECLINED', attempts: 0, smtpResponse: null, deliveryId: null });
      continue;
    }
    const outcome = await attemptReminderDelivery({
      delivery: row,
      message: renderReminderEmail({ event, recipient, host }),
      mailer,
      host,
      now,
      maxAttempts: 1,
      retryBaseMs: 60_000,
    });
    recipients.push({
      email: recipient.email,
      outcome: outcome?.status ?? 'FAILED',
      attempts: outcome?.attempts ?? row.attempts,
      smtpResponse: outcome?.smtpResponse ?? null,
      deliveryId: row.id,
    });
  }

  await recordAudit({
    actorId: opts.actorId,
    action: 'support.resend_reminder',
    targetType: 'CalendarEvent',
    targetId: event.id,
    after: { windowKey, recipient: opts.recipient ?? null, results: recipients.map((r) => ({ email: r.email, outcome: r.outcome, smtpResponse: r.smtpResponse })) },
    requestId: opts.requestId,
  });
  return { eventId: event.id, title: event.title, windowKey, recipients };
}
