// Each process that runs jobs keeps a job_workers row fresh, so the jobs page can tell a live
// worker from a stuck or vanished one, and which locks each holds.
import { hostname } from 'node:os';
import { getDb } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import type { TJobWorkerKind } from '../../shared/jobs.ts';

const log = taggedLogger('jobs');

export type JobWorkerRegistration = {
  /** Jobs this process is running right now (the runner counts them). */
  running: { inc: () => void; dec: () => void };
  /** Stops heartbeating and removes the row: a graceful stop is not a missing worker. */
  unregister: () => Promise<void>;
};

export async function registerJobWorker(opts: { name: string; kind: TJobWorkerKind; jobs: string[]; heartbeatMs: number }): Promise<JobWorkerRegistration> {
  let runningCount = 0;
  const startedAt = new Date();
  const row = { kind: opts.kind, host: hostname(), pid: process.pid, jobs: opts.jobs, heartbeatMs: opts.heartbeatMs, startedAt };
  const beat = async () => {
    const now = new Date();
    await getDb().jobWorker.upsert({
      where: { name: opts.name },
      create: { name: opts.name, ...row, runningCount, lastHeartbeatAt: now },
      // The whole row, not only the time: a restarted process with a reused pid replaces the old one.
      update: { ...row, runningCount, lastHeartbeatAt: now },
      select: { name: true },
    });
  };
  await beat();
  let inFlight: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = beat()
      // A missed beat (database restarting) is retried at the next tick; the page shows it as stale meanwhile.
      .catch((error) => log.warn({ err: error, worker: opts.name }, 'job worker heartbeat failed'))
      .finally(() => {
        inFlight = null;
      });
  }, opts.heartbeatMs);
  timer.unref();
  return {
    running: {
      inc: () => void runningCount++,
      dec: () => void (runningCount = Math.max(0, runningCount - 1)),
    },
    async unregister() {
      clearInterval(timer);
      await inFlight;
      await getDb().jobWorker.deleteMany({ where: { name: opts.name } });
    },
  };
}
