// Failed sign-ins are counted in PostgreSQL so every web process shares one count.
import { RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from '../config.ts';
import { getPool } from '../db.ts';
import { AppError } from '../errors.ts';

export const RATE_LIMIT_TABLE = 'auth_rate_limits';

let limiters: Promise<{ byAccount: RateLimiterAbstract; byIp: RateLimiterAbstract }> | undefined;

function createLimiter(keyPrefix: string, points: number, duration: number): Promise<RateLimiterAbstract> {
  return new Promise((resolve, reject) => {
    const limiter: RateLimiterPostgres = new RateLimiterPostgres(
      {
        storeClient: getPool(),
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        keyPrefix,
        points,
        duration,
        // Expired rows are purged by the session clean-up job, not by a timer in every process.
        clearExpiredByTimeout: false,
      },
      (err?: Error) => (err ? reject(err) : resolve(limiter)),
    );
  });
}

function getLimiters() {
  const { maxFailures, windowSec } = getConfig().signIn;
  limiters ??= Promise.all([
    createLimiter('signin_account_ip', maxFailures, windowSec),
    // One address trying many accounts: a wider budget, same window.
    createLimiter('signin_ip', maxFailures * 20, windowSec),
  ]).then(([byAccount, byIp]) => ({ byAccount, byIp }));
  return limiters;
}

/** Forget the limiter instances (tests change the pool between files). */
export function resetSignInLimiters() {
  limiters = undefined;
}

const keys = (email: string, ip: string) => ({ account: `${email}|${ip}`, ip });

export async function assertSignInAllowed(email: string, ip: string): Promise<void> {
  const { byAccount, byIp } = await getLimiters();
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
  const { byAccount, byIp } = await getLimiters();
  const k = keys(email, ip);
  // consume() rejects once the budget is spent; the next attempt is refused by assertSignInAllowed.
  await Promise.allSettled([byAccount.consume(k.account), byIp.consume(k.ip)]);
}

export async function clearSignInFailures(email: string, ip: string): Promise<void> {
  const { byAccount } = await getLimiters();
  await byAccount.delete(keys(email, ip).account);
}

export async function purgeExpiredSignInCounters(now = Date.now()): Promise<number> {
  const exists = await getPool().query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [RATE_LIMIT_TABLE]);
  if (!exists.rows[0]?.t) return 0;
  const res = await getPool().query(`DELETE FROM "${RATE_LIMIT_TABLE}" WHERE expire IS NOT NULL AND expire < $1`, [now]);
  return res.rowCount ?? 0;
}
