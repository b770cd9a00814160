import type { TJobActionResult } from '../../shared/jobs.ts';
import { AGENDA_TABLE } from './agenda-table.ts';
import { applyJobAction, RETURNING, type JobActionActor } from './job-action.ts';

/**
 * Removes the document. A run in progress finishes but its result has nowhere to go; a recurring
 * job is scheduled again when a job process next starts (disable it to stop it for good).
 */
export function deleteJob(opts: { id: string; actor: JobActionActor }): Promise<TJobActionResult> {
  return applyJobAction({
    id: opts.id,
    action: 'delete',
    actor: opts.actor,
    sql: `DELETE FROM "${AGENDA_TABLE}" WHERE id = $1::uuid ${RETURNING}`,
    refusal: () => 'The job was deleted meanwhile',
  });
}
