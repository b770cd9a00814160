// Staff read the audit trail newest first, filtered, paged by a keyset on (createdAt, id).
import { getDb, type Prisma } from '../db.ts';
import { ZAuditListInput, type TAuditEntry, type TAuditListInput } from '../../shared/audit.ts';

const auditSelect = {
  id: true,
  createdAt: true,
  action: true,
  targetType: true,
  targetId: true,
  actor: { select: { id: true, name: true, email: true } },
  before: true,
  after: true,
  requestId: true,
} satisfies Prisma.AuditLogSelect;

export async function listAuditLog(raw: TAuditListInput): Promise<{ items: TAuditEntry[]; nextCursor: string | null }> {
  const input = ZAuditListInput.parse(raw);
  const rows = await getDb().auditLog.findMany({
    where: {
      ...(input.action ? { action: input.action } : {}),
      ...(input.targetType ? { targetType: input.targetType } : {}),
      ...(input.targetId ? { targetId: input.targetId } : {}),
      ...(input.from || input.to ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) } } : {}),
      ...(input.actor
        ? { actor: { OR: [{ email: { contains: input.actor, mode: 'insensitive' } }, { name: { contains: input.actor, mode: 'insensitive' } }] } }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: auditSelect,
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({ ...r, before: r.before ?? null, after: r.after ?? null })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

export async function auditFacets(): Promise<{ actions: string[]; targetTypes: string[] }> {
  const [actions, targetTypes] = await Promise.all([
    getDb().auditLog.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
    getDb().auditLog.findMany({ distinct: ['targetType'], select: { targetType: true }, orderBy: { targetType: 'asc' } }),
  ]);
  return { actions: actions.map((a) => a.action), targetTypes: targetTypes.map((t) => t.targetType) };
}
