import { z } from 'zod';
import { getConfig } from '../../config.ts';
import { evaluateAlerts } from '../../alerts/evaluate-alerts.ts';
import { deliverNotifications } from '../../alerts/deliver-notifications.ts';
import { defineJob } from '../job.ts';

/** Issue 8: every provider's alert rules against the rollups, then the notifications that queued. */
export const alertsEvaluateJob = defineJob({
  id: 'alerts.evaluate',
  schema: z.object({}).default({}),
  // A getter: read when jobs are scheduled, after start-up has parsed the environment.
  get every() {
    return `${getConfig().alerts.evaluateIntervalSec} seconds`;
  },
  async handler(_payload, meta) {
    const { alerts, publicBaseUrl } = getConfig();
    const evaluation = await evaluateAlerts({ holdDownSec: alerts.holdDownSec });
    // The first attempt goes out at once rather than at the next alerts.deliver run.
    const delivered = await deliverNotifications({ baseUrl: publicBaseUrl, maxAttempts: alerts.notifyMaxAttempts, retryBaseMs: alerts.notifyRetryBaseMs, jobId: meta.jobId });
    return { firing: evaluation.firing, opened: evaluation.opened, resolved: evaluation.resolved, ...delivered };
  },
});
