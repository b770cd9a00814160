import type { Db, Prisma } from '../db.ts';
import { getDb } from '../db.ts';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  requestId?: string | null;
};

type Tx = Pick<Db, 'auditLog'>;

/** Append-only: callers pass their transaction so the change and its audit row commit together. */
export async function recordAudit(entry: AuditEntry, tx: Tx = getDb()): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: entry.before,
      after: entry.after,
      requestId: entry.requestId ?? null,
    },
    select: { id: true },
  });
}
