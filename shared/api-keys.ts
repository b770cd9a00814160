// API keys for services that post integration events (issue 6). The key itself appears once,
// in ZApiKeyCreateOutput.key; everything else carries only its prefix.
import { z } from 'zod';
import { ZProviderKey } from './integrations.ts';

export const API_KEY_PREFIX = 'odk_';

export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  providers: z.array(z.string()),
  ratePerMinute: z.number().int(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZApiKeyCreateInput = z.object({
  name: z.string().trim().min(1, { error: 'Enter a name, e.g. mobile edge functions' }).max(80, { error: 'Use at most 80 characters' }),
  /** Empty: the key may post for any provider. */
  providers: z.array(ZProviderKey).max(50).default([]),
  ratePerMinute: z.number().int().min(60, { error: 'At least 60 events per minute' }).max(10_000_000).default(120_000),
});
export type TApiKeyCreateInput = z.input<typeof ZApiKeyCreateInput>;

export const ZApiKeyCreateOutput = z.object({ apiKey: ZApiKey, key: z.string() });
export const ZApiKeysListOutput = z.array(ZApiKey);
export const ZApiKeyRevokeInput = z.object({ id: z.uuid({ error: 'Not a key id' }) });
