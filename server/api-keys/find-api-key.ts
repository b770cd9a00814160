// Ingestion authenticates every batch, so a found key is cached for a few seconds. Revoking in
// this process forgets it at once; another process notices within KEY_CACHE_MS.
import { getDb } from '../db.ts';
import { hashApiKey, isWellFormedApiKey } from './api-key-hash.ts';

export type IngestKey = { id: string; providers: string[]; ratePerMinute: number };

const KEY_CACHE_MS = 5_000;
const TOUCH_EVERY_MS = 60_000;
const cache = new Map<string, { key: IngestKey | null; at: number }>();
const touchedAt = new Map<string, number>();

export function forgetApiKey(keyHash: string): void {
  cache.delete(keyHash);
}

export async function findApiKey(presented: string | undefined): Promise<IngestKey | null> {
  if (!presented || !isWellFormedApiKey(presented)) return null;
  const hash = hashApiKey(presented);
  const hit = cache.get(hash);
  if (hit && Date.now() - hit.at < KEY_CACHE_MS) return hit.key;
  const row = await getDb().apiKey.findUnique({
    where: { keyHash: hash },
    select: { id: true, providers: true, ratePerMinute: true, revokedAt: true },
  });
  const key = row && !row.revokedAt ? { id: row.id, providers: row.providers, ratePerMinute: row.ratePerMinute } : null;
  if (cache.size > 1000) cache.clear();
  cache.set(hash, { key, at: Date.now() });
  return key;
}

/** "Last used" is shown to admins at minute precision; writing it on every batch would be waste. */
export async function touchApiKey(id: string): Promise<void> {
  const last = touchedAt.get(id) ?? 0;
  if (Date.now() - last < TOUCH_EVERY_MS) return;
  touchedAt.set(id, Date.now());
  await getDb().apiKey.update({ where: { id }, data: { lastUsedAt: new Date() }, select: { id: true } });
}
