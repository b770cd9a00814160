import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from '../server/jobs/job.ts';
import { pruneJobRecords } from '../server/jobs/prune-job-records.ts';
import { ConfigError, parseConfig } from '../server/config.ts';
import { callerFor } from './support/factories.ts';
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

describe('[JOBS][DASHBOARD] the runner records runs and heartbeats', () => {
  const workerName = `${hostname()}:${process.pid}`;
  let calls = 0;
  const okJob = defineJob({
    id: 'test.ok',
    schema: z.object({ n: z.number() }),
    handler: async ({ n }) => {
      calls++;
      await new Promise((r) => setTimeout(r, 30));
      return n;
    },
  });
  const failingJob = defineJob({
    id: 'test.fails',
    schema: z.object({}).default({}),
    handler: async () => {
      throw new Error('provider answered 503');
    },
  });
  const recurringJob = defineJob({ id: 'test.recurring', schema: z.object({}).default({}), every: '1 hour', handler: async () => null });

  it('a real Agenda run writes its run record (ok, and failed with the stack), and the worker heartbeats until it stops', async () => {
    const runner = await startJobs({ databaseUrl: testDatabaseUrl, processEvery: '1 second', jobs: [okJob, failingJob], heartbeatMs: 200, kind: 'web' });
    try {
      const registered = await getDb().jobWorker.findUnique({ where: { name: workerName } });
      expect(registered).toMatchObject({ kind: 'web', pid: process.pid, jobs: ['test.ok', 'test.fails'], heartbeatMs: 200 });
      const ok = await runner.agenda.now('test.ok', { n: 7 });
      const failed = await runner.agenda.now('test.fails', {});
      const runs = await waitFor(
        () => getDb().jobRun.findMany({ where: { jobName: { in: ['test.ok', 'test.fails'] }, finishedAt: { not: null } }, orderBy: { jobName: 'asc' } }),
        (rows) => rows.length === 2,
      );
      const [fail, pass] = runs;
      expect(pass).toMatchObject({ jobName: 'test.ok', jobId: String(ok.attrs._id), ok: true, error: null, worker: workerName });
      expect(pass!.finishedAt!.getTime() - pass!.startedAt.getTime()).toBeGreaterThanOrEqual(25);
      expect(fail).toMatchObject({ jobName: 'test.fails', jobId: String(failed.attrs._id), ok: false, error: 'provider answered 503' });
      expect(fail!.stack).toContain('tests/jobs.test.ts');
      expect(calls).toBe(1);

      // The heartbeat moves on by itself.
      const first = (await getDb().jobWorker.findUniqueOrThrow({ where: { name: workerName } })).lastHeartbeatAt;
      const later = await waitFor(
        () => getDb().jobWorker.findUniqueOrThrow({ where: { name: workerName } }),
        (w) => w.lastHeartbeatAt > first,
        5_000,
      );
      expect(later.lastHeartbeatAt.getTime()).toBeGreaterThan(first.getTime());

      // The dashboard shows the failure Agenda recorded with the stack the runner recorded.
      const support = await createTestUser({ role: 'SUPPORT' });
      const detail = await (await callerFor(support)).jobs.get({ id: String(failed.attrs._id) });
      expect(detail).toMatchObject({ state: 'failed', failReason: 'provider answered 503', failCount: 1 });
      expect(detail.failStack).toContain('provider answered 503');
      const { workers } = await (await callerFor(support)).jobs.workers();
      expect(workers.find((w) => w.name === workerName)).toMatchObject({ status: 'alive', kind: 'web' });

      // Retried from the dashboard, the same document runs again at the next poll.
      await (await callerFor(support)).jobs.retry({ id: String(failed.attrs._id) });
      const again = await waitFor(
        () => getDb().jobRun.count({ where: { jobId: String(failed.attrs._id), finishedAt: { not: null } } }),
        (n) => n === 2,
      );
      expect(again).toBe(2);
    } finally {
      await runner.stop();
    }
    // A graceful stop removes the row: it is not a missing worker.
    expect(await getDb().jobWorker.findUnique({ where: { name: workerName } })).toBeNull();
  });

  it('a recurring job an admin disabled stays disabled when a job process starts again', async () => {
    const first = await startJobs({ databaseUrl: testDatabaseUrl, processEvery: '1 second', jobs: [recurringJob], heartbeatMs: 1000 });
    await first.stop();
    const { rows } = await getPool().query(`SELECT id::text AS id FROM agenda_jobs WHERE name = 'test.recurring' AND type = 'single'`);
    const admin = await createTestUser({ role: 'ADMIN' });
    await (await callerFor(admin)).jobs.setDisabled({ id: rows[0].id, disabled: true });

    const second = await startJobs({ databaseUrl: testDatabaseUrl, processEvery: '1 second', jobs: [recurringJob], heartbeatMs: 1000 });
    try {
      const after = await getPool().query(`SELECT disabled FROM agenda_jobs WHERE name = 'test.recurring'`);
      expect(after.rows).toEqual([{ disabled: true }]);
    } finally {
      await second.stop();
    }
  });

  it('jobs.retention prunes run records past JOB_RUNS_RETENTION_DAYS and workers gone for a day', async () => {
    const now = new Date();
    const day = 24 * 3600_000;
    const old = await getDb().jobRun.create({ data: { jobName: 'x', jobId: 'old', worker: 'w', startedAt: new Date(now.getTime() - 15 * day) }, select: { id: true } });
    const recent = await getDb().jobRun.create({ data: { jobName: 'x', jobId: 'new', worker: 'w', startedAt: new Date(now.getTime() - 13 * day) }, select: { id: true } });
    const base = { kind: 'worker', host: 'h', pid: 1, jobs: [], heartbeatMs: 5000, startedAt: new Date(now.getTime() - 3 * day) };
    await getDb().jobWorker.createMany({
      data: [
        { ...base, name: 'h:dead-long-ago', lastHeartbeatAt: new Date(now.getTime() - 2 * day) },
        { ...base, name: 'h:dead-recently', lastHeartbeatAt: new Date(now.getTime() - 3600_000) },
      ],
    });
    expect(JOBS.map((j) => j.id)).toContain('jobs.retention');
    expect(await pruneJobRecords({ runsRetentionDays: 14, now })).toEqual({ runs: 1, workers: 1 });
    expect(await getDb().jobRun.findMany({ where: { id: { in: [old.id, recent.id] } }, select: { id: true } })).toEqual([{ id: recent.id }]);
    expect((await getDb().jobWorker.findMany({ where: { host: 'h' }, select: { name: true } })).map((w) => w.name)).toEqual(['h:dead-recently']);
  });

  it('JOB_HEARTBEAT_SEC and JOB_RUNS_RETENTION_DAYS: defaults, values, and a clear error for nonsense', () => {
    const base = { NODE_ENV: 'test', DATA_DIR: process.env.DATA_DIR! };
    expect(parseConfig(base).jobs).toMatchObject({ heartbeatMs: 5000, runsRetentionDays: 14 });
    expect(parseConfig({ ...base, JOB_HEARTBEAT_SEC: '2', JOB_RUNS_RETENTION_DAYS: '30' }).jobs).toMatchObject({ heartbeatMs: 2000, runsRetentionDays: 30 });
    expect(() => parseConfig({ ...base, JOB_HEARTBEAT_SEC: '0' })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, JOB_RUNS_RETENTION_DAYS: 'soon' })).toThrow(/JOB_RUNS_RETENTION_DAYS: must be a number of days/);
  });
});
