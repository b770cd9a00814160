import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { taggedLogger } from '../logger.ts';
import type { TSessionUser, TSignInInput } from '../../shared/auth.ts';
import { verifyPassword } from './password.ts';
import { sessionUserSelect, toSessionUser } from './session-user.ts';
import { createSession } from './sessions.ts';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from './sign-in-limiter.ts';

const log = taggedLogger('auth');

export type SignInResult = { user: TSessionUser; token: string; expiresAt: Date };

/**
 * Unknown e-mail, wrong password and disabled account all answer the same
 * UNAUTHENTICATED error, so sign-in cannot be used to discover accounts.
 */
export async function signIn(opts: TSignInInput & { ip: string; userAgent?: string | null }): Promise<SignInResult> {
  await assertSignInAllowed(opts.email, opts.ip);
  const row = await getDb().user.findUnique({
    where: { email: opts.email },
    select: { ...sessionUserSelect, passwordHash: true },
  });
  const ok = await verifyPassword(row?.passwordHash ?? null, opts.password);
  if (!row || !ok || row.disabledAt) {
    await recordSignInFailure(opts.email, opts.ip);
    log.info({ email: opts.email, ip: opts.ip, reason: !row ? 'unknown' : !ok ? 'password' : 'disabled' }, 'sign-in refused');
    throw new AppError('UNAUTHENTICATED', 'Invalid e-mail or password');
  }
  await clearSignInFailures(opts.email, opts.ip);
  const [session] = await Promise.all([
    createSession({ userId: row.id, ip: opts.ip, userAgent: opts.userAgent }),
    getDb().user.update({ where: { id: row.id }, data: { lastSignInAt: new Date() }, select: { id: true } }),
  ]);
  return { user: toSessionUser(row), ...session };
}
