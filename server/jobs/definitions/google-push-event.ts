import { z } from 'zod';
import { getConfig } from '../../config.ts';
import { getDb } from '../../db.ts';
import { GOOGLE_PUSH_JOB } from '../../google/enqueue-google-jobs.ts';
import { GoogleSyncError } from '../../google/google-error.ts';
import { googleBackoff, QUOTA_COOLDOWN_MS } from '../../google/google-backoff.ts';
import { pushEventToGoogle, recordPushFailure } from '../../google/push-event-to-google.ts';
import { defineJob } from '../job.ts';

const maxAttempts = () => getConfig().google.pushMaxAttempts;

/** CAL-G1: one coalesced push per event (debounced in enqueue-google-jobs.ts). */
export const googlePushEventJob = defineJob({
  id: GOOGLE_PUSH_JOB,
  schema: z.object({ eventId: z.uuid() }),
  concurrency: 4,
  removeOnComplete: true,
  backoff: (ctx) => googleBackoff(maxAttempts())(ctx),
  async handler({ eventId }, meta) {
    try {
      return await pushEventToGoogle(eventId, { jobId: meta.jobId, attempt: meta.attempt });
    } catch (error) {
      const retryable = error instanceof GoogleSyncError && error.retryable;
      if (error instanceof GoogleSyncError && error.failure.kind === 'quota') {
        const link = await getDb().googleEventLink.findUnique({ where: { eventId }, select: { accountId: true } });
        if (link) await getDb().account.update({ where: { id: link.accountId }, data: { cooldownUntil: new Date(Date.now() + QUOTA_COOLDOWN_MS) }, select: { id: true } });
      }
      await recordPushFailure(eventId, error, !retryable || meta.attempt >= maxAttempts());
      throw error;
    }
  },
});
