import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TProviderStatus } from '../../../../shared/integration-health.ts';
import type { TProviderTier } from '../../../../shared/integrations.ts';
import { statusDisplay } from './health-status.ts';

/** The one status badge of the console: the colour and the word always agree (health-status.ts). */
export function StatusBadge({ status, tier, size = 'sm' }: { status: TProviderStatus; tier: TProviderTier; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  const d = statusDisplay({ status, tier });
  return (
    <Badge
      color={d.color}
      variant={d.status === 'no_data' ? 'outline' : 'filled'}
      size={size}
      style={{ flexShrink: 0 }}
      data-testid="status-badge"
      data-status={d.status}
    >
      {t(d.labelKey)}
    </Badge>
  );
}
