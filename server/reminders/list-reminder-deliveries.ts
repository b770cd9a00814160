// CAL-O2: the delivery trail support reads, per event or per user, newest first.
import { getDb, type Prisma } from '../db.ts';
import type { TReminderDeliveriesInput, TReminderDelivery } from '../../shared/reminders.ts';
import { ZReminderDeliveriesInput } from '../../shared/reminders.ts';

export const deliverySelect = {
  id: true,
  eventId: true,
  event: { select: { title: true } },
  recipient: true,
  recipientUserId: true,
  windowKey: true,
  status: true,
  attempts: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  sentAt: true,
  smtpResponse: true,
  errorCode: true,
  messageId: true,
  createdAt: true,
} satisfies Prisma.ReminderDeliverySelect;

export async function listReminderDeliveries(raw: TReminderDeliveriesInput): Promise<{ items: TReminderDelivery[]; nextCursor: string | null }> {
  const input = ZReminderDeliveriesInput.parse(raw);
  const rows = await getDb().reminderDelivery.findMany({
    where: {
      ...(input.eventId ? { eventId: input.eventId } : {}),
      ...(input.userId ? { recipientUserId: input.userId } : {}),
      ...(input.recipient ? { recipient: { contains: input.recipient, mode: 'insensitive' as const } } : {}),
      ...(input.status ? { status: input.status } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: deliverySelect,
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(({ event, ...row }) => ({ ...row, eventTitle: event.title })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}
