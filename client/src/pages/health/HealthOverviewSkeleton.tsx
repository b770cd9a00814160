import { Group, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The cards' grid while their numbers load; the same boxes the cards will fill, so nothing jumps. */
export function ProviderCardsSkeleton({ count = 8 }: { count?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="sm">
      {Array.from({ length: count }, (_, i) => (
        <Skeleton key={i} height={168} radius="sm" data-testid="provider-card-loading" />
      ))}
    </SimpleGrid>
  );
}

export function ChartSkeleton() {
  return <Skeleton height={320} radius="sm" data-testid="chart-loading" />;
}

/** The overview's layout before its code has arrived: header, window picker, cards and chart. */
export function HealthOverviewSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" role="status" aria-busy aria-label={t('common.loading')} data-testid="page-loading">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={6}>
          <Skeleton height={26} width={220} radius="sm" />
          <Skeleton height={14} width={320} radius="sm" />
        </Stack>
        <Skeleton height={36} width={340} radius="sm" />
      </Group>
      <ProviderCardsSkeleton />
      <ChartSkeleton />
    </Stack>
  );
}
