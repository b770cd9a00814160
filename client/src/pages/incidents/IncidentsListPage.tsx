import { Anchor, Button, Center, Group, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { IconAdjustments } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSessionUser, useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { usePatchSearchParams } from '../../lib/use-patch-search-params.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { RelativeTime } from '../../components/common/RelativeTime.tsx';
import { TableSkeletonRows } from '../../components/common/TableSkeletonRows.tsx';
import { IncidentStatusBadge, SeverityBadge } from '../../components/incidents/SeverityBadge.tsx';

const STATUSES = ['unresolved', 'all', 'resolved'] as const;
type StatusFilter = (typeof STATUSES)[number];

/** Every incident, unresolved first (critical before warning), then the resolved ones. */
export function IncidentsListPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const isAdmin = useSessionUser().role === 'ADMIN';
  const [params] = useSearchParams();
  const patch = usePatchSearchParams();
  const raw = params.get('status');
  const status: StatusFilter = STATUSES.includes(raw as StatusFilter) ? (raw as StatusFilter) : 'all';
  const list = useInfiniteQuery({
    ...trpc.incidents.list.infiniteQueryOptions({ status, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
    meta: { inlineErrors: true },
  });
  const items = list.data?.pages.flatMap((p) => p.items);
  const when = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone });

  return (
    <>
      <PageHeader
        title={t('incidents.list.title')}
        subtitle={t('incidents.list.subtitle')}
        actions={
          isAdmin ? (
            <Button component={Link} to="/incidents/settings" variant="default" leftSection={<IconAdjustments size={16} />} data-testid="alert-settings-open">
              {t('incidents.list.settings')}
            </Button>
          ) : null
        }
      />
      <Group mb="sm">
        <SegmentedControl
          value={status}
          onChange={(v) =>
            patch((live) => {
              if (v === 'all') live.delete('status');
              else live.set('status', v);
              return live;
            })
          }
          data={STATUSES.map((s) => ({ value: s, label: t(`incidents.list.filter.${s}`) }))}
          data-testid="incidents-filter"
        />
      </Group>
      <Paper withBorder>
        {list.isError && !items ? (
          <div style={{ padding: 'var(--mantine-spacing-sm)' }}>
            <ErrorAlert error={list.error} title={t('incidents.list.loadError')} onRetry={() => void list.refetch()} retrying={list.isFetching} />
          </div>
        ) : items && items.length === 0 ? (
          <Text size="sm" c="dimmed" p="md" data-testid="incidents-empty">
            {status === 'resolved' ? t('incidents.list.emptyResolved') : t('incidents.list.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table highlightOnHover data-testid="incidents-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th ta="right">#</Table.Th>
                  <Table.Th>{t('incidents.list.provider')}</Table.Th>
                  <Table.Th>{t('incidents.list.severity')}</Table.Th>
                  <Table.Th>{t('incidents.list.status')}</Table.Th>
                  <Table.Th>{t('incidents.list.summary')}</Table.Th>
                  <Table.Th>{t('incidents.list.opened', { zone: ctx.timeZone })}</Table.Th>
                  <Table.Th>{t('incidents.list.resolved')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items
                  ? items.map((i) => (
                      <Table.Tr key={i.id} data-testid="incident-row" data-provider={i.provider} data-status={i.status}>
                        <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                          {i.number}
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/incidents/${i.id}`} fw={600} size="sm" data-testid="incident-link">
                            {i.providerName}
                          </Anchor>
                          {i.muted ? (
                            <Text span size="xs" c="dimmed" ml={6}>
                              {t('incidents.muted')}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <SeverityBadge severity={i.severity} />
                        </Table.Td>
                        <Table.Td>
                          <IncidentStatusBadge status={i.status} severity={i.severity} />
                          {i.acknowledgedBy && i.status === 'ACKNOWLEDGED' ? (
                            <Text size="xs" c="dimmed">
                              {t('incidents.list.ackBy', { name: i.acknowledgedBy })}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" lineClamp={2}>
                            {i.summary}
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Text size="sm">{when.format(i.openedAt)}</Text>
                          <RelativeTime date={i.openedAt} size="xs" />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{i.resolvedAt ? <RelativeTime date={i.resolvedAt} /> : '—'}</Table.Td>
                      </Table.Tr>
                    ))
                  : <TableSkeletonRows rows={4} columns={7} />}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {list.hasNextPage ? (
        <Center mt="sm">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="incidents-more">
            {t('incidents.list.more')}
          </Button>
        </Center>
      ) : null}
    </>
  );
}
