import { Anchor, Badge, ColorSwatch, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { JOB_DURATION_SAMPLE, type TJobDefinitionOverview, type TJobState } from '../../../../shared/jobs.ts';
import { useTimeContext } from '../../app/session.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';
import { JOB_STATE_COLOR, formatDuration } from './job-format.ts';

const COUNT_COLUMNS: readonly TJobState[] = ['running', 'queued', 'scheduled', 'failed', 'completed', 'disabled'];
/** States where a non-zero count needs attention get their colour; the rest stay plain. */
const LOUD: ReadonlySet<TJobState> = new Set(['failed', 'queued', 'running']);

function Count({ def, state, onPick }: { def: TJobDefinitionOverview; state: TJobState; onPick: (name: string, state: TJobState) => void }) {
  const n = def.counts[state];
  if (n === 0) {
    return (
      <Text size="sm" c="dimmed">
        0
      </Text>
    );
  }
  return (
    <Anchor
      component="button"
      size="sm"
      fw={LOUD.has(state) ? 700 : 400}
      c={LOUD.has(state) ? JOB_STATE_COLOR[state] : undefined}
      onClick={() => onPick(def.name, state)}
      data-testid={`jobs-count-${state}`}
    >
      {n}
    </Anchor>
  );
}

export function DefinitionsTable({ definitions, onPick }: { definitions: TJobDefinitionOverview[] | undefined; onPick: (name: string, state: TJobState | null) => void }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const dur = (ms: number | null) => formatDuration(ms, ctx.locale) ?? <Text span c="dimmed">—</Text>;
  return (
    <Paper withBorder data-testid="jobs-definitions">
      <Stack gap={2} p="sm">
        <Title order={3} fz="md">
          {t('jobs.definitions.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('jobs.definitions.description', { count: JOB_DURATION_SAMPLE })}
        </Text>
      </Stack>
      <Table.ScrollContainer minWidth={900}>
        <Table data-testid="jobs-definitions-table" highlightOnHover horizontalSpacing="xs" style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('jobs.definitions.columns.job')}</Table.Th>
              {COUNT_COLUMNS.map((s) => (
                <Table.Th key={s} ta="right">
                  {t(`jobs.state.${s}`)}
                </Table.Th>
              ))}
              <Table.Th ta="right">
                <Tooltip label={t('jobs.definitions.durationsHint', { count: JOB_DURATION_SAMPLE })} multiline maw={280}>
                  <span>{t('jobs.definitions.columns.durations')}</span>
                </Tooltip>
              </Table.Th>
              <Table.Th>{t('jobs.definitions.columns.lastRun')}</Table.Th>
              <Table.Th>{t('jobs.definitions.columns.nextRun')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {definitions ? (
              definitions.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={10}>
                    <Text size="sm" c="dimmed">
                      {t('jobs.definitions.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                definitions.map((d) => (
                  <Table.Tr key={d.name} data-testid="jobs-definition-row" data-job={d.name}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Anchor component="button" size="sm" ff="monospace" onClick={() => onPick(d.name, null)} data-testid="jobs-definition-name">
                          {d.name}
                        </Anchor>
                        {d.defined ? null : (
                          <Tooltip label={t('jobs.definitions.notDefinedHint')} multiline maw={280}>
                            <Badge color="red" variant="outline" size="xs">
                              {t('jobs.definitions.notDefined')}
                            </Badge>
                          </Tooltip>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed" data-testid="jobs-definition-every">
                        {d.every ? t('jobs.detail.every', { interval: d.every }) : t('jobs.definitions.oneOff')}
                      </Text>
                    </Table.Td>
                    {COUNT_COLUMNS.map((s) => (
                      <Table.Td key={s} ta="right">
                        <Count def={d} state={s} onPick={onPick} />
                      </Table.Td>
                    ))}
                    <Table.Td ta="right" data-testid="jobs-durations">
                      <Tooltip label={t('jobs.definitions.failures', { failures: d.durations.failures, samples: d.durations.samples })} disabled={d.durations.samples === 0}>
                        <Text size="sm" span>
                          {dur(d.durations.p50Ms)}
                          <Text span c="dimmed">
                            {' · '}
                          </Text>
                          {dur(d.durations.p95Ms)}
                          <Text span c="dimmed">
                            {' · '}
                          </Text>
                          {dur(d.durations.lastMs)}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {d.lastRun ? (
                        <Tooltip label={d.lastRun.ok === true ? t('jobs.definitions.runOk') : d.lastRun.ok === false ? t('jobs.definitions.runFailed') : t('jobs.definitions.runUnfinished')}>
                          <Group gap={6} wrap="nowrap" data-testid="jobs-last-run-outcome" data-ok={String(d.lastRun.ok)}>
                            <ColorSwatch size={10} color={`var(--mantine-color-${d.lastRun.ok === true ? 'green' : d.lastRun.ok === false ? 'red' : 'gray'}-6)`} withShadow={false} />
                            <RelativeTime date={d.lastRun.startedAt} />
                          </Group>
                        </Tooltip>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('jobs.definitions.noRuns')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {d.nextRunAt ? <RelativeTime date={d.nextRunAt} /> : <Text size="sm" c="dimmed">—</Text>}
                    </Table.Td>
                  </Table.Tr>
                ))
              )
            ) : (
              <TableSkeletonRows rows={4} columns={10} />
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
