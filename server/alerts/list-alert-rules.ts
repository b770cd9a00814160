import { isDeepStrictEqual } from 'node:util';
import { TIER_RULE_DEFAULTS, type TAlertRulesOutput } from '../../shared/alerts.ts';
import { readCatalogAndRules } from './ensure-alert-rules.ts';

/** Every provider with its four rules (defaults inserted first), for the settings page. */
export async function listAlertRules(opts: { provider?: string }): Promise<TAlertRulesOutput> {
  const { catalog, rules } = await readCatalogAndRules();
  return catalog
    .filter((p) => !opts.provider || p.key === opts.provider)
    .map((p) => ({
      provider: p.key,
      displayName: p.displayName,
      tier: p.tier,
      rules: rules
        .filter((r) => r.provider === p.key)
        .map((r) => ({
          id: r.id,
          provider: r.provider,
          kind: r.kind,
          enabled: r.enabled,
          params: r.params as Record<string, unknown>,
          isDefault: r.enabled === TIER_RULE_DEFAULTS[p.tier].enabled[r.kind] && isDeepStrictEqual(r.params, TIER_RULE_DEFAULTS[p.tier].params[r.kind]),
          updatedAt: r.updatedAt,
        })),
    }));
}
