// The provider catalog as admins see and extend it. Thresholds start from the tier defaults.
import { z } from 'zod';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ZProviderCreateInput } from '../../shared/integration-health.ts';
import { TIER_THRESHOLDS } from '../../shared/provider-catalog.ts';
import { invalidateProviderCatalog } from './provider-catalog.ts';

const providerSelect = {
  key: true,
  displayName: true,
  tier: true,
  description: true,
  knownEvents: true,
  degradedErrorRate: true,
  failingErrorRate: true,
  minErrors: true,
  builtIn: true,
} as const;

export function listProviders() {
  return getDb().provider.findMany({ select: providerSelect, orderBy: { key: 'asc' } });
}

export async function createProvider(opts: { input: z.input<typeof ZProviderCreateInput>; actorId: string; requestId?: string }) {
  const input = ZProviderCreateInput.parse(opts.input);
  const created = await getDb().$transaction(async (tx) => {
    const existing = await tx.provider.findUnique({ where: { key: input.key }, select: { key: true } });
    if (existing) throw new AppError('CONFLICT', `A provider with key "${input.key}" exists`, { fieldErrors: { key: ['This key is taken'] } });
    const row = await tx.provider.create({ data: { ...input, ...TIER_THRESHOLDS[input.tier], builtIn: false }, select: providerSelect });
    await recordAudit({ actorId: opts.actorId, action: 'provider.create', targetType: 'Provider', targetId: row.key, after: { tier: row.tier, displayName: row.displayName }, requestId: opts.requestId }, tx);
    return row;
  });
  invalidateProviderCatalog();
  return created;
}
