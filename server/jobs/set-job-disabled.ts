import type { TJobActionResult } from '../../shared/jobs.ts';
import { AGENDA_TABLE } from './agenda-table.ts';
import { applyJobAction, RETURNING, type JobActionActor } from './job-action.ts';

/**
 * Disabled: no worker takes the job (a run in progress finishes). The runner does not re-enable
 * a disabled recurring job at start-up (see startJobs), so this lasts until an admin enables it.
 */
export function setJobDisabled(opts: { id: string; disabled: boolean; actor: JobActionActor }): Promise<TJobActionResult> {
  return applyJobAction({
    id: opts.id,
    action: opts.disabled ? 'disable' : 'enable',
    actor: opts.actor,
    sql: `UPDATE "${AGENDA_TABLE}" SET disabled = ${opts.disabled ? 'TRUE' : 'FALSE'}
          WHERE id = $1::uuid AND coalesce(disabled, FALSE) = ${opts.disabled ? 'FALSE' : 'TRUE'}
          ${RETURNING}`,
    refusal: () => (opts.disabled ? 'The job is already disabled' : 'The job is not disabled'),
  });
}
