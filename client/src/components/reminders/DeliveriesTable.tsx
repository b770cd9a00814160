import { Anchor, Code, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TReminderDelivery } from '../../../../shared/reminders.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatDateTime, formatExact } from '../../lib/format-time.ts';
import { DeliveryStatusBadge } from './DeliveryStatusBadge.tsx';
import { deliveryTime } from './delivery-status.ts';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

function DeliveryRow({ delivery, withEvent }: { delivery: TReminderDelivery; withEvent: boolean }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const when = deliveryTime(delivery);
  return (
    <Table.Tr data-testid="delivery-row" data-delivery-id={delivery.id} data-status={delivery.status}>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }} data-testid="delivery-recipient">
          {delivery.recipient}
        </Text>
      </Table.Td>
      {withEvent ? (
        <Table.Td maw={260}>
          <Anchor component={Link} to={`/events/${delivery.eventId}`} size="sm" lineClamp={2}>
            {delivery.eventTitle}
          </Anchor>
        </Table.Td>
      ) : null}
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <DeliveryStatusBadge status={delivery.status} />
      </Table.Td>
      <Table.Td ta="right" style={numeric} data-testid="delivery-attempts">
        {delivery.attempts}
      </Table.Td>
      <Table.Td>
        <Stack gap={0}>
          <Tooltip label={formatExact(when, ctx)}>
            <Text size="sm" component="time" dateTime={when.toISOString()} style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(when, ctx)}
            </Text>
          </Tooltip>
          {delivery.status === 'RETRYING' && delivery.nextAttemptAt ? (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {t('deliveries.nextAttempt', { time: formatDateTime(delivery.nextAttemptAt, ctx) })}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td maw={320}>
        {delivery.smtpResponse ? (
          <Code block={false} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="delivery-reply">
            {delivery.smtpResponse}
          </Code>
        ) : (
          <Text size="sm" c="dimmed">
            {t('deliveries.noReply')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** CAL-O2: recipient, time, status, attempts and the SMTP reply of every reminder delivery. */
export function DeliveriesTable({ deliveries, withEvent = true, loading = false }: { deliveries: TReminderDelivery[] | undefined; withEvent?: boolean; loading?: boolean }) {
  const { t } = useTranslation();
  const columns = withEvent ? 6 : 5;
  return (
    <Table.ScrollContainer minWidth={withEvent ? 860 : 680}>
      <Table highlightOnHover aria-busy={loading} data-testid="deliveries-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('deliveries.columns.recipient')}</Table.Th>
            {withEvent ? <Table.Th>{t('deliveries.columns.event')}</Table.Th> : null}
            <Table.Th>{t('deliveries.columns.status')}</Table.Th>
            <Table.Th ta="right">{t('deliveries.columns.attempts')}</Table.Th>
            <Table.Th>{t('deliveries.columns.when')}</Table.Th>
            <Table.Th>{t('deliveries.columns.reply')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries
            ? deliveries.map((d) => <DeliveryRow key={d.id} delivery={d} withEvent={withEvent} />)
            : <TableSkeletonRows rows={3} columns={columns} />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
