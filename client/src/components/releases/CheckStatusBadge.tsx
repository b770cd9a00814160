import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TCheckStatus } from '../../../../shared/releases.ts';

// The console's colours: green passed, red failing, grey waiting (silence is never green).
const COLORS: Record<TCheckStatus, string> = { passed: 'green', failing: 'red', waiting: 'gray' };

export function CheckStatusBadge({ status, overridden = false }: { status: TCheckStatus; overridden?: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant={status === 'waiting' ? 'outline' : 'filled'} data-testid="check-status" data-status={status} data-overridden={overridden || undefined}>
      {t(`releases.status.${status}`)}
      {overridden ? ` · ${t('releases.check.manual')}` : ''}
    </Badge>
  );
}
