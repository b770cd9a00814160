import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { DeliveriesTable } from './DeliveriesTable.tsx';

/** The event detail's delivery trail: who was mailed for this event, with the SMTP replies. */
export function EventDeliveries({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const deliveries = useQuery({ ...trpc.reminders.deliveries.queryOptions({ eventId, limit: 200 }), meta: { inlineErrors: true } });
  if (deliveries.isError) {
    return <ErrorAlert error={deliveries.error} title={t('deliveries.loadError')} onRetry={() => void deliveries.refetch()} retrying={deliveries.isFetching} />;
  }
  if (deliveries.data && deliveries.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="event-deliveries-empty">
        {t('deliveries.eventEmpty')}
      </Text>
    );
  }
  return <DeliveriesTable deliveries={deliveries.data?.items} withEvent={false} loading={deliveries.isFetching} />;
}
