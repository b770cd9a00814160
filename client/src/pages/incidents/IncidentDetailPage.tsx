import { useMemo } from 'react';
import { Anchor, Center, EmptyState, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangleOff, IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSessionUser, useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { RelativeTime } from '../../components/common/RelativeTime.tsx';
import { ProviderTrendCharts } from '../../components/health/ProviderTrendCharts.tsx';
import { IncidentActions } from '../../components/incidents/IncidentActions.tsx';
import { IncidentDeliveries } from '../../components/incidents/IncidentDeliveries.tsx';
import { IncidentPlaybook } from '../../components/incidents/IncidentPlaybook.tsx';
import { IncidentTimeline } from '../../components/incidents/IncidentTimeline.tsx';
import { IncidentStatusBadge, SeverityBadge } from '../../components/incidents/SeverityBadge.tsx';
import { findingNumbers, incidentChartRange } from '../../components/incidents/incident-display.ts';
import type { TFinding } from '../../../../shared/alerts.ts';

function Findings({ findings }: { findings: readonly TFinding[] }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  return (
    <Table data-testid="incident-findings">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('incidents.detail.rule')}</Table.Th>
          <Table.Th>{t('incidents.list.severity')}</Table.Th>
          <Table.Th>{t('incidents.detail.what')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {findings.map((f) => (
          <Table.Tr key={f.kind} data-testid="incident-finding" data-kind={f.kind}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`incidents.ruleKind.${f.kind}`)}</Table.Td>
            <Table.Td>
              <SeverityBadge severity={f.severity} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{f.summary}</Text>
              <Text size="xs" c="dimmed">
                {findingNumbers(f.numbers, ctx.locale)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One incident: what fired, its timeline, the playbook checks, notifications and the provider's chart around it. */
export function IncidentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const isAdmin = useSessionUser().role === 'ADMIN';
  const incident = useQuery({ ...trpc.incidents.get.queryOptions({ id }), refetchInterval: 15_000, meta: { inlineErrors: true } });
  const i = incident.data;
  useDocumentTitle(i ? `#${i.number} ${i.providerName} · ${t('incidents.list.title')} · opsdeck` : `${t('incidents.list.title')} · opsdeck`);
  // Rounded to the minute so the 15 s refresh does not make a new chart query every time.
  const range = useMemo(() => {
    if (!i) return null;
    const r = incidentChartRange(i);
    const minute = (d: Date) => new Date(Math.ceil(d.getTime() / 60_000) * 60_000);
    return { from: new Date(Math.floor(r.from.getTime() / 60_000) * 60_000), to: minute(r.to) };
  }, [i?.openedAt.getTime(), i?.resolvedAt?.getTime(), i ? Math.floor(Date.now() / 60_000) : 0]);
  const series = useQuery({
    ...trpc.integrations.timeseries.queryOptions({ window: 'custom', from: range?.from, to: range?.to, providers: [i?.provider ?? 'x'], previous: false }),
    enabled: range !== null,
    meta: { inlineErrors: true },
  });
  const when = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: ctx.timeZone });

  const notFound = incident.isError && readTrpcError(incident.error).code === 'NOT_FOUND';
  if (notFound || (incident.isError && readTrpcError(incident.error).code === 'BAD_REQUEST')) {
    return (
      <Center p="xl">
        <EmptyState icon={<IconAlertTriangleOff size={26} />} withIndicatorBackground title={t('incidents.detail.notFound')} data-testid="incident-not-found">
          <EmptyState.Actions>
            <Anchor component={Link} to="/incidents" size="sm">
              {t('incidents.detail.back')}
            </Anchor>
          </EmptyState.Actions>
        </EmptyState>
      </Center>
    );
  }
  if (incident.isError && !i) {
    return <ErrorAlert error={incident.error} title={t('incidents.detail.loadError')} onRetry={() => void incident.refetch()} retrying={incident.isFetching} />;
  }
  if (!i) return <Skeleton height={320} />;

  return (
    <Stack gap="md" data-testid="incident-page" data-status={i.status} data-provider={i.provider}>
      <Stack gap={4}>
        <Anchor component={Link} to="/incidents" size="xs">
          <Group gap={4} wrap="nowrap">
            <IconArrowLeft size={14} />
            {t('incidents.detail.back')}
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Group gap="sm" wrap="wrap">
              <Title order={2} fz="h3" data-testid="incident-title">
                {t('incidents.detail.title', { number: i.number, provider: i.providerName })}
              </Title>
              <SeverityBadge severity={i.severity} />
              <IncidentStatusBadge status={i.status} severity={i.severity} />
              {i.muted ? (
                <Text size="xs" c="dimmed">
                  {t('incidents.muted')}
                </Text>
              ) : null}
            </Group>
            <Text size="sm" data-testid="incident-summary">
              {i.summary}
            </Text>
            <Group gap="md" wrap="wrap">
              <Text size="xs" c="dimmed">
                {t('incidents.detail.opened')} {when.format(i.openedAt)} (<RelativeTime date={i.openedAt} size="xs" />)
              </Text>
              {i.acknowledgedAt ? (
                <Text size="xs" c="dimmed" data-testid="incident-acknowledged-by">
                  {t('incidents.detail.acknowledgedBy', { name: i.acknowledgedBy ?? '—' })} <RelativeTime date={i.acknowledgedAt} size="xs" />
                </Text>
              ) : null}
              {i.resolvedAt ? (
                <Text size="xs" c="dimmed">
                  {i.resolvedBy ? t('incidents.detail.resolvedBy', { name: i.resolvedBy }) : t('incidents.detail.resolvedAuto')} <RelativeTime date={i.resolvedAt} size="xs" />
                </Text>
              ) : i.clearSince ? (
                <Text size="xs" c="lime.8" data-testid="incident-holding">
                  {t('incidents.detail.holdDown', { minutes: Math.max(1, Math.round(i.holdDownSeconds / 60)) })}
                </Text>
              ) : null}
              {isAdmin ? (
                <Anchor component={Link} to={`/health/providers/${i.provider}#playbook-what-to-check`} size="xs">
                  {t('incidents.detail.providerPage')}
                </Anchor>
              ) : null}
            </Group>
          </Stack>
          <IncidentActions incident={i} />
        </Group>
      </Stack>

      <Paper withBorder p="sm">
        <Text fw={600} size="sm" mb="xs">
          {t('incidents.detail.trigger')}
        </Text>
        <Findings findings={i.trigger} />
        {i.latest && i.latest.length > 0 && i.status !== 'RESOLVED' && JSON.stringify(i.latest) !== JSON.stringify(i.trigger) ? (
          <>
            <Text fw={600} size="sm" mt="sm" mb="xs">
              {t('incidents.detail.latest')} <RelativeTime date={i.lastFiringAt} size="xs" />
            </Text>
            <Findings findings={i.latest} />
          </>
        ) : null}
      </Paper>

      {series.isError && !series.data ? (
        <ErrorAlert error={series.error} title={t('incidents.detail.chartError')} onRetry={() => void series.refetch()} retrying={series.isFetching} />
      ) : series.data ? (
        <div data-testid="incident-chart">
          <ProviderTrendCharts ts={series.data} provider={i.provider} selected={null} onBucket={() => undefined} />
        </div>
      ) : (
        <Skeleton height={260} />
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <div>
          <Paper withBorder p="sm">
            <Text fw={600} size="sm" mb="sm">
              {t('incidents.detail.timeline')}
            </Text>
            <IncidentTimeline entries={i.timeline} />
          </Paper>
        </div>
        <div>
          <IncidentPlaybook incident={i} />
        </div>
      </SimpleGrid>

      <Paper withBorder p="sm">
        <Text fw={600} size="sm" mb="xs">
          {t('incidents.detail.notifications')}
        </Text>
        <IncidentDeliveries deliveries={i.deliveries} />
      </Paper>
    </Stack>
  );
}
