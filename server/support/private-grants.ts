// Admin-granted, expiring access for one support user to private events' descriptions
// (issue 9). Granting and revoking are audited in the same transaction as the change.
import { getDb, type Prisma } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Viewer } from '../calendar/event-visibility.ts';
import type { TPrivateGrant } from '../../shared/support.ts';

const person = { select: { id: true, name: true, email: true } } as const;
const grantSelect = {
  id: true,
  supportUser: person,
  grantedBy: person,
  user: person,
  reason: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
} satisfies Prisma.PrivateEventAccessGrantSelect;

export async function grantPrivateAccess(opts: {
  adminId: string;
  supportUserId: string;
  userId?: string;
  reason: string;
  hours: number;
  requestId?: string;
  now?: Date;
}): Promise<TPrivateGrant> {
  const now = opts.now ?? new Date();
  return getDb().$transaction(async (tx) => {
    const holder = await tx.user.findUnique({ where: { id: opts.supportUserId }, select: { role: true, disabledAt: true } });
    if (!holder || holder.role !== 'SUPPORT' || holder.disabledAt) {
      throw new AppError('INVALID_INPUT', 'Grants are for active support users', { fieldErrors: { supportUserId: ['Choose an active support user'] } });
    }
    if (opts.userId && !(await tx.user.findUnique({ where: { id: opts.userId }, select: { id: true } }))) {
      throw new AppError('INVALID_INPUT', 'No such user', { fieldErrors: { userId: ['No such user'] } });
    }
    const grant = await tx.privateEventAccessGrant.create({
      data: {
        supportUserId: opts.supportUserId,
        grantedById: opts.adminId,
        userId: opts.userId ?? null,
        reason: opts.reason,
        expiresAt: new Date(now.getTime() + opts.hours * 3600_000),
      },
      select: grantSelect,
    });
    await recordAudit(
      {
        actorId: opts.adminId,
        action: 'support.private_grant.create',
        targetType: 'PrivateEventAccessGrant',
        targetId: grant.id,
        after: { supportUserId: opts.supportUserId, userId: opts.userId ?? null, reason: opts.reason, expiresAt: grant.expiresAt.toISOString() },
        requestId: opts.requestId,
      },
      tx,
    );
    return grant;
  });
}

/** Admins see every grant; a support user sees the ones given to them. Newest first. */
export async function listPrivateGrants(opts: { viewer: Viewer }): Promise<{ items: TPrivateGrant[] }> {
  const items = await getDb().privateEventAccessGrant.findMany({
    where: opts.viewer.role === 'ADMIN' ? {} : { supportUserId: opts.viewer.id },
    orderBy: [{ createdAt: 'desc' }],
    take: 100,
    select: grantSelect,
  });
  return { items };
}

export async function revokePrivateGrant(opts: { adminId: string; id: string; requestId?: string }): Promise<TPrivateGrant> {
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.privateEventAccessGrant.updateMany({ where: { id: opts.id, revokedAt: null }, data: { revokedAt: new Date() } });
    const grant = await tx.privateEventAccessGrant.findUnique({ where: { id: opts.id }, select: grantSelect });
    if (!grant) throw new AppError('NOT_FOUND', 'No such grant');
    if (count === 1) {
      await recordAudit(
        { actorId: opts.adminId, action: 'support.private_grant.revoke', targetType: 'PrivateEventAccessGrant', targetId: grant.id, after: { revokedAt: grant.revokedAt?.toISOString() ?? null }, requestId: opts.requestId },
        tx,
      );
    }
    return grant;
  });
}
