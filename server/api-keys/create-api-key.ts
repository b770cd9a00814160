import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { TApiKeyCreateInput } from '../../shared/api-keys.ts';
import { ZApiKeyCreateInput } from '../../shared/api-keys.ts';
import { getProviderCatalog } from '../integrations/provider-catalog.ts';
import { apiKeySelect } from './api-key-select.ts';
import { hashApiKey, newApiKey } from './api-key-hash.ts';

export async function createApiKey(opts: { input: TApiKeyCreateInput; actorId: string; requestId?: string }) {
  const input = ZApiKeyCreateInput.parse(opts.input);
  const catalog = await getProviderCatalog();
  const unknown = input.providers.filter((p) => !catalog.has(p));
  if (unknown.length) {
    throw new AppError('INVALID_INPUT', 'Unknown provider', { fieldErrors: { providers: [`Unknown provider ${unknown.join(', ')}`] } });
  }
  const key = newApiKey();
  return getDb().$transaction(async (tx) => {
    const apiKey = await tx.apiKey.create({
      data: {
        name: input.name,
        prefix: key.slice(0, 10),
        keyHash: hashApiKey(key),
        providers: [...new Set(input.providers)],
        ratePerMinute: input.ratePerMinute,
        createdById: opts.actorId,
      },
      select: apiKeySelect,
    });
    await recordAudit(
      { actorId: opts.actorId, action: 'api_key.create', targetType: 'ApiKey', targetId: apiKey.id, after: { name: apiKey.name, providers: apiKey.providers }, requestId: opts.requestId },
      tx,
    );
    return { apiKey, key };
  });
}
