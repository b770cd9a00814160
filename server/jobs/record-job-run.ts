// One row per job run, written by the runner (agenda.ts): Agenda itself keeps only the latest
// lastRunAt/lastFinishedAt per job document, and only the failure's message, not its stack.
import { getDb } from '../db.ts';
import { taggedLogger } from '../logger.ts';

const log = taggedLogger('jobs');
const MAX_TEXT = 8_000;

/**
 * Inserted when the run starts, so a run that never finishes (the process died) stays visible.
 * A failed write is logged and the job runs anyway: the job matters more than its record.
 */
export async function startJobRun(opts: { jobName: string; jobId: string; worker: string; startedAt: Date }): Promise<string | null> {
  try {
    const row = await getDb().jobRun.create({
      data: { jobName: opts.jobName, jobId: opts.jobId, worker: opts.worker, startedAt: opts.startedAt },
      select: { id: true },
    });
    return row.id;
  } catch (error) {
    log.error({ err: error, job: opts.jobName, jobId: opts.jobId }, 'could not record the start of a job run');
    return null;
  }
}

export async function finishJobRun(opts: { runId: string | null; finishedAt: Date; error?: unknown }): Promise<void> {
  if (!opts.runId) return;
  const failure = opts.error === undefined ? null : describeFailure(opts.error);
  try {
    await getDb().jobRun.update({
      where: { id: opts.runId },
      data: { finishedAt: opts.finishedAt, ok: failure === null, error: failure?.message ?? null, stack: failure?.stack ?? null },
      select: { id: true },
    });
  } catch (error) {
    log.error({ err: error, runId: opts.runId }, 'could not record the end of a job run');
  }
}

function describeFailure(error: unknown): { message: string; stack: string | null } {
  if (error instanceof Error) return { message: error.message.slice(0, MAX_TEXT), stack: error.stack?.slice(0, MAX_TEXT) ?? null };
  return { message: String(error).slice(0, MAX_TEXT), stack: null };
}
