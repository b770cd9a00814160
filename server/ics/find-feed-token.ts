// The feed's first read, and for a 304 its only one besides the rate limit: the link, its
// owner and the owner's feed version in one round trip. SQL on the shared pool, because
// Prisma's own overhead (~1 ms a query here) was half of the 304 budget.
import { getPool } from '../db.ts';
import type { TIcsFeedMode } from '../../shared/ics.ts';
import { STAFF_ROLES, type TRole } from '../../shared/roles.ts';
import { hashIcsToken, ICS_TOKEN_PATTERN } from './hash-ics-token.ts';

export type FeedToken = {
  id: string;
  name: string;
  mode: TIcsFeedMode;
  lastUsedAt: Date | null;
  user: { id: string; role: TRole; name: string };
  /**
   * Changes whenever anything the owner's feed may show changes (ics_feed_versions, kept by
   * triggers): the owner's own counter, or for staff, who see every event, the sum of all
   * counters, which grows with every committed bump. Null when no row exists yet.
   */
  feedVersion: string | null;
};

type Row = {
  id: string;
  name: string;
  mode: TIcsFeedMode;
  lastUsedAt: number | null;
  userId: string;
  role: TRole;
  userName: string;
  feedVersion: string | null;
};

// Never selects the hash (convention 6). lastUsedAt as epoch ms: the column holds UTC without a zone.
const LOOKUP = `
  SELECT t."id", t."name", t."mode", (extract(epoch from t."lastUsedAt") * 1000)::float8 AS "lastUsedAt",
         u."id" AS "userId", u."role", u."name" AS "userName",
         CASE WHEN u."role" = ANY($2::"Role"[])
              THEN (SELECT sum(v."version")::text FROM "ics_feed_versions" v)
              ELSE (SELECT v."version"::text FROM "ics_feed_versions" v WHERE v."userId" = u."id")
         END AS "feedVersion"
  FROM "IcsToken" t JOIN "User" u ON u."id" = t."userId"
  WHERE t."tokenHash" = $1 AND t."revokedAt" IS NULL AND u."disabledAt" IS NULL`;

/**
 * Resolves `<token>.ics` to its live link, or null. Unknown, malformed, revoked and
 * disabled-owner all take this one path: the HMAC is computed and the row looked up even for
 * garbage, and the format is checked only afterwards, so neither the answer nor its timing
 * tells a prober which case it hit.
 */
export async function findFeedToken(file: string): Promise<FeedToken | null> {
  const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : file;
  const { rows } = await getPool().query<Row>({
    // Named: prepared once per connection, which halves the cost of this hot statement.
    name: 'ics-feed-token',
    text: LOOKUP,
    values: [hashIcsToken(token), STAFF_ROLES],
  });
  const wellFormed = file.endsWith('.ics') && ICS_TOKEN_PATTERN.test(token);
  const row = rows[0];
  if (!row || !wellFormed) return null;
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    lastUsedAt: row.lastUsedAt === null ? null : new Date(row.lastUsedAt),
    user: { id: row.userId, role: row.role, name: row.userName },
    feedVersion: row.feedVersion,
  };
}
