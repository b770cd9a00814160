import { Code, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TJobSummary } from '../../../../shared/jobs.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';
import { JobStateBadge } from './JobStateBadge.tsx';
import { dataPreview } from './job-format.ts';

export function JobsTable({ jobs, onOpen }: { jobs: TJobSummary[] | undefined; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table data-testid="jobs-table" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('jobs.list.columns.job')}</Table.Th>
            <Table.Th>{t('jobs.list.columns.state')}</Table.Th>
            <Table.Th>{t('jobs.list.columns.data')}</Table.Th>
            <Table.Th>{t('jobs.list.columns.lastRun')}</Table.Th>
            <Table.Th>{t('jobs.list.columns.nextRun')}</Table.Th>
            <Table.Th>{t('jobs.list.columns.failure')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs
            ? jobs.map((j) => {
                const preview = dataPreview(j.data);
                return (
                  <Table.Tr key={j.id} style={{ cursor: 'pointer' }} onClick={() => onOpen(j.id)} data-testid="jobs-row" data-job-id={j.id} data-state={j.state}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {j.name}
                      </Text>
                      {j.repeatInterval ? (
                        <Text size="xs" c="dimmed">
                          {j.repeatInterval}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <JobStateBadge state={j.state} />
                    </Table.Td>
                    <Table.Td maw={280}>
                      {preview ? (
                        <Code fz={11} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'block' }}>
                          {preview}
                        </Code>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('jobs.list.noData')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <RelativeTime date={j.lastRunAt} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {j.nextRunAt && !j.disabled ? <RelativeTime date={j.nextRunAt} /> : <Text size="sm" c="dimmed">—</Text>}
                    </Table.Td>
                    <Table.Td maw={320}>
                      {j.state === 'failed' && j.failReason ? (
                        <Tooltip label={j.failReason} multiline maw={420}>
                          <Text size="sm" c="red" lineClamp={1} data-testid="jobs-row-failure">
                            {j.failReason}
                          </Text>
                        </Tooltip>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })
            : <TableSkeletonRows rows={5} columns={6} />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
