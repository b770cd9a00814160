// Per-link poll budget, counted in PostgreSQL (the migrated auth_rate_limits table) so that
// every web process shares one count. Calendar apps poll every 15 minutes or so; 60 requests
// in 5 minutes only stops scripts and misconfigured clients.
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { getPool } from '../db.ts';
import { RATE_LIMIT_TABLE } from '../auth/sign-in-limiter.ts';

export const FEED_RATE_LIMIT = { points: 60, durationSec: 5 * 60 } as const;

let cached: { pool: pg.Pool; limiter: RateLimiterPostgres } | undefined;

function getLimiter(): RateLimiterPostgres {
  const pool = getPool();
  // Keyed by pool: tests reconnect to another database, and a limiter bound to an ended pool fails.
  if (cached?.pool !== pool) {
    cached = {
      pool,
      limiter: new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        keyPrefix: 'ics_feed',
        points: FEED_RATE_LIMIT.points,
        duration: FEED_RATE_LIMIT.durationSec,
        // Expired rows are purged by the session clean-up job (purgeExpiredSignInCounters covers the table).
        clearExpiredByTimeout: false,
      }),
    };
  }
  return cached.limiter;
}

export type FeedRateLimit = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one request against the link (its id, never the token). Store failures propagate. */
export async function consumeFeedRateLimit(tokenId: string): Promise<FeedRateLimit> {
  try {
    await getLimiter().consume(tokenId);
    return { allowed: true };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
  }
}

/** Reads a key's count without spending a point: the start-up warm-up uses it. */
export async function peekFeedRateLimit(tokenId: string): Promise<void> {
  await getLimiter().get(tokenId);
}
