import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { IconRocket } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSessionUser, useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { RecordReleaseModal } from '../../components/releases/RecordReleaseModal.tsx';
import { CheckItemsPanel } from '../../components/releases/CheckItemsPanel.tsx';
import { TableSkeletonRows } from '../../components/common/TableSkeletonRows.tsx';

export function ReleasesListPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const isAdmin = useSessionUser().role === 'ADMIN';
  const [recording, setRecording] = useState(false);
  // Checklists move while traffic arrives after a release: refresh like the health pages.
  const releases = useQuery({ ...trpc.releases.list.queryOptions({ limit: 30 }), refetchInterval: 30_000, meta: { inlineErrors: true } });
  const when = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone });

  return (
    <>
      <PageHeader
        title={t('releases.list.title')}
        subtitle={t('releases.list.subtitle')}
        actions={
          isAdmin ? (
            <Button leftSection={<IconRocket size={16} />} onClick={() => setRecording(true)} data-testid="release-record">
              {t('releases.record.open')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder mb="md">
        {releases.isError ? (
          <div style={{ padding: 'var(--mantine-spacing-sm)' }}>
            <ErrorAlert error={releases.error} title={t('releases.list.loadError')} onRetry={() => void releases.refetch()} retrying={releases.isFetching} />
          </div>
        ) : releases.data && releases.data.length === 0 ? (
          <Text size="sm" c="dimmed" p="md" data-testid="releases-empty">
            {t('releases.list.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover data-testid="releases-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('releases.list.version')}</Table.Th>
                  <Table.Th>{t('releases.list.environment')}</Table.Th>
                  <Table.Th>{t('releases.list.releasedAt', { zone: ctx.timeZone })}</Table.Th>
                  <Table.Th>{t('releases.list.recordedBy')}</Table.Th>
                  <Table.Th>{t('releases.list.checklist')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {releases.data
                  ? releases.data.map((r) => (
                      <Table.Tr key={r.id} data-testid="release-row" data-version={r.version}>
                        <Table.Td>
                          <Anchor component={Link} to={`/health/releases/${r.id}`} fw={600} size="sm">
                            {r.version}
                          </Anchor>
                          {r.commitSha ? (
                            <Text span size="xs" c="dimmed" ml={6} ff="monospace">
                              {r.commitSha.slice(0, 7)}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>{r.environment}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{when.format(r.releasedAt)}</Table.Td>
                        <Table.Td>{r.source === 'api' ? t('releases.list.byCi') : (r.createdBy ?? '—')}</Table.Td>
                        <Table.Td>
                          <Group gap={4} data-testid="release-counts">
                            <Badge color="green" variant={r.counts.passed ? 'filled' : 'outline'}>{t('releases.counts.passed', { count: r.counts.passed })}</Badge>
                            <Badge color="red" variant={r.counts.failing ? 'filled' : 'outline'}>{t('releases.counts.failing', { count: r.counts.failing })}</Badge>
                            <Badge color="gray" variant="outline">{t('releases.counts.waiting', { count: r.counts.waiting })}</Badge>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))
                  : <TableSkeletonRows rows={3} columns={5} />}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <CheckItemsPanel canEdit={isAdmin} />
      {isAdmin ? <RecordReleaseModal opened={recording} onClose={() => setRecording(false)} /> : null}
    </>
  );
}
