import type { TFunction } from 'i18next';
import { PROVIDER_TIERS, type TProviderTier } from '../../../../shared/integrations.ts';

export type CatalogProvider = { key: string; displayName: string; tier: TProviderTier; knownEvents: string[] };

/** Providers grouped by tier, most important first, for a MultiSelect. */
export function providerOptionGroups(providers: readonly CatalogProvider[], t: TFunction) {
  return PROVIDER_TIERS.map((tier) => ({
    group: t(`adminIntegrations.tiers.${tier}.label`),
    items: providers
      .filter((p) => p.tier === tier)
      .map((p) => ({ value: p.key, label: p.displayName }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  })).filter((group) => group.items.length > 0);
}

export function tierOptions(t: TFunction) {
  return PROVIDER_TIERS.map((tier) => ({ value: tier, label: t(`adminIntegrations.tiers.${tier}.label`) }));
}
