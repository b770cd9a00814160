import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';

/**
 * Revokes one of the caller's links. Another user's link answers NOT_FOUND, exactly like a
 * missing one, so ids cannot be probed. Revoking twice returns the first revocation (a double click).
 */
export async function revokeIcsLink(opts: { userId: string; id: string; requestId?: string }) {
  return getDb().$transaction(async (tx) => {
    const link = await tx.icsToken.findFirst({
      where: { id: opts.id, userId: opts.userId },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!link) throw new AppError('NOT_FOUND', 'No such calendar link');
    if (link.revokedAt) return { id: link.id, revokedAt: link.revokedAt };

    const revokedAt = new Date();
    // Conditional: a concurrent revoke-all may have won; its timestamp then stands.
    const { count } = await tx.icsToken.updateMany({ where: { id: link.id, revokedAt: null }, data: { revokedAt } });
    // What the link last served goes with it (a revoked link never answers again).
    await tx.icsFeedBody.deleteMany({ where: { tokenId: link.id } });
    if (count === 0) {
      const current = await tx.icsToken.findUniqueOrThrow({ where: { id: link.id }, select: { revokedAt: true } });
      return { id: link.id, revokedAt: current.revokedAt ?? revokedAt };
    }
    await recordAudit(
      {
        actorId: opts.userId,
        action: 'ics_link.revoke',
        targetType: 'IcsToken',
        targetId: link.id,
        before: { name: link.name, prefix: link.prefix, revoked: false },
        after: { revoked: true },
        requestId: opts.requestId,
      },
      tx,
    );
    return { id: link.id, revokedAt };
  });
}
