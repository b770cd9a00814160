// Run records older than JOB_RUNS_RETENTION_DAYS, and rows of workers that died (no graceful
// stop removed them) more than a day ago: long enough for the jobs page to show them as gone.
import { getDb } from '../db.ts';

const GONE_WORKER_KEPT_MS = 24 * 3600_000;

export async function pruneJobRecords(opts: { runsRetentionDays: number; now?: Date }): Promise<{ runs: number; workers: number }> {
  const now = opts.now ?? new Date();
  const [runs, workers] = await Promise.all([
    getDb().jobRun.deleteMany({ where: { startedAt: { lt: new Date(now.getTime() - opts.runsRetentionDays * 24 * 3600_000) } } }),
    getDb().jobWorker.deleteMany({ where: { lastHeartbeatAt: { lt: new Date(now.getTime() - GONE_WORKER_KEPT_MS) } } }),
  ]);
  return { runs: runs.count, workers: workers.count };
}
