import { useDeferredValue } from 'react';
import { Center, EmptyState, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconActivityHeartbeat } from '@tabler/icons-react';
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PROVIDER_STATUSES, type TProviderStatus, type TProviderSummary, type TTimeseriesOutput } from '../../../../shared/integration-health.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { AutoRefresh } from '../../components/health/AutoRefresh.tsx';
import { ProviderCard } from '../../components/health/ProviderCard.tsx';
import { WindowPicker } from '../../components/health/WindowPicker.tsx';
import { statusDisplay } from '../../components/health/health-status.ts';
import { viewSearch } from '../../components/health/health-window.ts';
import { useHealthView } from '../../components/health/use-health-view.ts';
import { StatusBadge } from '../../components/health/StatusBadge.tsx';
import { OpenIncidentsBanner } from '../../components/incidents/OpenIncidentsBanner.tsx';
import { ChartSkeleton, ProviderCardsSkeleton } from './HealthOverviewSkeleton.tsx';
import { loadErrorRateChart, overviewQueries } from './overview-queries.ts';
import { useLoadedModule } from '../../lib/use-loaded-module.ts';

/** The admin's home: every provider for the window, worst first, and their error rates over time. */
export function HealthOverviewPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const h = useHealthView();
  const common = { placeholderData: keepPreviousData, refetchInterval: h.refetchInterval, meta: { inlineErrors: true } } as const;
  const q = overviewQueries(trpc, h.input);
  const summary = useQuery({ ...q.summary, ...common });
  const series = useQuery({ ...q.series, ...common });
  const providers = summary.data?.providers;
  const search = viewSearch(h.view);

  // Counted with the displayed status, so a NON_BLOCKING provider is never counted as failing.
  const counts = new Map<TProviderStatus, number>();
  for (const p of providers ?? []) {
    const s = statusDisplay(p).status;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }

  return (
    <>
      <PageHeader
        title={t('health.overview.title')}
        subtitle={t('health.overview.subtitle')}
        actions={
          <Group gap="sm" wrap="wrap" justify="flex-end">
            <WindowPicker view={h.view} onChange={h.setView} />
            <AutoRefresh
              paused={h.paused}
              onPausedChange={h.setPaused}
              canAutoRefresh={h.canAutoRefresh}
              updatedAt={summary.dataUpdatedAt}
              refreshing={summary.isFetching || series.isFetching}
              onRefresh={() => void Promise.all([summary.refetch(), series.refetch()])}
            />
          </Group>
        }
      />
      <Stack gap="md" data-testid="page-health">
        <OpenIncidentsBanner />
        {summary.isError && !providers ? (
          <ErrorAlert
            error={summary.error}
            title={t('health.overview.loadError')}
            onRetry={() => void summary.refetch()}
            retrying={summary.isFetching}
            data-testid="health-error"
          />
        ) : providers && providers.length === 0 ? (
          <Center p="xl">
            <EmptyState
              icon={<IconActivityHeartbeat size={26} />}
              withIndicatorBackground
              title={t('health.overview.empty.title')}
              description={t('health.overview.empty.description')}
              data-testid="health-empty"
            />
          </Center>
        ) : (
          <>
            {providers ? (
              <Group gap="xs" data-testid="status-counts" aria-live="polite">
                {PROVIDER_STATUSES.filter((s) => counts.get(s)).map((s) => (
                  <Group key={s} gap={4} wrap="nowrap">
                    <StatusBadge status={s} tier="STANDARD" />
                    <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`status-count-${s}`}>
                      {counts.get(s)}
                    </Text>
                  </Group>
                ))}
                {summary.isError ? (
                  <Text size="xs" c="red" data-testid="health-stale">
                    {t('health.overview.stale')}
                  </Text>
                ) : null}
              </Group>
            ) : null}
            {providers ? (
              <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="sm" data-testid="provider-cards" aria-busy={summary.isFetching}>
                {providers.map((p) => (
                  <ProviderCard key={p.provider} summary={p} search={search} />
                ))}
              </SimpleGrid>
            ) : (
              <ProviderCardsSkeleton />
            )}
            <OverviewChart series={series} providers={providers} />
          </>
        )}
      </Stack>
    </>
  );
}

/**
 * The cards paint first; the chart (the heavier render) follows in a deferred render of its own.
 * Deferred here rather than in the page, so that second render is this component alone: deferred
 * in the page, it rendered all the provider cards a second time on the way to the chart.
 */
function OverviewChart({ series, providers }: { series: UseQueryResult<TTimeseriesOutput, unknown>; providers: readonly TProviderSummary[] | undefined }) {
  const { t } = useTranslation();
  const chartData = useDeferredValue(series.data, undefined);
  // Recharts is most of the chart's weight: the cards must not wait for it to download and parse.
  const chart = useLoadedModule(loadErrorRateChart);
  if (series.isError && !series.data) {
    return <ErrorAlert error={series.error} title={t('health.overview.chartError')} onRetry={() => void series.refetch()} retrying={series.isFetching} />;
  }
  return chartData && providers && chart ? <chart.ErrorRateChart ts={chartData} providers={providers} /> : <ChartSkeleton />;
}
