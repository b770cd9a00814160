import type { BackoffStrategy } from 'agenda';
import type { z } from 'zod';

/** A job is an id, a payload schema and a handler (convention 9). */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  id: string;
  schema: S;
  handler: (payload: z.output<S>, meta: { jobId: string; attempt: number }) => Promise<unknown>;
  /** Recurring jobs are scheduled once per cluster (Agenda's `every` upserts by name). */
  every?: string;
  concurrency?: number;
  /** Agenda's retry policy: given the error and attempt, the delay before the next try or null. */
  backoff?: BackoffStrategy;
  /** One-off jobs keyed per entity (a push per event) would otherwise pile up forever. */
  removeOnComplete?: boolean;
};

export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}
