import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TIncidentStatus, TSeverity } from '../../../../shared/alerts.ts';
import { incidentColor, severityColor } from './incident-display.ts';

export function SeverityBadge({ severity }: { severity: TSeverity }) {
  const { t } = useTranslation();
  return (
    <Badge color={severityColor(severity)} variant="filled" data-testid="incident-severity" data-severity={severity}>
      {t(`incidents.severity.${severity}`)}
    </Badge>
  );
}

export function IncidentStatusBadge({ status, severity }: { status: TIncidentStatus; severity: TSeverity }) {
  const { t } = useTranslation();
  return (
    <Badge color={incidentColor({ status, severity })} variant={status === 'OPEN' ? 'filled' : 'light'} data-testid="incident-status" data-status={status}>
      {t(`incidents.status.${status}`)}
    </Badge>
  );
}
