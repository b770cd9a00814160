import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TProviderTier } from '../../../../shared/integrations.ts';
import { TIER_COLOR } from './integration-format.ts';

export function TierBadge({ tier, ...rest }: { tier: TProviderTier; 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={TIER_COLOR[tier]} variant="light" data-tier={tier} style={{ minWidth: 'max-content' }} {...rest}>
      {t(`adminIntegrations.tiers.${tier}.label`)}
    </Badge>
  );
}
