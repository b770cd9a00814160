// Job documents in Agenda's own table, in the exact states the dashboard must tell apart.
import { randomUUID } from 'node:crypto';
import { PostgresJobRepository } from '@agendajs/postgres-backend';
import { getDb, getPool } from '../../server/db.ts';

let ensured: Promise<void> | undefined;

/** The table as the backend creates it when a job process connects (its own schema SQL). */
export function ensureAgendaTable(): Promise<void> {
  ensured ??= new PostgresJobRepository({ pool: getPool() }).connect();
  return ensured;
}

export type AgendaJobSeed = {
  name?: string;
  type?: 'normal' | 'single';
  data?: Record<string, unknown>;
  nextRunAt?: Date | null;
  lastRunAt?: Date | null;
  lastFinishedAt?: Date | null;
  failedAt?: Date | null;
  failCount?: number | null;
  failReason?: string | null;
  lockedAt?: Date | null;
  lockedBy?: string | null;
  disabled?: boolean;
  repeatInterval?: string | null;
};

export async function insertAgendaJob(seed: AgendaJobSeed = {}): Promise<{ id: string; name: string }> {
  await ensureAgendaTable();
  const id = randomUUID();
  const name = seed.name ?? `test.job-${id.slice(0, 8)}`;
  await getPool().query(
    `INSERT INTO agenda_jobs (id, name, type, data, next_run_at, last_run_at, last_finished_at, failed_at, fail_count,
       fail_reason, locked_at, last_modified_by, disabled, repeat_interval)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      id,
      name,
      seed.type ?? 'normal',
      JSON.stringify(seed.data ?? {}),
      seed.nextRunAt ?? null,
      seed.lastRunAt ?? null,
      seed.lastFinishedAt ?? null,
      seed.failedAt ?? null,
      seed.failCount ?? null,
      seed.failReason ?? null,
      seed.lockedAt ?? null,
      seed.lockedBy ?? null,
      seed.disabled ?? false,
      seed.repeatInterval ?? null,
    ],
  );
  return { id, name };
}

/** A failed one-off job, as Agenda leaves it after the handler threw, with the runner's run record. */
export async function insertFailedJob(opts: { name?: string; data?: Record<string, unknown>; reason?: string; worker?: string } = {}) {
  const failedAt = new Date(Date.now() - 60_000);
  const reason = opts.reason ?? 'SMTP 550: mailbox unavailable';
  const job = await insertAgendaJob({
    name: opts.name,
    data: opts.data,
    lastRunAt: new Date(failedAt.getTime() - 1500),
    lastFinishedAt: failedAt,
    failedAt,
    failCount: 1,
    failReason: reason,
  });
  await getDb().jobRun.create({
    data: {
      jobName: job.name,
      jobId: job.id,
      worker: opts.worker ?? 'test-host:1',
      startedAt: new Date(failedAt.getTime() - 1500),
      finishedAt: failedAt,
      ok: false,
      error: reason,
      stack: `Error: ${reason}\n    at sendReminder (server/reminders/send-reminder-delivery.ts:42:11)`,
    },
  });
  return job;
}

export async function insertJobWorker(opts: { name?: string; kind?: string; ageMs?: number; heartbeatMs?: number; jobs?: string[] } = {}) {
  const name = opts.name ?? `test-host-${randomUUID().slice(0, 6)}:${Math.floor(Math.random() * 60_000)}`;
  const now = Date.now();
  await getDb().jobWorker.create({
    data: {
      name,
      kind: opts.kind ?? 'worker',
      host: name.split(':')[0]!,
      pid: Number(name.split(':')[1] ?? 1),
      jobs: opts.jobs ?? ['sessions.cleanup'],
      heartbeatMs: opts.heartbeatMs ?? 5000,
      runningCount: 0,
      startedAt: new Date(now - 3600_000),
      lastHeartbeatAt: new Date(now - (opts.ageMs ?? 0)),
    },
  });
  return name;
}
