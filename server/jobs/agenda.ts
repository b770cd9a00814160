import { Agenda, type Job } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { hostname } from 'node:os';
import { taggedLogger } from '../logger.ts';
import type { JobDefinition } from './job.ts';
import { JOBS } from './registry.ts';
import { setRunningAgenda } from './queue.ts';

const log = taggedLogger('jobs');

export type JobRunner = { agenda: Agenda; stop: () => Promise<void> };

/**
 * Defines every registered job, schedules the recurring ones and starts processing.
 * Agenda gets its own small pool: its LISTEN connection must not starve request traffic.
 */
export async function startJobs(opts: { databaseUrl: string; jobs?: readonly JobDefinition[]; processEvery?: string }): Promise<JobRunner> {
  const agenda = new Agenda({
    backend: new PostgresBackend({ poolConfig: { connectionString: opts.databaseUrl, max: 4 } }),
    name: `${hostname()}:${process.pid}`,
    processEvery: opts.processEvery ?? '5 seconds',
    defaultLockLifetime: 10 * 60_000,
  });
  const jobs = opts.jobs ?? JOBS;
  for (const job of jobs) {
    agenda.define(
      job.id,
      async (agendaJob: Job) => {
        const payload = job.schema.parse(agendaJob.attrs.data ?? {});
        const started = Date.now();
        const jobId = String(agendaJob.attrs._id ?? '');
        try {
          const result = await job.handler(payload, { jobId, attempt: (agendaJob.attrs.failCount ?? 0) + 1 });
          log.info({ job: job.id, jobId, ms: Date.now() - started, result }, `${job.id} done`);
        } catch (error) {
          // Rethrown so Agenda records failReason/failCount where the jobs page shows them.
          log.error({ job: job.id, jobId, ms: Date.now() - started, err: error }, `${job.id} failed`);
          throw error;
        }
      },
      { concurrency: job.concurrency ?? 1, backoff: job.backoff, removeOnComplete: job.removeOnComplete },
    );
  }
  await agenda.start();
  setRunningAgenda(agenda);
  for (const job of jobs) {
    if (job.every) await agenda.every(job.every, job.id, undefined, { skipImmediate: false });
  }
  log.info({ jobs: jobs.map((j) => j.id) }, 'job processing started');
  return {
    agenda,
    async stop() {
      // Let running jobs finish (bounded) rather than unlocking them mid-way.
      setRunningAgenda(null);
      const result = await agenda.drain(15_000);
      if (result.timedOut) log.warn({ running: result.running }, 'jobs still running at shutdown; their locks will expire');
    },
  };
}
