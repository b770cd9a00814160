// Failed sign-ins are counted in PostgreSQL so every web process shares one count.
import { RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from '../config.ts';
import { getDb, getPool } from '../db.ts';
import { AppError } from '../errors.ts';

export const RATE_LIMIT_TABLE = 'auth_rate_limits';

let limiters: { byAccount: RateLimiterAbstract; byIp: RateLimiterAbstract } | undefined;

function createLimiter(keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  return new RateLimiterPostgres({
    storeClient: getPool(),
    storeType: 'pool',
    tableName: RATE_LIMIT_TABLE,
    keyPrefix,
    points,
    duration,
    // Expired rows are purged by the session clean-up job, not by a timer in every process.
    clearExpiredByTimeout: false,
    // The table comes from a migration (model AuthRateLimit): creating it at run time from
    // several limiters and processes at once races.
    tableCreated: true,
  });
}

function getLimiters() {
  const { maxFailures, windowSec } = getConfig().signIn;
  limiters ??= {
    byAccount: createLimiter('signin_account_ip', maxFailures, windowSec),
    // One address trying many accounts: a wider budget, same window.
    byIp: createLimiter('signin_ip', maxFailures * 20, windowSec),
  };
  return limiters;
}

/** Forget the limiter instances (tests change the pool between files). */
export function resetSignInLimiters() {
  limiters = undefined;
}

const keys = (email: string, ip: string) => ({ account: `${email}|${ip}`, ip });

export async function assertSignInAllowed(email: string, ip: string): Promise<void> {
  const { byAccount, byIp } = getLimiters();
  const k = keys(email, ip);
  const [a, b] = await Promise.all([byAccount.get(k.account), byIp.get(k.ip)]);
  const blocked = [
    [a, byAccount.points],
    [b, byIp.points],
  ].filter(([res, points]) => res && typeof points === 'number' && (res as { consumedPoints: number }).consumedPoints >= points);
  if (blocked.length) {
    const waitMs = Math.max(...blocked.map(([res]) => (res as { msBeforeNext: number }).msBeforeNext));
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new AppError('RATE_LIMITED', 'Too many failed sign-in attempts. Try again later.', { retryAfterSeconds });
  }
}

export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  const { byAccount, byIp } = getLimiters();
  const k = keys(email, ip);
  // consume() rejects once the budget is spent; the next attempt is refused by assertSignInAllowed.
  await Promise.allSettled([byAccount.consume(k.account), byIp.consume(k.ip)]);
}

export async function clearSignInFailures(email: string, ip: string): Promise<void> {
  const { byAccount } = getLimiters();
  await byAccount.delete(keys(email, ip).account);
}

export async function purgeExpiredSignInCounters(now = Date.now()): Promise<number> {
  const { count } = await getDb().authRateLimit.deleteMany({ where: { expire: { lt: BigInt(now) } } });
  return count;
}
