// The Provider table is the catalog the writer checks events against. Built-in providers come
// from shared/provider-catalog.ts and are inserted when missing (never overwritten: admins may
// have tuned thresholds); the writer reads the table through a short-lived cache.
import type pg from 'pg';
import { getPool } from '../db.ts';
import { PROVIDER_CATALOG, TIER_THRESHOLDS } from '../../shared/provider-catalog.ts';
import type { TProviderTier } from '../../shared/integrations.ts';

export type CatalogProvider = { key: string; tier: TProviderTier; displayName: string };

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.Client, 'query'>;

export async function ensureProviderCatalog(db: Queryable = getPool()): Promise<number> {
  const rows = PROVIDER_CATALOG.map((p) => ({ ...p, ...TIER_THRESHOLDS[p.tier] }));
  const result = await db.query(
    `INSERT INTO providers (key, display_name, tier, description, known_events, degraded_error_rate, failing_error_rate, min_errors, built_in, updated_at)
     SELECT r.key, r.display_name, r.tier::"ProviderTier", r.description, string_to_array(r.known_events, ','), r.degraded, r.failing, r.min_errors, true, now()
     FROM jsonb_to_recordset($1::jsonb) AS r(key text, display_name text, tier text, description text, known_events text, degraded float8, failing float8, min_errors int)
     ON CONFLICT (key) DO NOTHING`,
    [
      JSON.stringify(
        rows.map((r) => ({
          key: r.key,
          display_name: r.displayName,
          tier: r.tier,
          description: r.description,
          known_events: r.knownEvents.join(','),
          degraded: r.degradedErrorRate,
          failing: r.failingErrorRate,
          min_errors: r.minErrors,
        })),
      ),
    ],
  );
  return result.rowCount ?? 0;
}

const CACHE_MS = 30_000;
let cache: { pool: pg.Pool; at: number; providers: Map<string, CatalogProvider> } | undefined;

/** Known providers by key; cached briefly because every ingested batch asks. */
export async function getProviderCatalog(): Promise<Map<string, CatalogProvider>> {
  const pool = getPool();
  if (cache && cache.pool === pool && Date.now() - cache.at < CACHE_MS) return cache.providers;
  const { rows } = await pool.query<{ key: string; tier: TProviderTier; display_name: string }>(
    'SELECT key, tier, display_name FROM providers ORDER BY key',
  );
  const providers = new Map(rows.map((r) => [r.key, { key: r.key, tier: r.tier, displayName: r.display_name }]));
  cache = { pool, at: Date.now(), providers };
  return providers;
}

/** After an admin adds or edits a provider, so the next batch sees it at once. */
export function invalidateProviderCatalog(): void {
  cache = undefined;
}
