import type { JobDefinition } from './job.ts';
import { sessionsCleanupJob } from './definitions/sessions-cleanup.ts';
import { integrationsRetentionJob } from './definitions/integrations-retention.ts';
import { integrationsRollupTiersJob } from './definitions/integrations-rollup-tiers.ts';
import { remindersScanJob } from './definitions/reminders-scan.ts';
import { googlePushEventJob } from './definitions/google-push-event.ts';
import { googleImportJob } from './definitions/google-import.ts';
import { googleWatchJob } from './definitions/google-watch.ts';
import { googleSyncAllJob } from './definitions/google-sync-all.ts';
import { jobsRetentionJob } from './definitions/jobs-retention.ts';
import { alertsEvaluateJob } from './definitions/alerts-evaluate.ts';
import { alertsDeliverJob } from './definitions/alerts-deliver.ts';

/** Every job the product runs. A job not listed here is never defined or scheduled. */
export const JOBS: readonly JobDefinition[] = [
  sessionsCleanupJob,
  integrationsRetentionJob,
  integrationsRollupTiersJob,
  remindersScanJob,
  googlePushEventJob,
  googleImportJob,
  googleWatchJob,
  googleSyncAllJob,
  jobsRetentionJob,
  alertsEvaluateJob,
  alertsDeliverJob,
];
