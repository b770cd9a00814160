// One job document with everything the detail drawer shows: data, runs, failure and lock.
import { getDb, getPool, type Prisma } from '../db.ts';
import { AppError } from '../errors.ts';
import { jobWorkerStatus, type TJobDetail, type TJobRun } from '../../shared/jobs.ts';
import { JOB_LOCK_LIFETIME_MS } from './agenda.ts';
import { AGENDA_TABLE, JOB_SUMMARY_COLUMNS, agendaTableExists, toJobSummary, type JobSummaryRow } from './agenda-table.ts';

const RECENT_RUNS = 10;

const runSelect = {
  id: true,
  startedAt: true,
  finishedAt: true,
  ok: true,
  error: true,
  stack: true,
  worker: true,
} satisfies Prisma.JobRunSelect;

type Row = JobSummaryRow & { created_at: Date | null; priority: number; last_modified_by: string | null };

export async function findJobRow(id: string): Promise<Row | null> {
  if (!(await agendaTableExists())) return null;
  const { rows } = await getPool().query<Row>(
    `SELECT ${JOB_SUMMARY_COLUMNS}, created_at, priority, last_modified_by FROM "${AGENDA_TABLE}" WHERE id = $1::uuid`,
    [id],
  );
  return rows[0] ?? null;
}

export async function getJob(opts: { id: string }): Promise<TJobDetail> {
  const row = await findJobRow(opts.id);
  if (!row) throw new AppError('NOT_FOUND', 'No such job: it may have been deleted');
  const [runs, lastFailure, holder] = await Promise.all([
    getDb().jobRun.findMany({ where: { jobId: row.id }, orderBy: { startedAt: 'desc' }, take: RECENT_RUNS, select: runSelect }),
    getDb().jobRun.findFirst({ where: { jobId: row.id, ok: false }, orderBy: { startedAt: 'desc' }, select: { stack: true, error: true } }),
    row.locked_at && row.last_modified_by
      ? getDb().jobWorker.findUnique({ where: { name: row.last_modified_by }, select: { lastHeartbeatAt: true, heartbeatMs: true } })
      : null,
  ]);
  // The stack belongs to the failure Agenda reports only if the messages agree.
  const failStack = row.fail_reason && lastFailure?.error === row.fail_reason ? lastFailure.stack : null;
  return {
    ...toJobSummary(row),
    createdAt: row.created_at,
    priority: row.priority,
    // Agenda writes the locking instance's name to last_modified_by when it takes the lock.
    lock: row.locked_at
      ? {
          holder: row.last_modified_by,
          holderStatus: holder ? jobWorkerStatus(holder.lastHeartbeatAt, holder.heartbeatMs) : null,
          lockedAt: row.locked_at,
          expiresAt: new Date(row.locked_at.getTime() + JOB_LOCK_LIFETIME_MS),
        }
      : null,
    failStack,
    runs: runs.map(toJobRun),
  };
}

function toJobRun(r: Prisma.JobRunGetPayload<{ select: typeof runSelect }>): TJobRun {
  return { ...r, durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null };
}
