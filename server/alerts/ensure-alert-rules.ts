// Every provider is watched from the moment it is in the catalog: missing rule rows are
// inserted with the tier's defaults (shared/alert-rules.ts) before each evaluation and listing.
// Existing rows are never touched: admins own them once they exist.
import { getPool } from '../db.ts';
import { ALERT_RULE_KINDS, RULE_PARAMS, TIER_RULE_DEFAULTS, type TAlertRuleKind, type TRuleParams } from '../../shared/alerts.ts';
import type { TProviderTier } from '../../shared/integrations.ts';
import type { ProviderRules } from './evaluate-rules.ts';

export type CatalogEntry = { key: string; displayName: string; tier: TProviderTier; knownEvents: string[] };
export type StoredRule = { id: string; provider: string; kind: TAlertRuleKind; enabled: boolean; params: unknown; updatedAt: Date };

export async function ensureAlertRules(): Promise<void> {
  const { rows: providers } = await getPool().query<{ key: string; tier: TProviderTier }>('SELECT key, tier::text AS tier FROM providers');
  const rows = providers.flatMap((p) =>
    ALERT_RULE_KINDS.map((kind) => ({ provider: p.key, kind, enabled: TIER_RULE_DEFAULTS[p.tier].enabled[kind], params: TIER_RULE_DEFAULTS[p.tier].params[kind] })),
  );
  if (rows.length === 0) return;
  await getPool().query(
    `INSERT INTO alert_rules (id, provider, kind, enabled, params, updated_at)
     SELECT gen_random_uuid(), r.provider, r.kind::"AlertRuleKind", r.enabled, r.params, now()
     FROM jsonb_to_recordset($1::jsonb) AS r(provider text, kind text, enabled boolean, params jsonb)
     ON CONFLICT (provider, kind) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

export async function readCatalogAndRules(): Promise<{ catalog: CatalogEntry[]; rules: StoredRule[] }> {
  await ensureAlertRules();
  const [catalog, rules] = await Promise.all([
    getPool().query<CatalogEntry>(`SELECT key, display_name AS "displayName", tier::text AS tier, known_events AS "knownEvents" FROM providers ORDER BY key`),
    getPool().query<StoredRule>(`SELECT id, provider, kind::text AS kind, enabled, params, updated_at AS "updatedAt" FROM alert_rules ORDER BY provider, kind`),
  ]);
  return { catalog: catalog.rows, rules: rules.rows };
}

/**
 * A provider's rules as the evaluator takes them. A stored row whose params no longer parse
 * (edited by hand in SQL) falls back to the tier's defaults rather than silencing the rule.
 */
export function rulesForProvider(tier: TProviderTier, stored: readonly StoredRule[]): ProviderRules {
  const out: ProviderRules = {};
  for (const row of stored) {
    const parsed = RULE_PARAMS[row.kind].safeParse(row.params);
    const params = parsed.success ? parsed.data : TIER_RULE_DEFAULTS[tier].params[row.kind];
    (out as Record<TAlertRuleKind, { enabled: boolean; params: TRuleParams[TAlertRuleKind] }>)[row.kind] = { enabled: row.enabled, params };
  }
  return out;
}
