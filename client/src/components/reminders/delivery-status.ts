// How a delivery's state reads at a glance, in the console's one colour language.
import type { MantineColor } from '@mantine/core';
import type { TReminderDelivery, TReminderDeliveryStatus } from '../../../../shared/reminders.ts';
import { STATUS_COLOR } from '../../app/theme.ts';

/** Sent is healthy, a deferral is worth a look, a refusal is a failure, not yet tried is grey. */
export const DELIVERY_STATUS_COLOR: Readonly<Record<TReminderDeliveryStatus, MantineColor>> = {
  SENT: STATUS_COLOR.healthy,
  RETRYING: STATUS_COLOR.degraded,
  FAILED: STATUS_COLOR.failing,
  PENDING: STATUS_COLOR.noData,
};

/** The time that matters for the row: when it went out, else the last try, else when it was planned. */
export function deliveryTime(d: Pick<TReminderDelivery, 'sentAt' | 'lastAttemptAt' | 'createdAt'>): Date {
  return d.sentAt ?? d.lastAttemptAt ?? d.createdAt;
}

/** The SMTP reply code at the start of a reply ("550 5.1.1 ..."), for a compact badge. */
export function smtpReplyCode(reply: string | null): string | null {
  const match = reply ? /^\s*([245]\d\d)\b/.exec(reply) : null;
  return match ? match[1]! : null;
}
