import { z } from 'zod';
import { getConfig } from '../../config.ts';
import { deliverNotifications } from '../../alerts/deliver-notifications.ts';
import { defineJob } from '../job.ts';

/** Retries of incident notifications whose backoff has passed (issue 8). */
export const alertsDeliverJob = defineJob({
  id: 'alerts.deliver',
  schema: z.object({}).default({}),
  every: '15 seconds',
  async handler(_payload, meta) {
    const { alerts, publicBaseUrl } = getConfig();
    return deliverNotifications({ baseUrl: publicBaseUrl, maxAttempts: alerts.notifyMaxAttempts, retryBaseMs: alerts.notifyRetryBaseMs, jobId: meta.jobId });
  },
});
