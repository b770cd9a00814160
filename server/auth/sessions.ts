import { createHmac, randomBytes } from 'node:crypto';
import { getConfig } from '../config.ts';
import { getDb, getPool } from '../db.ts';
import type { TSessionUser } from '../../shared/auth.ts';

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

// The first query of every signed-in request, so it is one named statement on the pg pool
// rather than a Prisma findUnique with a nested select: in the load benchmark Prisma's query
// planning and result mapping cost more CPU than the whole dashboard answer's serving (issue 10,
// bench/README.md "Load"). The columns are sessionUserSelect's, spelled out; the instants
// come as epoch milliseconds because the columns are timestamp(3) without time zone holding
// UTC, which node-postgres would read in the server's local zone.
const FIND_SESSION_USER = {
  name: 'session-user-by-token-hash',
  text: `SELECT s.id AS "sessionId", (extract(epoch FROM s."expiresAt") * 1000)::float8 AS "expiresAtMs",
           (extract(epoch FROM s."lastSeenAt") * 1000)::float8 AS "lastSeenAtMs",
           u.id, u.email, u.name, u.role::text AS role, u.timezone, u.locale, u."disabledAt" IS NOT NULL AS disabled
         FROM "Session" s JOIN "User" u ON u.id = s."userId"
         WHERE s."tokenHash" = $1`,
};
type SessionUserQueryRow = Omit<TSessionUser, 'role'> & { role: TSessionUser['role']; sessionId: string; expiresAtMs: number; lastSeenAtMs: number; disabled: boolean };

/**
 * Resolves a cookie token to its user on every request. A disabled user or an
 * expired session resolves to null, which is what makes disabling take effect at once.
 */
export async function findSessionUser(token: string | undefined): Promise<{ sessionId: string; user: TSessionUser } | null> {
  if (!token || token.length > 200) return null;
  const { rows } = await getPool().query<SessionUserQueryRow>({ ...FIND_SESSION_USER, values: [hashSessionToken(token)] });
  const row = rows[0];
  const now = Date.now();
  if (!row || row.expiresAtMs <= now || row.disabled) return null;
  if (now - row.lastSeenAtMs > TOUCH_INTERVAL_MS) {
    // At most one write a minute per session: "last seen" is for people, not for security.
    await getDb().session.update({ where: { id: row.sessionId }, data: { lastSeenAt: new Date(now) }, select: { id: true } });
  }
  return { sessionId: row.sessionId, user: { id: row.id, email: row.email, name: row.name, role: row.role, timezone: row.timezone, locale: row.locale } };
}

export async function deleteSessionByToken(token: string | undefined): Promise<void> {
  if (!token) return;
  await getDb().session.deleteMany({ where: { tokenHash: hashSessionToken(token) } });
}

export async function deleteExpiredSessions(now = new Date()): Promise<number> {
  const { count } = await getDb().session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
