import { getDb, type Prisma } from '../db.ts';
import { hashIcsToken, ICS_TOKEN_PATTERN } from './hash-ics-token.ts';

const feedTokenSelect = {
  id: true,
  name: true,
  mode: true,
  lastUsedAt: true,
  user: { select: { id: true, role: true, name: true } },
} satisfies Prisma.IcsTokenSelect;

export type FeedToken = Prisma.IcsTokenGetPayload<{ select: typeof feedTokenSelect }>;

/**
 * Resolves `<token>.ics` to its live link, or null. Unknown, malformed, revoked and
 * disabled-owner all take this one path: the HMAC is computed and the row looked up even for
 * garbage, and the format is checked only afterwards, so neither the answer nor its timing
 * tells a prober which case it hit.
 */
export async function findFeedToken(file: string): Promise<FeedToken | null> {
  const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : file;
  const link = await getDb().icsToken.findUnique({
    where: { tokenHash: hashIcsToken(token), revokedAt: null, user: { disabledAt: null } },
    select: feedTokenSelect,
  });
  const wellFormed = file.endsWith('.ics') && ICS_TOKEN_PATTERN.test(token);
  return link && wellFormed ? link : null;
}
