import { z } from 'zod';
import { GOOGLE_WATCH_JOB } from '../../google/enqueue-google-jobs.ts';
import { googleBackoff } from '../../google/google-backoff.ts';
import { watchGoogleCalendar } from '../../google/watch-channel.ts';
import { defineJob } from '../job.ts';

/** Creates (or renews) an account's push channel; the old one is stopped after the new one exists. */
export const googleWatchJob = defineJob({
  id: GOOGLE_WATCH_JOB,
  schema: z.object({ accountId: z.uuid() }),
  removeOnComplete: true,
  backoff: googleBackoff(6),
  handler: ({ accountId }, meta) => watchGoogleCalendar(accountId, { jobId: meta.jobId, attempt: meta.attempt }),
});
