// isDatabaseUnavailable() decides 503 + Retry-After over 500 (server/http/app.ts) and whether a
// reminder claim is handed back at once (scan-and-send-reminders.ts). Checked against the errors
// node-postgres and Prisma really raise, not hand-made objects: a closed port, a connection cut
// by the server, and ordinary query errors that must stay 500s.
import { PrismaPg } from '@prisma/adapter-pg';
import { describe, expect, it } from 'vitest';
import { createPgPool, getDb, getPool, isDatabaseUnavailable } from '../server/db.ts';
import { PrismaClient } from '../server/generated/prisma/client.ts';
import { freePort } from './support/faults.ts';
import { testDatabaseUrl } from './support/per-file-database.ts';

const caught = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

describe('[FAULTS][DB] what counts as "the database is unavailable"', () => {
  it('a closed port, through node-postgres and through Prisma', async () => {
    const url = new URL(testDatabaseUrl);
    url.port = String(await freePort());
    const pool = createPgPool({ connectionString: url.toString(), connectionTimeoutMillis: 2000 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    try {
      expect(isDatabaseUnavailable(await caught(pool.query('SELECT 1')))).toBe(true);
      expect(isDatabaseUnavailable(await caught(prisma.user.count()))).toBe(true);
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
  });

  it('a session terminated by the server (as on a restart) fails its query, not the process', async () => {
    const pool = createPgPool({ connectionString: testDatabaseUrl, max: 1 });
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() pid');
      await getPool().query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      // Checked out and idle when its connection ends: node-postgres emits 'error' on it, which
      // crashed the process before createPgPool listened on every client.
      await new Promise((r) => setTimeout(r, 300));
      const error = await caught(client.query('SELECT pg_sleep(0.1)'));
      client.release(error as Error);
      expect(isDatabaseUnavailable(error)).toBe(true);
      // The pool replaced the dead connection.
      expect((await pool.query('SELECT 1 one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('ordinary query errors are not outages', async () => {
    expect(isDatabaseUnavailable(await caught(getPool().query('SELEC 1')))).toBe(false);
    expect(isDatabaseUnavailable(await caught(getPool().query('SELECT * FROM no_such_table')))).toBe(false);
    expect(isDatabaseUnavailable(await caught(getDb().user.create({ data: { email: null as never, name: 'x', role: 'USER', passwordHash: 'x' } })))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
