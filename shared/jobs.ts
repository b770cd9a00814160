// The jobs dashboard (issue 9, CAL-O3): what Agendash and bull-board show, inside the console.
import { z } from 'zod';

/**
 * A job document's state, most telling first: running (locked) > disabled > queued (due, waiting
 * for a worker) > failed (the last run failed) > scheduled (next run in the future) > completed.
 * Not Agenda's own computeJobState: that calls every recurring job "repeating", which hides
 * whether it is due, overdue or waiting for its next run.
 */
export const JOB_STATES = ['running', 'queued', 'scheduled', 'failed', 'completed', 'disabled'] as const;
export const ZJobState = z.enum(JOB_STATES);
export type TJobState = z.infer<typeof ZJobState>;

export const JOB_WORKER_KINDS = ['web', 'worker'] as const;
export const ZJobWorkerKind = z.enum(JOB_WORKER_KINDS);
export type TJobWorkerKind = z.infer<typeof ZJobWorkerKind>;

/** alive: heartbeat within 3 intervals; stale: within 10; gone: older (the process died). */
export const JOB_WORKER_STATUSES = ['alive', 'stale', 'gone'] as const;
export const ZJobWorkerStatus = z.enum(JOB_WORKER_STATUSES);
export type TJobWorkerStatus = z.infer<typeof ZJobWorkerStatus>;
export const WORKER_STALE_AFTER_BEATS = 3;
export const WORKER_GONE_AFTER_BEATS = 10;

/** How many of a job's latest finished runs the durations are computed over. */
export const JOB_DURATION_SAMPLE = 50;

const ZStateCounts = z.object({
  running: z.number().int(),
  queued: z.number().int(),
  scheduled: z.number().int(),
  failed: z.number().int(),
  completed: z.number().int(),
  disabled: z.number().int(),
});

export const ZJobDefinitionOverview = z.object({
  name: z.string(),
  /** False for documents in Agenda's table whose name no registered job has: no process runs them. */
  defined: z.boolean(),
  /** The stored repeat interval of the recurring job ("1 hour"), null for one-off jobs. */
  every: z.string().nullable(),
  total: z.number().int(),
  counts: ZStateCounts,
  nextRunAt: z.date().nullable(),
  durations: z.object({
    /** Finished runs the figures are over (at most JOB_DURATION_SAMPLE). */
    samples: z.number().int(),
    failures: z.number().int(),
    p50Ms: z.number().nullable(),
    p95Ms: z.number().nullable(),
    lastMs: z.number().nullable(),
  }),
  lastRun: z.object({ startedAt: z.date(), finishedAt: z.date().nullable(), ok: z.boolean().nullable() }).nullable(),
});
export type TJobDefinitionOverview = z.infer<typeof ZJobDefinitionOverview>;

export const ZJobsOverview = z.object({ definitions: z.array(ZJobDefinitionOverview), generatedAt: z.date() });
export type TJobsOverview = z.infer<typeof ZJobsOverview>;

export const JOBS_PAGE_MAX = 100;

export const ZJobsListInput = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  state: ZJobState.optional(),
  /** Part of the job's data (as JSON text), its failure reason or its id; case-insensitive. */
  search: z.string().trim().min(1).max(200, { error: 'At most 200 characters' }).optional(),
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(JOBS_PAGE_MAX).default(25),
});
export type TJobsListInput = z.input<typeof ZJobsListInput>;

export const ZJobSummary = z.object({
  id: z.string(),
  name: z.string(),
  state: ZJobState,
  type: z.string(),
  data: z.unknown(),
  repeatInterval: z.string().nullable(),
  nextRunAt: z.date().nullable(),
  lastRunAt: z.date().nullable(),
  lastFinishedAt: z.date().nullable(),
  failedAt: z.date().nullable(),
  failCount: z.number().int(),
  failReason: z.string().nullable(),
  disabled: z.boolean(),
  lockedAt: z.date().nullable(),
});
export type TJobSummary = z.infer<typeof ZJobSummary>;

export const ZJobsListOutput = z.object({ items: z.array(ZJobSummary), total: z.number().int(), offset: z.number().int() });

export const ZJobId = z.object({ id: z.uuid({ error: 'Not a job id' }) });
export type TJobId = z.infer<typeof ZJobId>;

export const ZJobRun = z.object({
  id: z.string(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  ok: z.boolean().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
  stack: z.string().nullable(),
  worker: z.string(),
});
export type TJobRun = z.infer<typeof ZJobRun>;

export const ZJobDetail = ZJobSummary.extend({
  createdAt: z.date().nullable(),
  priority: z.number().int(),
  /** Held while running: which process, and when another may take the job over. */
  lock: z
    .object({ holder: z.string().nullable(), holderStatus: ZJobWorkerStatus.nullable(), lockedAt: z.date(), expiresAt: z.date() })
    .nullable(),
  /** The stack of the latest failed run, when the runner recorded it (Agenda keeps the message only). */
  failStack: z.string().nullable(),
  runs: z.array(ZJobRun),
});
export type TJobDetail = z.infer<typeof ZJobDetail>;

export const ZJobWorker = z.object({
  name: z.string(),
  kind: z.string(),
  host: z.string(),
  pid: z.number().int(),
  status: ZJobWorkerStatus,
  startedAt: z.date(),
  lastHeartbeatAt: z.date(),
  heartbeatMs: z.number().int(),
  jobs: z.array(z.string()),
  runningCount: z.number().int(),
  locks: z.array(z.object({ id: z.string(), name: z.string(), lockedAt: z.date() })),
});
export type TJobWorker = z.infer<typeof ZJobWorker>;

export const ZJobWorkersOutput = z.object({
  workers: z.array(ZJobWorker),
  /** Locks whose holder has no job_workers row at all (a process from before this table, or renamed). */
  orphanLocks: z.array(z.object({ id: z.string(), name: z.string(), lockedAt: z.date(), holder: z.string().nullable() })),
});
export type TJobWorkersOutput = z.infer<typeof ZJobWorkersOutput>;

export const JOB_ACTIONS = ['retry', 'run_now', 'disable', 'enable', 'delete'] as const;
export type TJobAction = (typeof JOB_ACTIONS)[number];

export const ZJobActionResult = z.object({ id: z.string(), name: z.string(), state: ZJobState.nullable() });
export type TJobActionResult = z.infer<typeof ZJobActionResult>;

export function jobWorkerStatus(lastHeartbeatAt: Date, heartbeatMs: number, now: Date = new Date()): TJobWorkerStatus {
  const age = now.getTime() - lastHeartbeatAt.getTime();
  if (age <= heartbeatMs * WORKER_STALE_AFTER_BEATS) return 'alive';
  if (age <= heartbeatMs * WORKER_GONE_AFTER_BEATS) return 'stale';
  return 'gone';
}
