// Reading Agenda's own table (agenda_jobs, created by @agendajs/postgres-backend) for the jobs
// dashboard. Agenda's queryJobs/getJobsOverview load every row of a name into memory, search
// names only (not data) and call every recurring job "repeating"; these queries page, count and
// search in PostgreSQL instead, with explicit columns.
import { AppError } from '../errors.ts';
import { jobStoreIsPostgres } from './agenda-backend.ts';
import type pg from 'pg';
import { getPool } from '../db.ts';
import type { TJobState, TJobSummary } from '../../shared/jobs.ts';

export const AGENDA_TABLE = 'agenda_jobs';

/** The state rule of shared/jobs.ts (JOB_STATES), as SQL over one agenda_jobs row. */
export const JOB_STATE_SQL = `CASE
  WHEN locked_at IS NOT NULL THEN 'running'
  WHEN disabled THEN 'disabled'
  WHEN next_run_at IS NOT NULL AND next_run_at <= now() THEN 'queued'
  WHEN failed_at IS NOT NULL AND (last_finished_at IS NULL OR failed_at >= last_finished_at) THEN 'failed'
  WHEN next_run_at IS NOT NULL THEN 'scheduled'
  ELSE 'completed' END`;

export const JOB_SUMMARY_COLUMNS = `id::text AS id, name, type, data, repeat_interval, next_run_at, last_run_at,
  last_finished_at, failed_at, fail_count, fail_reason, disabled, locked_at, ${JOB_STATE_SQL} AS state`;

export type JobSummaryRow = {
  id: string;
  name: string;
  type: string;
  data: unknown;
  repeat_interval: string | null;
  next_run_at: Date | null;
  last_run_at: Date | null;
  last_finished_at: Date | null;
  failed_at: Date | null;
  fail_count: number | null;
  fail_reason: string | null;
  disabled: boolean | null;
  locked_at: Date | null;
  state: TJobState;
};

export function toJobSummary(row: JobSummaryRow): TJobSummary {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    type: row.type,
    data: row.data ?? {},
    repeatInterval: row.repeat_interval,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    lastFinishedAt: row.last_finished_at,
    failedAt: row.failed_at,
    failCount: row.fail_count ?? 0,
    failReason: row.fail_reason,
    disabled: row.disabled === true,
    lockedAt: row.locked_at,
  };
}

let tableSeen = false;

/**
 * The backend creates its table when a job process first connects; before that (a web server
 * with JOBS_IN_SERVER=false and no worker started yet) there are simply no jobs.
 */
export async function agendaTableExists(pool: pg.Pool = getPool()): Promise<boolean> {
  if (!jobStoreIsPostgres()) {
    throw new AppError('UNAVAILABLE', 'The jobs dashboard reads the PostgreSQL job store; this deployment keeps jobs in MongoDB (AGENDA_BACKEND=mongodb)');
  }
  if (tableSeen) return true;
  const { rows } = await pool.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [AGENDA_TABLE]);
  tableSeen = rows[0]?.t != null;
  return tableSeen;
}
