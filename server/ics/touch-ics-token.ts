import { getDb } from '../db.ts';

const TOUCH_INTERVAL_MS = 60_000;
const USER_AGENT_MAX = 200;

/**
 * "Last fetched" and "by which client" are for people: at most one write a minute per link,
 * not one per poll. The conditional update keeps concurrent polls from writing twice.
 */
export async function touchIcsToken(
  link: { id: string; lastUsedAt: Date | null },
  userAgent: string | undefined,
  now: Date = new Date(),
): Promise<void> {
  if (link.lastUsedAt && now.getTime() - link.lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
  const staleBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS);
  await getDb().icsToken.updateMany({
    where: { id: link.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
    data: { lastUsedAt: now, lastUserAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null },
  });
}
