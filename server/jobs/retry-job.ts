import type { TJobActionResult } from '../../shared/jobs.ts';
import { AGENDA_TABLE } from './agenda-table.ts';
import { applyJobAction, RETURNING, type JobActionActor } from './job-action.ts';

/**
 * A failed job runs again at the next poll of a worker, as the same document (its failure stays
 * on record until the run replaces it; the run history keeps it for good).
 */
export function retryJob(opts: { id: string; actor: JobActionActor }): Promise<TJobActionResult> {
  return applyJobAction({
    id: opts.id,
    action: 'retry',
    actor: opts.actor,
    sql: `UPDATE "${AGENDA_TABLE}" SET next_run_at = now()
          WHERE id = $1::uuid AND locked_at IS NULL AND NOT coalesce(disabled, FALSE)
            AND failed_at IS NOT NULL AND (last_finished_at IS NULL OR failed_at >= last_finished_at)
            AND (next_run_at IS NULL OR next_run_at > now())
          ${RETURNING}`,
    refusal: (state) => (state === 'disabled' ? 'The job is disabled: enable it first' : `Only a failed job can be retried; this one is ${state}`),
  });
}
