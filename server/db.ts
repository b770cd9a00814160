// The only PrismaClient (convention 7). One pg pool is shared by Prisma and by the
// few places that need raw SQL (rate limiter, bulk writes), so connections are bounded once.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;
export type { Prisma } from './generated/prisma/client.ts';

let state: { prisma: PrismaClient; pool: pg.Pool; url: string } | undefined;

/**
 * A pg pool that outlives a PostgreSQL restart. node-postgres emits 'error' on a client whose
 * connection ends, also while it is checked out (mid-transaction, LISTEN), where the pool has no
 * listener of its own: unhandled, that event killed the whole process when PostgreSQL restarted
 * (fault drill tests/faults-ingest-postgres.test.ts). The failed query still rejects and the pool
 * drops the broken client on release, so the listeners only keep the process alive.
 */
export function createPgPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export function connectDatabase(url: string, opts: { poolSize?: number } = {}): PrismaClient {
  if (state) throw new Error('connectDatabase() called twice');
  const pool = createPgPool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    // The adapter's default waits forever for a connection; fail fast under overload instead.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  state = { prisma, pool, url };
  return prisma;
}

export function getDb(): PrismaClient {
  if (!state) throw new Error('Database not connected: call connectDatabase() at start-up');
  return state.prisma;
}

export function getPool(): pg.Pool {
  if (!state) throw new Error('Database not connected: call connectDatabase() at start-up');
  return state.pool;
}

/** The URL connectDatabase() was given: Agenda's own pool connects to the same database. */
export function getDatabaseUrl(): string {
  if (!state) throw new Error('Database not connected: call connectDatabase() at start-up');
  return state.url;
}

export async function disconnectDatabase(): Promise<void> {
  if (!state) return;
  const { prisma, pool } = state;
  state = undefined;
  await prisma.$disconnect();
  await pool.end().catch(() => undefined);
}

// SQLSTATE class 08 (connection exception), shutdown/starting-up states, and too many connections.
const UNAVAILABLE_SQLSTATES = /^(08...|57P01|57P02|57P03|53300)$/;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres' own messages for a lost or unobtainable connection, and Prisma's codes for the same.
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|not queryable|Can't reach database server|server closed the connection/i;
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);

/** What a 503 for a database outage asks clients to wait: about one PostgreSQL restart. */
export const DATABASE_RETRY_AFTER_SEC = 5;

/**
 * True when `error` says PostgreSQL could not be reached or went away (restart, failover), as
 * opposed to a bad query: callers answer 503 with Retry-After instead of a generic 500. Looks
 * through `cause` chains and Prisma's driver-adapter wrapping.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = queue.shift() as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; errors?: unknown } | null;
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_ERRNOS.has(code) || UNAVAILABLE_PRISMA_CODES.has(code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    const original = (e as { originalCode?: unknown }).originalCode;
    if (typeof original === 'string' && (UNAVAILABLE_SQLSTATES.test(original) || UNAVAILABLE_ERRNOS.has(original))) return true;
    queue.push(e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : []));
  }
  return false;
}
