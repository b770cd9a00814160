import { getPool } from '../db.ts';

const TOUCH_INTERVAL_MS = 60_000;
const USER_AGENT_MAX = 200;

/**
 * "Last fetched" and "by which client" are for people: at most one write a minute per link,
 * not one per poll. The conditional update keeps concurrent polls from writing twice. SQL on
 * the pool like the rest of the feed's path: after a restart the first Prisma query of the
 * process costs hundreds of milliseconds, which a feed request should not be the one to pay.
 * Instants go in as UTC ISO strings (the column holds UTC without a zone).
 */
export async function touchIcsToken(
  link: { id: string; lastUsedAt: Date | null },
  userAgent: string | undefined,
  now: Date = new Date(),
): Promise<void> {
  if (link.lastUsedAt && now.getTime() - link.lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
  const staleBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS);
  await getPool().query(
    `UPDATE "IcsToken" SET "lastUsedAt" = $2::timestamp, "lastUserAgent" = $3
     WHERE "id" = $1::uuid AND ("lastUsedAt" IS NULL OR "lastUsedAt" < $4::timestamp)`,
    [link.id, now.toISOString(), userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null, staleBefore.toISOString()],
  );
}
