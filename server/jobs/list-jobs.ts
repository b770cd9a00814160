// Job documents for the jobs page: filtered by name and state, searched in their data, their
// failure reason and their id; newest activity first, paged by offset (state is computed, so
// there is no stable keyset to page on).
import { getPool } from '../db.ts';
import { ZJobsListInput, type TJobSummary, type TJobsListInput } from '../../shared/jobs.ts';
import { AGENDA_TABLE, JOB_STATE_SQL, JOB_SUMMARY_COLUMNS, agendaTableExists, toJobSummary, type JobSummaryRow } from './agenda-table.ts';

/** LIKE treats % and _ as wildcards; a search for "user_id" means the text itself. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listJobs(raw: TJobsListInput): Promise<{ items: TJobSummary[]; total: number; offset: number }> {
  const input = ZJobsListInput.parse(raw);
  if (!(await agendaTableExists())) return { items: [], total: 0, offset: input.offset };
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.name) {
    params.push(input.name);
    where.push(`name = $${params.length}`);
  }
  if (input.state) {
    params.push(input.state);
    where.push(`(${JOB_STATE_SQL}) = $${params.length}`);
  }
  if (input.search) {
    params.push(likePattern(input.search));
    const p = `$${params.length}`;
    where.push(`(data::text ILIKE ${p} OR fail_reason ILIKE ${p} OR id::text ILIKE ${p})`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  params.push(input.limit, input.offset);
  const { rows } = await getPool().query<JobSummaryRow & { total: number }>(
    `SELECT ${JOB_SUMMARY_COLUMNS}, count(*) OVER ()::int AS total
     FROM "${AGENDA_TABLE}" ${clause}
     ORDER BY coalesce(last_run_at, created_at) DESC NULLS LAST, id
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  // An offset past the end has no row to carry the window count: count separately then.
  const total = rows[0]?.total ?? (input.offset > 0 ? await countJobs(clause, params.slice(0, -2)) : 0);
  return { items: rows.map(toJobSummary), total, offset: input.offset };
}

async function countJobs(clause: string, params: unknown[]): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM "${AGENDA_TABLE}" ${clause}`, params);
  return rows[0]?.n ?? 0;
}
