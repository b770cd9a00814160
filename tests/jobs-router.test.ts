// jobs.* through the real router against Agenda's real table: who may read and act, what each
// action changes, and the audit row it writes (issue 9, CAL-O3).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, getPool } from '../server/db.ts';
import { JOBS } from '../server/jobs/registry.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { ensureAgendaTable, insertAgendaJob, insertFailedJob, insertJobWorker } from './support/job-fixtures.ts';
import { codeOf } from './support/trpc-code.ts';

type User = Awaited<ReturnType<typeof createTestUser>>;
let admin: User;
let support: User;
let user: User;

beforeAll(async () => {
  await ensureAgendaTable();
  [admin, support, user] = await Promise.all([createTestUser({ role: 'ADMIN' }), createTestUser({ role: 'SUPPORT' }), createTestUser()]);
});

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

async function auditRows(targetId: string) {
  return getDb().auditLog.findMany({ where: { targetId }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true, targetType: true, before: true, after: true, requestId: true } });
}

async function jobRow(id: string) {
  const { rows } = await getPool().query(`SELECT next_run_at, disabled, fail_reason FROM agenda_jobs WHERE id = $1`, [id]);
  return rows[0] as { next_run_at: Date | null; disabled: boolean; fail_reason: string | null } | undefined;
}

describe('[JOBS][DASHBOARD] reading', () => {
  it('overview lists every registered job, then unknown names, with counts by state and recent durations', async () => {
    const name = `test.overview-${randomUUID().slice(0, 6)}`;
    await insertAgendaJob({ name, lockedAt: minutes(-1), lockedBy: 'h:1' }); // running
    await insertAgendaJob({ name, nextRunAt: minutes(-1) }); // queued
    await insertAgendaJob({ name, nextRunAt: minutes(10) }); // scheduled
    await insertAgendaJob({ name, nextRunAt: minutes(10), disabled: true }); // disabled
    await insertAgendaJob({ name, lastRunAt: minutes(-3), lastFinishedAt: minutes(-2) }); // completed
    await insertFailedJob({ name }); // failed
    // A recurring job that failed and waits for its next run still counts as failed.
    await insertAgendaJob({ name, type: 'single', repeatInterval: '1 hour', nextRunAt: minutes(30), failedAt: minutes(-5), lastFinishedAt: minutes(-5) });
    // Durations 100, 200, ... 1000 ms for a registered job; the newest is 1000 ms.
    const base = Date.now() - 3600_000;
    await getDb().jobRun.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({
        jobName: 'sessions.cleanup',
        jobId: randomUUID(),
        worker: 'h:1',
        startedAt: new Date(base + i * 60_000),
        finishedAt: new Date(base + i * 60_000 + (i + 1) * 100),
        ok: i !== 3,
      })),
    });

    for (const who of [user]) expect(await codeOf((await callerFor(who)).jobs.overview())).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(null)).jobs.overview())).toBe('UNAUTHORIZED');
    const overview = await (await callerFor(support)).jobs.overview();
    const names = overview.definitions.map((d) => d.name);
    expect(names.slice(0, JOBS.length)).toEqual(JOBS.map((j) => j.id));
    expect(names).toContain(name);

    const seeded = overview.definitions.find((d) => d.name === name)!;
    expect(seeded).toMatchObject({ defined: false, total: 7, every: '1 hour', counts: { running: 1, queued: 1, scheduled: 1, disabled: 1, completed: 1, failed: 2 } });
    // The earliest next run of a job that may run: the queued one (the disabled one does not count).
    expect(seeded.nextRunAt!.getTime()).toBeLessThan(Date.now());

    const cleanup = overview.definitions.find((d) => d.name === 'sessions.cleanup')!;
    expect(cleanup.defined).toBe(true);
    expect(cleanup.durations).toEqual({ samples: 10, failures: 1, p50Ms: 550, p95Ms: 955, lastMs: 1000 });
    expect(cleanup.lastRun).toMatchObject({ ok: true });
    expect(cleanup.lastRun!.finishedAt!.getTime() - cleanup.lastRun!.startedAt.getTime()).toBe(1000);

    // Admins read it too.
    expect((await (await callerFor(admin)).jobs.overview()).definitions.length).toBe(overview.definitions.length);
  });

  it('list filters by name and state, searches data, reason and id, and pages by offset', async () => {
    const name = `test.list-${randomUUID().slice(0, 6)}`;
    const failed = await insertFailedJob({ name, data: { eventId: 'evt_hearing_42', to: 'ada@example.com' }, reason: 'connect ECONNREFUSED 10.0.0.9:587' });
    const queued = await insertAgendaJob({ name, data: { eventId: 'evt_other_7' }, nextRunAt: minutes(-1) });
    const scheduled = await insertAgendaJob({ name, data: { user_id: 'u1' }, nextRunAt: minutes(5) });
    const caller = await callerFor(support);

    expect(await codeOf((await callerFor(user)).jobs.list({}))).toBe('FORBIDDEN');
    const all = await caller.jobs.list({ name });
    expect(all.total).toBe(3);
    expect(new Set(all.items.map((j) => j.id))).toEqual(new Set([failed.id, queued.id, scheduled.id]));

    const onlyFailed = await caller.jobs.list({ name, state: 'failed' });
    expect(onlyFailed.items.map((j) => [j.id, j.state, j.failReason, j.failCount])).toEqual([[failed.id, 'failed', 'connect ECONNREFUSED 10.0.0.9:587', 1]]);
    expect((await caller.jobs.list({ name, state: 'queued' })).items.map((j) => j.id)).toEqual([queued.id]);
    expect((await caller.jobs.list({ name, state: 'running' })).total).toBe(0);

    // Search looks into the data, case-insensitively, and treats _ literally.
    expect((await caller.jobs.list({ search: 'EVT_HEARING_42' })).items.map((j) => j.id)).toEqual([failed.id]);
    expect((await caller.jobs.list({ name, search: 'user_id' })).items.map((j) => j.id)).toEqual([scheduled.id]);
    expect((await caller.jobs.list({ name, search: 'user%id' })).total).toBe(0);
    expect((await caller.jobs.list({ search: 'ECONNREFUSED 10.0.0.9' })).items.map((j) => j.id)).toEqual([failed.id]);
    expect((await caller.jobs.list({ search: queued.id.slice(0, 13) })).items.map((j) => j.id)).toEqual([queued.id]);

    const page1 = await caller.jobs.list({ name, limit: 2 });
    const page2 = await caller.jobs.list({ name, limit: 2, offset: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page2).toMatchObject({ total: 3, offset: 2 });
    expect(new Set([...page1.items, ...page2.items].map((j) => j.id)).size).toBe(3);
    expect(await caller.jobs.list({ name, offset: 50 })).toEqual({ items: [], total: 3, offset: 50 });
  });

  it('get returns data, runs, the failure with its stack, and who holds the lock', async () => {
    const caller = await callerFor(support);
    const failed = await insertFailedJob({ data: { eventId: 'e1' }, reason: 'SMTP 550: no such user' });
    expect(await codeOf((await callerFor(user)).jobs.get({ id: failed.id }))).toBe('FORBIDDEN');

    const detail = await caller.jobs.get({ id: failed.id });
    expect(detail).toMatchObject({ id: failed.id, state: 'failed', data: { eventId: 'e1' }, failReason: 'SMTP 550: no such user', failCount: 1, lock: null });
    expect(detail.failStack).toContain('at sendReminder');
    expect(detail.runs).toHaveLength(1);
    expect(detail.runs[0]).toMatchObject({ ok: false, durationMs: 1500, error: 'SMTP 550: no such user', worker: 'test-host:1' });

    const holder = await insertJobWorker({ ageMs: 1000 });
    const lockedAt = minutes(-2);
    const running = await insertAgendaJob({ lockedAt, lockedBy: holder, lastRunAt: lockedAt });
    const locked = await caller.jobs.get({ id: running.id });
    expect(locked.state).toBe('running');
    expect(locked.lock).toEqual({ holder, holderStatus: 'alive', lockedAt, expiresAt: new Date(lockedAt.getTime() + 10 * 60_000) });
    // A lock held by a process with no heartbeat row: the holder is named, its status unknown.
    const orphan = await insertAgendaJob({ lockedAt, lockedBy: 'vanished-host:99' });
    expect((await caller.jobs.get({ id: orphan.id })).lock).toMatchObject({ holder: 'vanished-host:99', holderStatus: null });

    expect(await codeOf(caller.jobs.get({ id: randomUUID() }))).toBe('NOT_FOUND');
    expect(await codeOf(caller.jobs.get({ id: 'not-a-uuid' }))).toBe('BAD_REQUEST');
  });

  it('workers shows each process as alive, stale or gone with the locks it holds', async () => {
    const alive = await insertJobWorker({ ageMs: 2_000, kind: 'web' });
    const stale = await insertJobWorker({ ageMs: 20_000 });
    const gone = await insertJobWorker({ ageMs: 10 * 60_000 });
    const lock = await insertAgendaJob({ name: 'reminders.scan', lockedAt: minutes(-12), lockedBy: gone });
    const orphan = await insertAgendaJob({ lockedAt: minutes(-1), lockedBy: 'not-registered:1' });

    expect(await codeOf((await callerFor(user)).jobs.workers())).toBe('FORBIDDEN');
    const { workers, orphanLocks } = await (await callerFor(support)).jobs.workers();
    const byName = new Map(workers.map((w) => [w.name, w]));
    expect(byName.get(alive)).toMatchObject({ status: 'alive', kind: 'web', locks: [] });
    expect(byName.get(stale)).toMatchObject({ status: 'stale' });
    expect(byName.get(gone)).toMatchObject({ status: 'gone', locks: [{ id: lock.id, name: 'reminders.scan' }] });
    expect(orphanLocks).toContainEqual(expect.objectContaining({ id: orphan.id, holder: 'not-registered:1' }));
  });
});

describe('[JOBS][DASHBOARD] actions', () => {
  it('retry: support re-queues a failed job, audited; anything else is refused and not audited', async () => {
    const failed = await insertFailedJob({ data: { eventId: 'e2' } });
    expect(await codeOf((await callerFor(user)).jobs.retry({ id: failed.id }))).toBe('FORBIDDEN');
    expect(await auditRows(failed.id)).toEqual([]);

    const result = await (await callerFor(support)).jobs.retry({ id: failed.id });
    expect(result).toEqual({ id: failed.id, name: failed.name, state: 'queued' });
    expect((await jobRow(failed.id))!.next_run_at!.getTime()).toBeLessThanOrEqual(Date.now());
    // The failure stays on record until the next run replaces it.
    expect((await jobRow(failed.id))!.fail_reason).toBe('SMTP 550: mailbox unavailable');
    const [audit] = await auditRows(failed.id);
    expect(audit).toMatchObject({ action: 'jobs.retry', actorId: support.id, targetType: 'Job', before: { name: failed.name, state: 'failed', data: { eventId: 'e2' } }, after: { state: 'queued' } });
    expect(audit!.requestId).toBeTruthy();

    // Now queued, it is no longer a failed job: a second retry is a conflict, with no audit row.
    expect(await codeOf((await callerFor(support)).jobs.retry({ id: failed.id }))).toBe('CONFLICT');
    const scheduled = await insertAgendaJob({ nextRunAt: minutes(5) });
    expect(await codeOf((await callerFor(admin)).jobs.retry({ id: scheduled.id }))).toBe('CONFLICT');
    expect(await auditRows(scheduled.id)).toEqual([]);
    expect(await codeOf((await callerFor(support)).jobs.retry({ id: randomUUID() }))).toBe('NOT_FOUND');
  });

  it('runNow: support makes a job due now, audited; a running or disabled job is refused', async () => {
    const scheduled = await insertAgendaJob({ type: 'single', repeatInterval: '1 hour', nextRunAt: minutes(45) });
    expect(await codeOf((await callerFor(user)).jobs.runNow({ id: scheduled.id }))).toBe('FORBIDDEN');
    expect(await (await callerFor(support)).jobs.runNow({ id: scheduled.id })).toMatchObject({ state: 'queued' });
    expect((await jobRow(scheduled.id))!.next_run_at!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await auditRows(scheduled.id)).toEqual([
      expect.objectContaining({ action: 'jobs.run_now', actorId: support.id, before: expect.objectContaining({ state: 'scheduled' }), after: expect.objectContaining({ state: 'queued' }) }),
    ]);

    const running = await insertAgendaJob({ lockedAt: minutes(-1), lockedBy: 'h:2' });
    const disabled = await insertAgendaJob({ nextRunAt: minutes(5), disabled: true });
    expect(await codeOf((await callerFor(support)).jobs.runNow({ id: running.id }))).toBe('CONFLICT');
    expect(await codeOf((await callerFor(admin)).jobs.runNow({ id: disabled.id }))).toBe('CONFLICT');
    expect([...(await auditRows(running.id)), ...(await auditRows(disabled.id))]).toEqual([]);
  });

  it('setDisabled: admins only disable and enable, audited', async () => {
    const job = await insertAgendaJob({ nextRunAt: minutes(5) });
    expect(await codeOf((await callerFor(support)).jobs.setDisabled({ id: job.id, disabled: true }))).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(user)).jobs.setDisabled({ id: job.id, disabled: true }))).toBe('FORBIDDEN');
    expect((await jobRow(job.id))!.disabled).toBe(false);

    const caller = await callerFor(admin);
    expect(await caller.jobs.setDisabled({ id: job.id, disabled: true })).toMatchObject({ state: 'disabled' });
    expect((await jobRow(job.id))!.disabled).toBe(true);
    expect(await codeOf(caller.jobs.setDisabled({ id: job.id, disabled: true }))).toBe('CONFLICT');
    expect(await caller.jobs.setDisabled({ id: job.id, disabled: false })).toMatchObject({ state: 'scheduled' });
    expect((await auditRows(job.id)).map((a) => [a.action, a.actorId, (a.after as { disabled: boolean }).disabled])).toEqual([
      ['jobs.disable', admin.id, true],
      ['jobs.enable', admin.id, false],
    ]);
  });

  it('delete: admins only, the document is gone, the audit row keeps what it was', async () => {
    const failed = await insertFailedJob({ data: { eventId: 'e3' } });
    expect(await codeOf((await callerFor(support)).jobs.delete({ id: failed.id }))).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(user)).jobs.delete({ id: failed.id }))).toBe('FORBIDDEN');
    expect(await jobRow(failed.id)).toBeDefined();

    expect(await (await callerFor(admin)).jobs.delete({ id: failed.id })).toEqual({ id: failed.id, name: failed.name, state: null });
    expect(await jobRow(failed.id)).toBeUndefined();
    expect(await auditRows(failed.id)).toEqual([
      expect.objectContaining({ action: 'jobs.delete', actorId: admin.id, before: expect.objectContaining({ state: 'failed', data: { eventId: 'e3' } }), after: { deleted: true } }),
    ]);
    expect(await codeOf((await callerFor(admin)).jobs.delete({ id: failed.id }))).toBe('NOT_FOUND');
  });
});
