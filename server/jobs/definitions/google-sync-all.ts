import { z } from 'zod';
import { getConfig } from '../../config.ts';
import { runGoogleMaintenance } from '../../google/run-google-maintenance.ts';
import { defineJob } from '../job.ts';

export const googleSyncAllJob = defineJob({
  id: 'google.sync-all',
  schema: z.object({}).default({}),
  // A getter: read when jobs are scheduled, after start-up has parsed the environment.
  get every() {
    return `${getConfig().google.syncIntervalSec} seconds`;
  },
  handler: () => runGoogleMaintenance(),
});
