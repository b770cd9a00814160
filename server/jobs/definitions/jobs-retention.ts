import { z } from 'zod';
import { getConfig } from '../../config.ts';
import { defineJob } from '../job.ts';
import { pruneJobRecords } from '../prune-job-records.ts';

export const jobsRetentionJob = defineJob({
  id: 'jobs.retention',
  schema: z.object({}).default({}),
  every: '1 hour',
  handler: () => pruneJobRecords({ runsRetentionDays: getConfig().jobs.runsRetentionDays }),
});
