// Reminder e-mails (issue 4, CAL-R*): the scan summary admins trigger and the delivery trail
// support reads (CAL-O2).
import { z } from 'zod';

export const REMINDER_DELIVERY_STATUSES = ['PENDING', 'RETRYING', 'SENT', 'FAILED'] as const;
export const ZReminderDeliveryStatus = z.enum(REMINDER_DELIVERY_STATUSES);
export type TReminderDeliveryStatus = z.infer<typeof ZReminderDeliveryStatus>;

/** What one scan did for one recipient. */
export const REMINDER_RECIPIENT_OUTCOMES = [
  'SENT', // accepted by the SMTP server in this scan
  'FAILED', // refused permanently (5xx) or out of attempts, in this scan
  'RETRYING', // deferred (4xx, connection error): tried again after nextAttemptAt
  'WAITING', // RETRYING from an earlier scan, not due yet
  'ALREADY_DONE', // SENT or FAILED by an earlier scan or another worker
  'DECLINED', // the attendee declined: never mailed
  'DISABLED', // the account is disabled: never mailed
] as const;
export const ZReminderRecipientOutcome = z.enum(REMINDER_RECIPIENT_OUTCOMES);

export const ZReminderRecipientResult = z.object({
  email: z.string(),
  outcome: ZReminderRecipientOutcome,
  attempts: z.number().int(),
  smtpResponse: z.string().nullable(),
});

export const REMINDER_EVENT_OUTCOMES = [
  'COMPLETE', // every recipient reached SENT or FAILED: reminderSentAt is set
  'RETRY_PENDING', // some recipient is RETRYING: the event is claimable again at the earliest retry
  'WINDOW_CHANGED', // the event moved or was deleted meanwhile: claim released, nothing marked
  'STARTED', // the event began (beyond the grace period) before it was processed
  'ERROR', // processing failed: the claim is left to expire and a later scan completes it
] as const;
export const ZReminderEventOutcome = z.enum(REMINDER_EVENT_OUTCOMES);

export const ZReminderEventResult = z.object({
  eventId: z.string(),
  title: z.string(),
  windowKey: z.string(),
  outcome: ZReminderEventOutcome,
  recipients: z.array(ZReminderRecipientResult),
});
export type TReminderEventResult = z.infer<typeof ZReminderEventResult>;

export const ZReminderScanSummary = z.object({
  /** False when there was nowhere to send (SMTP_URL unset and no mail catcher): nothing was claimed. */
  mailer: z.boolean(),
  /** Recipients mailed in this scan. */
  sent: z.number().int(),
  /** Recipients not mailed on purpose: declined, disabled, or already done. */
  skipped: z.number().int(),
  /** Recipients that failed for good in this scan. */
  failed: z.number().int(),
  /** Recipients deferred to a later attempt in this scan. */
  retried: z.number().int(),
  events: z.array(ZReminderEventResult),
});
export type TReminderScanSummary = z.infer<typeof ZReminderScanSummary>;

export const REMINDER_DELIVERIES_PAGE_MAX = 200;

export const ZReminderDeliveriesInput = z.object({
  eventId: z.uuid({ error: 'Not an event id' }).optional(),
  userId: z.uuid({ error: 'Not a user id' }).optional(),
  /** Part of the recipient's address, case-insensitive (support looks a user up by e-mail). */
  recipient: z.string().trim().min(1).max(320, { error: 'At most 320 characters' }).optional(),
  status: ZReminderDeliveryStatus.optional(),
  cursor: z.uuid().optional(),
  limit: z.number().int().min(1).max(REMINDER_DELIVERIES_PAGE_MAX).default(50),
});
export type TReminderDeliveriesInput = z.input<typeof ZReminderDeliveriesInput>;

export const ZReminderDelivery = z.object({
  id: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  recipient: z.string(),
  recipientUserId: z.string().nullable(),
  windowKey: z.string(),
  status: ZReminderDeliveryStatus,
  attempts: z.number().int(),
  lastAttemptAt: z.date().nullable(),
  nextAttemptAt: z.date().nullable(),
  sentAt: z.date().nullable(),
  smtpResponse: z.string().nullable(),
  errorCode: z.string().nullable(),
  messageId: z.string().nullable(),
  createdAt: z.date(),
});
export type TReminderDelivery = z.infer<typeof ZReminderDelivery>;

export const ZReminderDeliveriesOutput = z.object({
  items: z.array(ZReminderDelivery),
  nextCursor: z.string().nullable(),
});
