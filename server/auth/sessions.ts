import { createHmac, randomBytes } from 'node:crypto';
import { getConfig } from '../config.ts';
import { getDb } from '../db.ts';
import type { TSessionUser } from '../../shared/auth.ts';
import { sessionUserSelect, toSessionUser } from './session-user.ts';

export const SESSION_COOKIE = 'opsdeck_session';

// Keyed hash: a leaked sessions table alone cannot be replayed as cookies.
export function hashSessionToken(token: string): string {
  return createHmac('sha256', getConfig().sessionSecret).update(token).digest('base64url');
}

export async function createSession(opts: { userId: string; ip?: string | null; userAgent?: string | null }) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + getConfig().sessionTtlMs);
  await getDb().session.create({
    data: {
      tokenHash: hashSessionToken(token),
      userId: opts.userId,
      expiresAt,
      ip: opts.ip ?? null,
      userAgent: opts.userAgent?.slice(0, 400) ?? null,
    },
    select: { id: true },
  });
  return { token, expiresAt };
}

const TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves a cookie token to its user on every request. A disabled user or an
 * expired session resolves to null, which is what makes disabling take effect at once.
 */
export async function findSessionUser(token: string | undefined): Promise<{ sessionId: string; user: TSessionUser } | null> {
  if (!token || token.length > 200) return null;
  const session = await getDb().session.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    select: { id: true, expiresAt: true, lastSeenAt: true, user: { select: sessionUserSelect } },
  });
  const now = Date.now();
  if (!session || session.expiresAt.getTime() <= now || session.user.disabledAt) return null;
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    // At most one write a minute per session: "last seen" is for people, not for security.
    await getDb().session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) }, select: { id: true } });
  }
  return { sessionId: session.id, user: toSessionUser(session.user) };
}

export async function deleteSessionByToken(token: string | undefined): Promise<void> {
  if (!token) return;
  await getDb().session.deleteMany({ where: { tokenHash: hashSessionToken(token) } });
}

export async function deleteExpiredSessions(now = new Date()): Promise<number> {
  const { count } = await getDb().session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
