import { z } from 'zod';
import { getDb } from '../../db.ts';
import { GOOGLE_IMPORT_JOB } from '../../google/enqueue-google-jobs.ts';
import { GoogleSyncError } from '../../google/google-error.ts';
import { googleBackoff, QUOTA_COOLDOWN_MS } from '../../google/google-backoff.ts';
import { importGoogleChanges } from '../../google/import-google-changes.ts';
import { defineJob } from '../job.ts';

/** CAL-G2: one account's changes, scheduled by webhooks, the periodic sync and connects. */
export const googleImportJob = defineJob({
  id: GOOGLE_IMPORT_JOB,
  schema: z.object({ accountId: z.uuid(), reason: z.string().optional() }),
  concurrency: 2,
  removeOnComplete: true,
  backoff: googleBackoff(6),
  async handler({ accountId }, meta) {
    try {
      return await importGoogleChanges(accountId, { jobId: meta.jobId, attempt: meta.attempt });
    } catch (error) {
      if (error instanceof GoogleSyncError && error.failure.kind === 'quota') {
        await getDb().account.update({ where: { id: accountId }, data: { cooldownUntil: new Date(Date.now() + QUOTA_COOLDOWN_MS) }, select: { id: true } });
      }
      throw error;
    }
  },
});
