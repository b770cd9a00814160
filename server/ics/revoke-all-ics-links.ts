import type { Db } from '../db.ts';
import { getDb } from '../db.ts';
import { recordAudit } from '../audit/record-audit.ts';

type Tx = Pick<Db, 'icsToken' | 'icsFeedBody'>;

/**
 * Ends every active feed link of a user. Plain data operation, so user deactivation can call it
 * inside its own transaction (its audit row already says why); returns how many were revoked.
 */
export async function revokeAllIcsTokensForUser(userId: string, tx: Tx = getDb()): Promise<number> {
  const { count } = await tx.icsToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  // What the links last served goes with them (a revoked link never answers again).
  await tx.icsFeedBody.deleteMany({ where: { token: { userId } } });
  return count;
}

/** The user's own "revoke all" (tRPC and DELETE /api/calendar/ics/token): revokes and audits together. */
export async function revokeAllIcsLinks(opts: { userId: string; requestId?: string }): Promise<{ revoked: number }> {
  return getDb().$transaction(async (tx) => {
    const revoked = await revokeAllIcsTokensForUser(opts.userId, tx);
    await recordAudit(
      {
        actorId: opts.userId,
        action: 'ics_link.revoke_all',
        targetType: 'User',
        targetId: opts.userId,
        after: { revoked },
        requestId: opts.requestId,
      },
      tx,
    );
    return { revoked };
  });
}
