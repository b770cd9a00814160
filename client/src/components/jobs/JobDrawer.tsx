import { useState } from 'react';
import { Alert, Badge, Button, Code, Drawer, Group, ScrollArea, SimpleGrid, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TJobDetail } from '../../../../shared/jobs.ts';
import { useSessionUser, useTimeContext } from '../../app/session.tsx';
import { formatExact } from '../../lib/format-time.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { JobActionModal, type JobActionKind } from './JobActionModal.tsx';
import { JobStateBadge, WorkerStatusBadge } from './JobStateBadge.tsx';
import { JOBS_REFRESH_MS, formatDuration } from './job-format.ts';
import { useJobErrorText } from './use-job-error-text.ts';
import { Field } from '../common/Field.tsx';

function lastRunFailed(job: TJobDetail): boolean {
  return job.failedAt !== null && (job.lastFinishedAt === null || job.failedAt.getTime() >= job.lastFinishedAt.getTime());
}

function Actions({ job, onAction }: { job: TJobDetail; onAction: (a: JobActionKind) => void }) {
  const { t } = useTranslation();
  const admin = useSessionUser().role === 'ADMIN';
  const busy = job.state === 'running';
  return (
    <Stack gap={4}>
      <Group gap="xs" data-testid="job-actions">
        {job.state === 'failed' ? (
          <Button size="xs" onClick={() => onAction('retry')} data-testid="job-retry">
            {t('jobs.actions.retry')}
          </Button>
        ) : null}
        <Button size="xs" variant="default" disabled={busy || job.disabled} onClick={() => onAction('runNow')} data-testid="job-run-now">
          {t('jobs.actions.runNow')}
        </Button>
        {admin ? (
          <>
            {job.disabled ? (
              <Button size="xs" variant="default" onClick={() => onAction('enable')} data-testid="job-enable">
                {t('jobs.actions.enable')}
              </Button>
            ) : (
              <Button size="xs" variant="default" color="red" onClick={() => onAction('disable')} data-testid="job-disable">
                {t('jobs.actions.disable')}
              </Button>
            )}
            <Button size="xs" variant="light" color="red" onClick={() => onAction('delete')} data-testid="job-delete">
              {t('jobs.actions.delete')}
            </Button>
          </>
        ) : null}
      </Group>
      {admin ? null : (
        <Text size="xs" c="dimmed">
          {t('jobs.detail.adminOnly')}
        </Text>
      )}
    </Stack>
  );
}

function Detail({ job, onClosed }: { job: TJobDetail; onClosed: () => void }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const [action, setAction] = useState<JobActionKind | null>(null);
  const exact = (d: Date | null) => (d ? formatExact(d, ctx) : '—');
  return (
    <Stack gap="md" data-testid="job-detail" data-job-id={job.id} data-state={job.state}>
      <Group gap="xs">
        <JobStateBadge state={job.state} />
        {job.disabled && job.state !== 'disabled' ? (
          <Badge color="gray" variant="outline" size="sm">
            {t('jobs.state.disabled')}
          </Badge>
        ) : null}
      </Group>
      <Actions job={job} onAction={setAction} />
      {/* Agenda keeps failReason after a later success; only a failed last run is a current failure. */}
      {lastRunFailed(job) ? (
        <Alert color="red" variant="light" title={t('jobs.detail.failReason')} data-testid="job-fail-reason">
          <Text size="sm" style={{ wordBreak: 'break-word' }}>
            {job.failReason ?? '—'}
          </Text>
          <Text size="xs" fw={600} mt="sm" tt="uppercase" c="dimmed">
            {t('jobs.detail.stack')}
          </Text>
          {job.failStack ? (
            <ScrollArea.Autosize mah={220} type="auto">
              <Code block fz={11} data-testid="job-fail-stack">
                {job.failStack}
              </Code>
            </ScrollArea.Autosize>
          ) : (
            <Text size="xs" c="dimmed">
              {t('jobs.detail.noStack')}
            </Text>
          )}
        </Alert>
      ) : null}
      {job.lock ? (
        <Alert color={job.lock.holderStatus === 'alive' ? 'blue' : 'yellow'} variant="light" icon={<IconLock size={18} />} title={t('jobs.detail.lock')} data-testid="job-lock">
          <Group gap={6} mb={4}>
            <Code>{job.lock.holder ?? t('jobs.detail.lockUnknownHolder')}</Code>
            {job.lock.holderStatus ? (
              <WorkerStatusBadge status={job.lock.holderStatus} />
            ) : (
              <Badge color="gray" variant="outline" size="sm">
                {t('jobs.detail.holderUnregistered')}
              </Badge>
            )}
          </Group>
          <Text size="sm">
            {t('jobs.detail.lockHolder', { holder: job.lock.holder ?? t('jobs.detail.lockUnknownHolder'), since: exact(job.lock.lockedAt), expires: exact(job.lock.expiresAt) })}
          </Text>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Field label={t('jobs.detail.id')}>
          <Code fz={11}>{job.id}</Code>
        </Field>
        <Field label={t('jobs.detail.type')}>{job.repeatInterval ? t('jobs.detail.every', { interval: job.repeatInterval }) : t('jobs.detail.oneOff')}</Field>
        <Field label={t('jobs.detail.lastRun')} testId="job-last-run">
          <Tooltip label={exact(job.lastRunAt)} disabled={!job.lastRunAt}>
            <span>
              <RelativeTime date={job.lastRunAt} />
            </span>
          </Tooltip>
        </Field>
        <Field label={t('jobs.detail.lastFinished')}>
          <RelativeTime date={job.lastFinishedAt} />
        </Field>
        <Field label={t('jobs.detail.nextRun')} testId="job-next-run">
          {job.nextRunAt && !job.disabled ? <RelativeTime date={job.nextRunAt} /> : '—'}
        </Field>
        <Field label={t('jobs.detail.failCount')}>{job.failCount}</Field>
        <Field label={t('jobs.detail.priority')}>{job.priority}</Field>
        <Field label={t('jobs.detail.created')}>
          <RelativeTime date={job.createdAt} />
        </Field>
      </SimpleGrid>
      <Field label={t('jobs.detail.data')}>
        <Code block fz={11} data-testid="job-data">
          {JSON.stringify(job.data, null, 2)}
        </Code>
      </Field>
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('jobs.detail.runs')}
        </Text>
        {job.runs.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('jobs.detail.noRuns')}
          </Text>
        ) : (
          <Table data-testid="job-runs" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('jobs.detail.runColumns.started')}</Table.Th>
                <Table.Th ta="right">{t('jobs.detail.runColumns.duration')}</Table.Th>
                <Table.Th>{t('jobs.detail.runColumns.outcome')}</Table.Th>
                <Table.Th>{t('jobs.detail.runColumns.worker')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {job.runs.map((r) => (
                <Table.Tr key={r.id} data-testid="job-run-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <RelativeTime date={r.startedAt} />
                  </Table.Td>
                  <Table.Td ta="right">{formatDuration(r.durationMs, ctx.locale) ?? '—'}</Table.Td>
                  <Table.Td>
                    <Tooltip label={r.error ?? ''} disabled={!r.error} multiline maw={360}>
                      <Badge size="xs" variant="dot" color={r.ok === true ? 'green' : r.ok === false ? 'red' : 'gray'}>
                        {r.ok === true ? t('jobs.definitions.runOk') : r.ok === false ? t('jobs.definitions.runFailed') : t('jobs.definitions.runUnfinished')}
                      </Badge>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {r.worker}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <JobActionModal job={job} action={action} onClose={() => setAction(null)} onDeleted={onClosed} />
    </Stack>
  );
}

/** One job document, kept live while open; the URL (?job=id) says which. */
export function JobDrawer({ jobId, onClose }: { jobId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const narrow = useMediaQuery('(max-width: 48em)');
  const errorText = useJobErrorText();
  const detail = useQuery({
    ...trpc.jobs.get.queryOptions({ id: jobId ?? '' }),
    enabled: jobId !== null,
    refetchInterval: JOBS_REFRESH_MS,
    meta: { inlineErrors: true },
  });
  const job = detail.data && detail.data.id === jobId ? detail.data : undefined;
  return (
    <Drawer
      opened={jobId !== null}
      onClose={onClose}
      position="right"
      size={narrow ? '100%' : 'xl'}
      title={job ? <Text fw={600}>{t('jobs.detail.title', { name: job.name })}</Text> : null}
      data-testid="job-drawer"
    >
      {job ? (
        <Detail job={job} onClosed={onClose} />
      ) : detail.isError ? (
        <ErrorAlert error={detail.error} title={t('jobs.detail.loadError')} text={errorText} onRetry={() => void detail.refetch()} retrying={detail.isFetching} />
      ) : (
        <Stack gap="sm">
          <Skeleton height={20} width="40%" />
          <Skeleton height={80} />
          <Skeleton height={160} />
        </Stack>
      )}
    </Drawer>
  );
}
