import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TReminderDeliveryStatus } from '../../../../shared/reminders.ts';
import { DELIVERY_STATUS_COLOR } from './delivery-status.ts';

export function DeliveryStatusBadge({ status }: { status: TReminderDeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={DELIVERY_STATUS_COLOR[status]} variant="light" style={{ flexShrink: 0, overflow: 'visible' }} data-testid="delivery-status" data-status={status}>
      {t(`deliveries.statuses.${status}`)}
    </Badge>
  );
}
