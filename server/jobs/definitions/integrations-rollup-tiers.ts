import { z } from 'zod';
import { buildRollupTiers } from '../../integrations/build-rollup-tiers.ts';
import { defineJob } from '../job.ts';

/**
 * Issue 6: the five-minute and hour tiers, built from the minute rollups of closed buckets off
 * the ingestion path. Every minute, so readers fall back to minutes for at most a few minutes
 * past the lateness margin (five-minute tier) or the current hour (hour tiers).
 */
export const integrationsRollupTiersJob = defineJob({
  id: 'integrations.rollup-tiers',
  schema: z.object({}).default({}),
  every: '1 minute',
  handler: async () => {
    const { built, transactions, ms } = await buildRollupTiers();
    return { built: built.map((b) => ({ tier: b.tier, from: b.from.toISOString(), to: b.to.toISOString() })), transactions, ms };
  },
});
