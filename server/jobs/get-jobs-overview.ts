// Every registered job (whatever the registry holds) with its documents counted by state and the
// durations of its latest finished runs; names in Agenda's table that no job defines come last.
import { getDb, getPool } from '../db.ts';
import { JOB_DURATION_SAMPLE, type TJobDefinitionOverview, type TJobsOverview } from '../../shared/jobs.ts';
import { AGENDA_TABLE, JOB_STATE_SQL, agendaTableExists } from './agenda-table.ts';
import type { JobDefinition } from './job.ts';
import { JOBS } from './registry.ts';

type CountRow = {
  name: string;
  total: number;
  running: number;
  queued: number;
  scheduled: number;
  failed: number;
  completed: number;
  disabled: number;
  every: string | null;
  next_run_at: Date | null;
};

type DurationRow = { job_name: string; samples: number; failures: number; p50: number | null; p95: number | null };
type LastRow = { job_name: string; started_at: Date; finished_at: Date | null; ok: boolean | null };

export async function getJobsOverview(opts: { jobs?: readonly JobDefinition[] } = {}): Promise<TJobsOverview> {
  const registered = (opts.jobs ?? JOBS).map((j) => j.id);
  const counts = await countJobsByState();
  const names = [...registered, ...[...counts.keys()].filter((n) => !registered.includes(n)).sort()];
  const [durations, lastRuns] = await Promise.all([recentDurations(names), lastRunsOf(names)]);
  const definitions = names.map((name): TJobDefinitionOverview => {
    const c = counts.get(name);
    const d = durations.get(name);
    const last = lastRuns.get(name);
    const lastMs = last?.finished_at ? last.finished_at.getTime() - last.started_at.getTime() : null;
    return {
      name,
      defined: registered.includes(name),
      every: c?.every ?? null,
      total: c?.total ?? 0,
      counts: {
        running: c?.running ?? 0,
        queued: c?.queued ?? 0,
        scheduled: c?.scheduled ?? 0,
        failed: c?.failed ?? 0,
        completed: c?.completed ?? 0,
        disabled: c?.disabled ?? 0,
      },
      nextRunAt: c?.next_run_at ?? null,
      durations: { samples: d?.samples ?? 0, failures: d?.failures ?? 0, p50Ms: d?.p50 ?? null, p95Ms: d?.p95 ?? null, lastMs },
      lastRun: last ? { startedAt: last.started_at, finishedAt: last.finished_at, ok: last.ok } : null,
    };
  });
  return { definitions, generatedAt: new Date() };
}

async function countJobsByState(): Promise<Map<string, CountRow>> {
  if (!(await agendaTableExists())) return new Map();
  const { rows } = await getPool().query<CountRow>(`
    SELECT name, count(*)::int AS total,
      count(*) FILTER (WHERE state = 'running')::int AS running,
      count(*) FILTER (WHERE state = 'queued')::int AS queued,
      count(*) FILTER (WHERE state = 'scheduled')::int AS scheduled,
      count(*) FILTER (WHERE state = 'failed')::int AS failed,
      count(*) FILTER (WHERE state = 'completed')::int AS completed,
      count(*) FILTER (WHERE state = 'disabled')::int AS disabled,
      max(repeat_interval) FILTER (WHERE type = 'single') AS every,
      min(next_run_at) FILTER (WHERE NOT coalesce(disabled, FALSE)) AS next_run_at
    FROM (SELECT name, type, repeat_interval, next_run_at, disabled, ${JOB_STATE_SQL} AS state FROM "${AGENDA_TABLE}") j
    GROUP BY name`);
  return new Map(rows.map((r) => [r.name, r]));
}

/** p50/p95 over each job's latest finished runs: one index range scan per name (LATERAL ... LIMIT). */
async function recentDurations(names: string[]): Promise<Map<string, DurationRow>> {
  if (!names.length) return new Map();
  const rows = await getDb().$queryRaw<DurationRow[]>`
    SELECT n.name AS job_name, count(r.ms)::int AS samples,
      (count(*) FILTER (WHERE r.ok = FALSE))::int AS failures,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms) AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY r.ms) AS p95
    FROM unnest(${names}::text[]) AS n(name)
    CROSS JOIN LATERAL (
      SELECT extract(epoch FROM (finished_at - started_at)) * 1000 AS ms, ok
      FROM job_runs WHERE job_name = n.name AND finished_at IS NOT NULL
      ORDER BY started_at DESC LIMIT ${JOB_DURATION_SAMPLE}
    ) r
    GROUP BY n.name`;
  return new Map(rows.map((r) => [r.job_name, { ...r, p50: r.p50 === null ? null : Math.round(Number(r.p50)), p95: r.p95 === null ? null : Math.round(Number(r.p95)) }]));
}

/** The latest run of each name, finished or not (a run still going, or one whose process died). */
async function lastRunsOf(names: string[]): Promise<Map<string, LastRow>> {
  if (!names.length) return new Map();
  const rows = await getDb().$queryRaw<LastRow[]>`
    SELECT n.name AS job_name, r.started_at, r.finished_at, r.ok
    FROM unnest(${names}::text[]) AS n(name)
    CROSS JOIN LATERAL (
      SELECT started_at, finished_at, ok FROM job_runs WHERE job_name = n.name ORDER BY started_at DESC LIMIT 1
    ) r`;
  return new Map(rows.map((r) => [r.job_name, r]));
}
