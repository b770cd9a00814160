// Notifications are rows written in the same transaction as the incident change that needs
// them, so a crash between the change and the send never loses one; the sender drives them.
// A muted provider gets no rows, and the timeline says the notification was held back.
import type { Prisma } from '../db.ts';
import { addTimelineEntry, type TimelineTx } from './timeline.ts';

export type NotificationKind = 'OPEN' | 'ESCALATE' | 'RESOLVE';

type Tx = TimelineTx & Pick<Prisma.TransactionClient, 'notificationChannel' | 'notificationDelivery' | 'providerMute'>;

export async function activeMute(tx: Pick<Prisma.TransactionClient, 'providerMute'>, provider: string, now: Date) {
  return tx.providerMute.findFirst({
    where: { provider, endedAt: null, until: { gt: now } },
    orderBy: { until: 'desc' },
    select: { id: true, until: true, reason: true },
  });
}

export async function queueNotifications(tx: Tx, opts: { incidentId: string; provider: string; kind: NotificationKind; now: Date }): Promise<number> {
  const mute = await activeMute(tx, opts.provider, opts.now);
  if (mute) {
    await addTimelineEntry(tx, {
      incidentId: opts.incidentId,
      kind: 'MUTED',
      body: `${opts.kind.toLowerCase()} notification not sent: ${opts.provider} is muted until ${mute.until.toISOString()} (${mute.reason})`,
      at: opts.now,
    });
    return 0;
  }
  const channels = await tx.notificationChannel.findMany({ where: { enabled: true }, select: { id: true } });
  if (channels.length === 0) return 0;
  const { count } = await tx.notificationDelivery.createMany({
    data: channels.map((c) => ({ incidentId: opts.incidentId, channelId: c.id, kind: opts.kind, nextAttemptAt: opts.now, createdAt: opts.now })),
    skipDuplicates: true,
  });
  return count;
}
