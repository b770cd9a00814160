import { describe, expect, it } from 'vitest';
import { getDb, getPool } from '../server/db.ts';
import { startJobs } from '../server/jobs/agenda.ts';
import { JOBS } from '../server/jobs/registry.ts';
import { sessionsCleanupJob } from '../server/jobs/definitions/sessions-cleanup.ts';
import { testDatabaseUrl } from './support/per-file-database.ts';
import { createTestUser } from './support/factories.ts';

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('[JOBS] registry and Agenda on PostgreSQL', () => {
  it('registers each job once, with a schema that accepts an empty payload', () => {
    const ids = JOBS.map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('sessions.cleanup');
    expect(sessionsCleanupJob.schema.parse(undefined)).toEqual({});
  });

  it('sessions.cleanup, scheduled by Agenda, removes expired sessions and sign-in counters and keeps live ones', async () => {
    const user = await createTestUser();
    const now = Date.now();
    await getDb().session.createMany({
      data: [
        { tokenHash: `expired-${now}`, userId: user.id, expiresAt: new Date(now - 60_000) },
        { tokenHash: `live-${now}`, userId: user.id, expiresAt: new Date(now + 3600_000) },
      ],
    });
    await getDb().authRateLimit.createMany({
      data: [
        { key: `signin_ip:old-${now}`, points: 3, expire: BigInt(now - 1000) },
        { key: `signin_ip:new-${now}`, points: 1, expire: BigInt(now + 600_000) },
      ],
    });
    const runner = await startJobs({ databaseUrl: testDatabaseUrl, processEvery: '1 second' });
    try {
      const remaining = await waitFor(
        () => getDb().session.findMany({ where: { userId: user.id }, select: { tokenHash: true } }),
        (rows) => rows.length === 1,
      );
      expect(remaining.map((r) => r.tokenHash)).toEqual([`live-${now}`]);
      // The job purges sessions and counters concurrently: wait for the counters too.
      const counters = await waitFor(
        () => getDb().authRateLimit.findMany({ where: { key: { endsWith: `-${now}` } }, select: { key: true } }),
        (rows) => rows.length === 1,
      );
      expect(counters.map((c) => c.key)).toEqual([`signin_ip:new-${now}`]);
      // The recurring job is stored once in Agenda's table, with its next run planned.
      const { rows } = await getPool().query(`SELECT name, next_run_at FROM agenda_jobs WHERE name = 'sessions.cleanup'`);
      expect(rows).toHaveLength(1);
      expect(new Date(rows[0].next_run_at).getTime()).toBeGreaterThan(now);
    } finally {
      await runner.stop();
    }
  });
});
