import { z } from 'zod';
import { getConfig } from '../../config.ts';
import { purgeIntegrationData } from '../../integrations/purge-integration-data.ts';
import { defineJob } from '../job.ts';

export const integrationsRetentionJob = defineJob({
  id: 'integrations.retention',
  schema: z.object({}).default({}),
  every: '1 hour',
  handler: () => purgeIntegrationData(getConfig().integrationRetention),
});
