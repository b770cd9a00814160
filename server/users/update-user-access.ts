// Role changes and disabling share one path: both change what a user may do,
// both refuse to lock the acting admin out, both are audited in the same transaction.
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { revokeAllIcsTokensForUser } from '../ics/revoke-all-ics-links.ts';
import type { TRole } from '../../shared/roles.ts';
import { userListSelect } from './user-select.ts';

type Change = { role: TRole } | { disabled: boolean };

export async function updateUserAccess(opts: { id: string; change: Change; actorId: string; requestId?: string }) {
  if (opts.id === opts.actorId) {
    throw new AppError('INVALID_INPUT', 'You cannot change your own role or disable your own account');
  }
  return getDb().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: opts.id }, select: userListSelect });
    if (!before) throw new AppError('NOT_FOUND', 'No such user');

    const data =
      'role' in opts.change
        ? { role: opts.change.role }
        : { disabledAt: opts.change.disabled ? (before.disabledAt ?? new Date()) : null };
    const after = await tx.user.update({ where: { id: opts.id }, data, select: userListSelect });
    // Disabling ends every session now; the per-request check covers the race with in-flight requests.
    if ('disabled' in opts.change && opts.change.disabled) {
      await tx.session.deleteMany({ where: { userId: opts.id } });
      await revokeAllIcsTokensForUser(opts.id, tx);
    }
    const action = 'role' in opts.change ? 'user.set_role' : opts.change.disabled ? 'user.disable' : 'user.enable';
    await recordAudit(
      {
        actorId: opts.actorId,
        action,
        targetType: 'User',
        targetId: opts.id,
        before: { role: before.role, disabled: before.disabledAt !== null },
        after: { role: after.role, disabled: after.disabledAt !== null },
        requestId: opts.requestId,
      },
      tx,
    );
    return after;
  });
}
