import type { TJobActionResult } from '../../shared/jobs.ts';
import { AGENDA_TABLE } from './agenda-table.ts';
import { applyJobAction, RETURNING, type JobActionActor } from './job-action.ts';

/** Due now: a worker picks it up at its next poll; a recurring job then keeps its interval. */
export function runJobNow(opts: { id: string; actor: JobActionActor }): Promise<TJobActionResult> {
  return applyJobAction({
    id: opts.id,
    action: 'run_now',
    actor: opts.actor,
    sql: `UPDATE "${AGENDA_TABLE}" SET next_run_at = now()
          WHERE id = $1::uuid AND locked_at IS NULL AND NOT coalesce(disabled, FALSE)
          ${RETURNING}`,
    refusal: (state) => (state === 'disabled' ? 'The job is disabled: enable it first' : `The job is ${state}: it cannot be started again until it finishes`),
  });
}
