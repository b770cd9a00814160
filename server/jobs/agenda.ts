import { Agenda, type Job } from 'agenda';
import { hostname } from 'node:os';
import { getConfig } from '../config.ts';
import { createPgPool, getPool } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import type { TJobWorkerKind } from '../../shared/jobs.ts';
import type { JobDefinition } from './job.ts';
import { JOBS } from './registry.ts';
import { setRunningAgenda } from './queue.ts';
import { finishJobRun, startJobRun } from './record-job-run.ts';
import { registerJobWorker } from './register-job-worker.ts';
import { jobRunDuration } from '../metrics/metrics.ts';
import { connectAgenda, createAgendaBackend, jobStoreIsPostgres } from './agenda-backend.ts';

const log = taggedLogger('jobs');

/** How long a lock lasts before another worker may take the job over (the jobs page shows it). */
export const JOB_LOCK_LIFETIME_MS = 10 * 60_000;

export type JobRunner = { agenda: Agenda; stop: () => Promise<void> };

/**
 * Defines every registered job, schedules the recurring ones and starts processing.
 * Agenda gets its own small pool: its LISTEN connection must not starve request traffic.
 */
export async function startJobs(opts: {
  databaseUrl: string;
  jobs?: readonly JobDefinition[];
  processEvery?: string;
  /** Which kind of process this is, for the jobs page's workers panel. */
  kind?: TJobWorkerKind;
  heartbeatMs?: number;
}): Promise<JobRunner> {
  const workerName = `${hostname()}:${process.pid}`;
  // Ours, not the backend's: the pool the backend would make has no 'error' listener, so an idle
  // connection dropped by a PostgreSQL restart crashed the worker (see createPgPool).
  const pool = createPgPool({ connectionString: opts.databaseUrl, max: 4 });
  const agenda = await connectAgenda(
    () =>
      new Agenda({
        backend: createAgendaBackend({ pool }),
        name: workerName,
        processEvery: opts.processEvery ?? '5 seconds',
        defaultLockLifetime: JOB_LOCK_LIFETIME_MS,
      }),
  ).catch(async (error: unknown) => {
    await pool.end().catch(() => undefined);
    throw error;
  });
  const jobs = opts.jobs ?? JOBS;
  const worker = await registerJobWorker({
    name: workerName,
    kind: opts.kind ?? 'worker',
    jobs: jobs.map((j) => j.id),
    heartbeatMs: opts.heartbeatMs ?? getConfig().jobs.heartbeatMs,
  });
  for (const job of jobs) {
    agenda.define(
      job.id,
      async (agendaJob: Job) => {
        const payload = job.schema.parse(agendaJob.attrs.data ?? {});
        const started = Date.now();
        const jobId = String(agendaJob.attrs._id ?? '');
        worker.running.inc();
        const runId = await startJobRun({ jobName: job.id, jobId, worker: workerName, startedAt: new Date(started) });
        try {
          const result = await job.handler(payload, { jobId, attempt: (agendaJob.attrs.failCount ?? 0) + 1 });
          await finishJobRun({ runId, finishedAt: new Date() });
          jobRunDuration.observe({ job: job.id, outcome: 'ok' }, (Date.now() - started) / 1000);
          log.info({ job: job.id, jobId, ms: Date.now() - started, result }, `${job.id} done`);
        } catch (error) {
          await finishJobRun({ runId, finishedAt: new Date(), error });
          jobRunDuration.observe({ job: job.id, outcome: 'error' }, (Date.now() - started) / 1000);
          // Rethrown so Agenda records failReason/failCount where the jobs page shows them.
          log.error({ job: job.id, jobId, ms: Date.now() - started, err: error }, `${job.id} failed`);
          throw error;
        } finally {
          worker.running.dec();
        }
      },
      { concurrency: job.concurrency ?? 1, backoff: job.backoff, removeOnComplete: job.removeOnComplete },
    );
  }
  let disabled: Set<string>;
  try {
    await agenda.start();
    setRunningAgenda(agenda);
    disabled = await disabledRecurringJobs(jobs.filter((j) => j.every).map((j) => j.id));
    for (const job of jobs) {
      // `every` upserts the recurring job with disabled = false: skipping it keeps an operator's
      // "disable" from the jobs page across restarts.
      if (job.every && !disabled.has(job.id)) await agenda.every(job.every, job.id, undefined, { skipImmediate: false });
    }
  } catch (error) {
    // A process that failed to start is not a worker the jobs page should list.
    await worker.unregister().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw error;
  }
  log.info({ jobs: jobs.map((j) => j.id), worker: workerName, disabled: [...disabled] }, 'job processing started');
  return {
    agenda,
    async stop() {
      // Let running jobs finish (bounded) rather than unlocking them mid-way.
      setRunningAgenda(null);
      const result = await agenda.drain(15_000);
      if (result.timedOut) log.warn({ running: result.running }, 'jobs still running at shutdown; their locks will expire');
      await worker.unregister();
      await pool.end();
    },
  };
}

async function disabledRecurringJobs(names: string[]): Promise<Set<string>> {
  // The jobs page (which disables jobs) reads the PostgreSQL store only.
  if (!names.length || !jobStoreIsPostgres()) return new Set();
  const { rows } = await getPool().query<{ name: string }>(
    `SELECT name FROM agenda_jobs WHERE type = 'single' AND disabled = TRUE AND name = ANY($1::text[])`,
    [names],
  );
  return new Set(rows.map((r) => r.name));
}
