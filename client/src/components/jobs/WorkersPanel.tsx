import { Alert, Anchor, Badge, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TJobWorkersOutput } from '../../../../shared/jobs.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';
import { WorkerStatusBadge } from './JobStateBadge.tsx';

/** The processes that run jobs: a missing or stuck one is the first thing an operator checks. */
export function WorkersPanel({ data, now, onOpenJob }: { data: TJobWorkersOutput | undefined; now: number; onOpenJob: (id: string) => void }) {
  const { t } = useTranslation();
  const workers = data?.workers;
  const anyAlive = workers?.some((w) => w.status === 'alive') ?? true;
  return (
    <Paper withBorder data-testid="jobs-workers">
      <Stack gap={2} p="sm">
        <Title order={3} fz="md">
          {t('jobs.workers.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('jobs.workers.description')}
        </Text>
      </Stack>
      {workers && workers.length === 0 ? (
        <Alert mx="sm" mb="sm" color="red" icon={<IconAlertTriangle size={18} />} title={t('jobs.workers.none')} data-testid="jobs-no-workers">
          {t('jobs.workers.noneBody')}
        </Alert>
      ) : !anyAlive ? (
        <Alert mx="sm" mb="sm" color="red" icon={<IconAlertTriangle size={18} />} title={t('jobs.workers.noneAlive')} data-testid="jobs-no-alive-workers">
          {t('jobs.workers.noneAliveBody')}
        </Alert>
      ) : null}
      {data && data.orphanLocks.length > 0 ? (
        <Alert mx="sm" mb="sm" color="yellow" icon={<IconAlertTriangle size={18} />} title={t('jobs.workers.orphanLocks')} data-testid="jobs-orphan-locks">
          <Text size="sm">{t('jobs.workers.orphanLocksBody')}</Text>
          <Group gap={6} mt={6}>
            {data.orphanLocks.map((l) => (
              <Anchor key={l.id} size="sm" component="button" onClick={() => onOpenJob(l.id)}>
                {l.name} ({l.holder ?? '?'})
              </Anchor>
            ))}
          </Group>
        </Alert>
      ) : null}
      {workers && workers.length === 0 ? null : (
        <Table.ScrollContainer minWidth={820}>
          <Table data-testid="jobs-workers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('jobs.workers.columns.process')}</Table.Th>
                <Table.Th>{t('jobs.workers.columns.kind')}</Table.Th>
                <Table.Th>{t('jobs.workers.columns.status')}</Table.Th>
                <Table.Th ta="right">{t('jobs.workers.columns.heartbeat')}</Table.Th>
                <Table.Th>{t('jobs.workers.columns.started')}</Table.Th>
                <Table.Th ta="right">{t('jobs.workers.columns.running')}</Table.Th>
                <Table.Th>{t('jobs.workers.columns.locks')}</Table.Th>
                <Table.Th>{t('jobs.workers.columns.jobs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {workers
                ? workers.map((w) => (
                    <Table.Tr key={w.name} data-testid="jobs-worker-row" data-worker={w.name} data-status={w.status}>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {w.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`jobs.workers.kind.${w.kind === 'web' ? 'web' : 'worker'}`)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <WorkerStatusBadge status={w.status} />
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm" component="time" dateTime={w.lastHeartbeatAt.toISOString()}>
                          {t('jobs.workers.secondsAgo', { count: Math.max(0, Math.round((now - w.lastHeartbeatAt.getTime()) / 1000)) })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <RelativeTime date={w.startedAt} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm">{w.runningCount}</Text>
                      </Table.Td>
                      <Table.Td>
                        {w.locks.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            {t('jobs.workers.noLocks')}
                          </Text>
                        ) : (
                          <Group gap={4}>
                            {w.locks.map((l) => (
                              <Badge
                                key={l.id}
                                variant="light"
                                color={w.status === 'alive' ? 'blue' : 'red'}
                                tt="none"
                                style={{ cursor: 'pointer' }}
                                onClick={() => onOpenJob(l.id)}
                                data-testid="jobs-worker-lock"
                              >
                                {l.name}
                              </Badge>
                            ))}
                          </Group>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={w.jobs.join(', ') || '—'} multiline maw={320}>
                          <Text size="sm" c="dimmed">
                            {t('jobs.workers.jobCount', { count: w.jobs.length })}
                          </Text>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  ))
                : <TableSkeletonRows rows={2} columns={8} />}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
