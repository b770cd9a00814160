import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TReminderDeliveryStatus } from '../../../../shared/reminders.ts';
import { DELIVERY_STATUS_COLOR } from './delivery-status.ts';

export function DeliveryStatusBadge({ status }: { status: TReminderDeliveryStatus }) {
  const { t } = useTranslation();
  // A badge clips its label with an ellipsis, which makes its min-content width ~0: in a table
  // column sized by content it was cut to "SE…". max-content keeps the whole word.
  return (
    <Badge color={DELIVERY_STATUS_COLOR[status]} variant="light" style={{ minWidth: 'max-content' }} data-testid="delivery-status" data-status={status}>
      {t(`deliveries.statuses.${status}`)}
    </Badge>
  );
}
