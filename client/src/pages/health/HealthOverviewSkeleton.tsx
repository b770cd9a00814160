import { SimpleGrid, Skeleton } from '@mantine/core';
import { PageSkeletonFrame } from '../../components/common/PageSkeleton.tsx';

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
  return (
    <PageSkeletonFrame actionWidth={340}>
      <ProviderCardsSkeleton />
      <ChartSkeleton />
    </PageSkeletonFrame>
  );
}
