import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TDelivery } from '../../../../shared/alerts.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { deliveryColor } from './incident-display.ts';

/** One row per notification and channel: nothing is sent silently, nothing fails silently. */
export function IncidentDeliveries({ deliveries }: { deliveries: readonly TDelivery[] }) {
  const { t } = useTranslation();
  if (deliveries.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="deliveries-empty">
        {t('incidents.deliveries.empty')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table data-testid="deliveries-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.deliveries.channel')}</Table.Th>
            <Table.Th>{t('incidents.deliveries.kind')}</Table.Th>
            <Table.Th>{t('incidents.deliveries.status')}</Table.Th>
            <Table.Th ta="right">{t('incidents.deliveries.attempts')}</Table.Th>
            <Table.Th>{t('incidents.deliveries.when')}</Table.Th>
            <Table.Th>{t('incidents.deliveries.lastError')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((d) => (
            <Table.Tr key={d.id} data-testid="delivery-row" data-status={d.status} data-channel-kind={d.channelKind}>
              <Table.Td>
                <Text size="sm">{d.channel}</Text>
                <Text size="xs" c="dimmed">
                  {t(`incidents.channelKind.${d.channelKind}`)}
                </Text>
              </Table.Td>
              <Table.Td>{t(`incidents.notificationKind.${d.kind}`)}</Table.Td>
              <Table.Td>
                <Badge color={deliveryColor(d.status)} variant="light">
                  {t(`incidents.deliveries.statuses.${d.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {d.attempts}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {d.sentAt ? (
                  <RelativeTime date={d.sentAt} size="xs" />
                ) : d.nextAttemptAt ? (
                  <Text size="xs">
                    {t('incidents.deliveries.next')} <RelativeTime date={d.nextAttemptAt} size="xs" />
                  </Text>
                ) : (
                  <RelativeTime date={d.lastAttemptAt} size="xs" />
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" c={d.lastError ? 'red' : 'dimmed'} lineClamp={2}>
                  {d.lastError ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
