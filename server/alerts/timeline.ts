import type { Prisma } from '../db.ts';
import type { TTimelineKind } from '../../shared/alerts.ts';

export type TimelineTx = Pick<Prisma.TransactionClient, 'incidentTimelineEntry'>;

export async function addTimelineEntry(tx: TimelineTx, entry: { incidentId: string; kind: TTimelineKind; body?: string; actorId?: string | null; data?: Prisma.InputJsonValue; at?: Date }): Promise<void> {
  await tx.incidentTimelineEntry.create({
    data: { incidentId: entry.incidentId, kind: entry.kind, body: entry.body ?? '', actorId: entry.actorId ?? null, data: entry.data, at: entry.at ?? new Date() },
    select: { id: true },
  });
}
