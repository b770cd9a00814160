// The dashboard's actions on a job document: one conditional statement on agenda_jobs and its
// audit row, in one transaction, so a change is never left unaudited (and a refused one never
// audited). A condition that does not hold becomes CONFLICT with the reason, not a silent no-op.
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { TJobAction, TJobActionResult, TJobState } from '../../shared/jobs.ts';
import { JOB_STATE_SQL } from './agenda-table.ts';
import { findJobRow } from './get-job.ts';

export type JobActionActor = { actorId: string; requestId?: string | null };

type Returned = { id: string; name: string; state: TJobState; next_run_at: Date | null; disabled: boolean | null };

/** Columns every action returns, to report the job's state afterwards. */
export const RETURNING = `RETURNING id::text AS id, name, ${JOB_STATE_SQL} AS state, next_run_at, disabled`;

export async function applyJobAction(opts: {
  id: string;
  action: TJobAction;
  actor: JobActionActor;
  /** One statement over agenda_jobs with $1 = the job id, ending in RETURNING; no row = refused. */
  sql: string;
  /** Why the statement matched no row, given the job as it is now. */
  refusal: (state: TJobState) => string;
}): Promise<TJobActionResult> {
  const before = await findJobRow(opts.id);
  if (!before) throw new AppError('NOT_FOUND', 'No such job: it may have been deleted');
  return getDb().$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<Returned[]>(opts.sql, opts.id);
    const after = rows[0];
    if (!after) throw new AppError('CONFLICT', opts.refusal(before.state), { state: before.state });
    const deleted = opts.action === 'delete';
    await recordAudit(
      {
        actorId: opts.actor.actorId,
        action: `jobs.${opts.action}`,
        targetType: 'Job',
        targetId: opts.id,
        before: { name: before.name, state: before.state, nextRunAt: before.next_run_at?.toISOString() ?? null, disabled: before.disabled === true, data: (before.data ?? {}) as object },
        after: deleted ? { deleted: true } : { state: after.state, nextRunAt: after.next_run_at?.toISOString() ?? null, disabled: after.disabled === true },
        requestId: opts.actor.requestId ?? null,
      },
      tx,
    );
    return { id: after.id, name: after.name, state: deleted ? null : after.state };
  });
}

