import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { hashPassword } from '../auth/password.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { TCreateUserInput } from '../../shared/users.ts';
import { userListSelect } from './user-select.ts';

export async function createUser(opts: { input: TCreateUserInput; actorId: string | null; requestId?: string }) {
  const { input } = opts;
  const passwordHash = await hashPassword(input.password);
  try {
    return await getDb().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: userListSelect,
      });
      await recordAudit(
        {
          actorId: opts.actorId,
          action: 'user.create',
          targetType: 'User',
          targetId: user.id,
          after: { email: user.email, name: user.name, role: user.role },
          requestId: opts.requestId,
        },
        tx,
      );
      return user;
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      throw new AppError('CONFLICT', `A user with the e-mail ${input.email} already exists`);
    }
    throw error;
  }
}
