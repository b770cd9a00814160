import { useRef, useState, type ReactNode } from 'react';
import { Anchor, Center, EmptyState, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconPlugConnectedX } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { RelativeTime } from '../../components/common/RelativeTime.tsx';
import { TierBadge } from '../../components/admin-integrations/TierBadge.tsx';
import { formatCount } from '../../components/admin-integrations/integration-format.ts';
import { AutoRefresh } from '../../components/health/AutoRefresh.tsx';
import { ErrorGroupsTable } from '../../components/health/ErrorGroupsTable.tsx';
import { IntegrationEventsList } from '../../components/health/IntegrationEventsList.tsx';
import { ProviderTrendCharts } from '../../components/health/ProviderTrendCharts.tsx';
import { StatusBadge } from '../../components/health/StatusBadge.tsx';
import { WindowPicker } from '../../components/health/WindowPicker.tsx';
import { bucketRange } from '../../components/health/chart-data.ts';
import { useEventFilters } from '../../components/health/use-event-filters.ts';
import { formatLatency, formatRate, statusDisplay } from '../../components/health/health-status.ts';
import { viewSearch } from '../../components/health/health-window.ts';
import { useListRange } from '../../components/health/use-list-range.ts';
import { useHealthView } from '../../components/health/use-health-view.ts';
import { PlaybookPanel, type PlaybookFocus } from '../../components/playbooks/PlaybookPanel.tsx';
import { useReleaseMarkers } from '../../components/releases/use-release-markers.ts';
import { OpenIncidentsBanner } from '../../components/incidents/OpenIncidentsBanner.tsx';

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={600} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** One provider: its numbers, trends against the previous period, error groups and events. */
export function ProviderHealthPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const h = useHealthView();
  const common = { placeholderData: keepPreviousData, refetchInterval: h.refetchInterval, meta: { inlineErrors: true } } as const;
  const catalog = useQuery({ ...trpc.integrations.providers.queryOptions(), staleTime: 5 * 60_000, meta: { inlineErrors: true } });
  const summary = useQuery({ ...trpc.integrations.summary.queryOptions(h.input), ...common });
  const series = useQuery({ ...trpc.integrations.timeseries.queryOptions({ ...h.input, providers: [key], previous: true }), ...common });
  const groups = useQuery({ ...trpc.integrations.errorGroups.queryOptions({ ...h.input, provider: key, limit: 10 }), ...common });
  const entry = catalog.data?.find((p) => p.key === key);
  const card = summary.data?.providers.find((p) => p.provider === key);
  const name = entry?.displayName ?? key;
  useDocumentTitle(`${name} · ${t('health.overview.title')} · opsdeck`);

  const { filters, patchFilters } = useEventFilters();

  const list = useListRange(h.view);
  const listRef = useRef<HTMLDivElement>(null);
  const [playbookFocus, setPlaybookFocus] = useState<PlaybookFocus>(null);
  const markers = useReleaseMarkers(series.data ? { from: series.data.from, to: series.data.to } : null);
  const fullTime = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone });
  const shortTime = new Intl.DateTimeFormat(ctx.locale, { timeStyle: 'short', timeZone: ctx.timeZone });
  const describeBucket = (r: { from: Date; to: Date }) => `${fullTime.format(r.from)} – ${shortTime.format(r.to)}`;

  const onBucket = (tMs: number) => {
    if (!series.data) return;
    patchFilters({ bucket: bucketRange(tMs, series.data.bucketMs) });
    listRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  if (catalog.isSuccess && !entry) {
    return (
      <Center p="xl">
        <EmptyState
          icon={<IconPlugConnectedX size={26} />}
          withIndicatorBackground
          title={t('health.provider.unknown.title')}
          description={t('health.provider.unknown.description', { key })}
          data-testid="provider-unknown"
        >
          <EmptyState.Actions>
            <Anchor component={Link} to={`/health${viewSearch(h.view)}`} size="sm">
              {t('health.provider.back')}
            </Anchor>
          </EmptyState.Actions>
        </EmptyState>
      </Center>
    );
  }

  const d = card ? statusDisplay(card) : null;
  return (
    <Stack gap="md" data-testid="provider-page" data-provider={key}>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Anchor component={Link} to={`/health${viewSearch(h.view)}`} size="xs" data-testid="provider-back">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} />
              {t('health.provider.back')}
            </Group>
          </Anchor>
          <Group gap="sm" wrap="wrap">
            {entry ? (
              <Title order={2} fz="h3" data-testid="provider-title">
                {name}
              </Title>
            ) : (
              <Skeleton height={28} width={180} />
            )}
            {card ? <StatusBadge status={card.status} tier={card.tier} size="md" /> : null}
            {entry ? <TierBadge tier={entry.tier} /> : null}
          </Group>
          {entry?.description ? (
            <Text size="sm" c="dimmed">
              {entry.description}
            </Text>
          ) : null}
        </Stack>
        <Group gap="sm" wrap="wrap" justify="flex-end">
          <WindowPicker view={h.view} onChange={h.setView} />
          <AutoRefresh
            paused={h.paused}
            onPausedChange={h.setPaused}
            canAutoRefresh={h.canAutoRefresh}
            updatedAt={series.dataUpdatedAt}
            refreshing={series.isFetching || summary.isFetching}
            onRefresh={() => {
              void Promise.all([summary.refetch(), series.refetch(), groups.refetch()]);
              list.refresh();
            }}
          />
        </Group>
      </Group>

      <OpenIncidentsBanner provider={key} />

      {summary.isError && !summary.data ? (
        <ErrorAlert error={summary.error} title={t('health.provider.loadError')} onRetry={() => void summary.refetch()} retrying={summary.isFetching} />
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="provider-stats">
          {card && d ? (
            <>
              <Stat label={t(d.rateKey)} value={formatRate(card.errorRate, ctx.locale) ?? t('health.card.none')} testId="provider-stat-rate" />
              <Stat label={t('health.provider.errors')} value={formatCount(card.errors, ctx.locale)} testId="provider-stat-errors" />
              <Stat label={t('health.card.volume')} value={formatCount(card.volume, ctx.locale)} testId="provider-stat-volume" />
              <Stat label="p50" value={formatLatency(card.p50Ms, ctx.locale) ?? '—'} testId="provider-stat-p50" />
              <Stat label="p95" value={formatLatency(card.p95Ms, ctx.locale) ?? '—'} testId="provider-stat-p95" />
              <Stat label={t('health.provider.lastOk')} value={<RelativeTime date={card.lastOkAt} />} testId="provider-stat-last-ok" />
            </>
          ) : (
            Array.from({ length: 6 }, (_, i) => <Skeleton key={i} height={58} />)
          )}
        </SimpleGrid>
      )}

      {series.isError && !series.data ? (
        <ErrorAlert error={series.error} title={t('health.overview.chartError')} onRetry={() => void series.refetch()} retrying={series.isFetching} />
      ) : series.data ? (
        <ProviderTrendCharts ts={series.data} provider={key} selected={filters.bucket?.from.getTime() ?? null} onBucket={onBucket} releases={markers} />
      ) : (
        <Skeleton height={260} />
      )}

      <Paper withBorder>
        <Group p="sm" justify="space-between">
          <Text fw={600} size="sm">
            {t('health.groups.title')}
          </Text>
        </Group>
        {groups.isError && !groups.data ? (
          <Stack p="sm">
            <ErrorAlert error={groups.error} title={t('health.groups.loadError')} onRetry={() => void groups.refetch()} retrying={groups.isFetching} />
          </Stack>
        ) : groups.data && groups.data.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm" pt={0} data-testid="error-groups-empty">
            {t('health.groups.empty')}
          </Text>
        ) : (
          <ErrorGroupsTable
            groups={groups.data}
            selected={filters.fingerprint}
            onSelect={(fingerprint) => patchFilters(fingerprint ? { fingerprint, outcome: 'error' } : { fingerprint: null })}
            onPlaybook={(errorClass) => setPlaybookFocus((prev) => ({ errorClass, n: (prev?.n ?? 0) + 1 }))}
          />
        )}
      </Paper>

      {entry ? <PlaybookPanel provider={key} providerName={name} focus={playbookFocus} /> : null}

      <div ref={listRef} style={{ scrollMarginTop: 60 }}>
        <Text fw={600} size="sm" mb="xs">
          {t('health.events.title')}
        </Text>
        <IntegrationEventsList
          provider={key}
          range={list.range}
          filters={filters}
          onFiltersPatch={patchFilters}
          knownEvents={entry?.knownEvents ?? []}
          describeBucket={describeBucket}
        />
      </div>
    </Stack>
  );
}
