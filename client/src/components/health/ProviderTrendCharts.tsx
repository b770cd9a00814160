import { useMemo, useState, type ReactNode } from 'react';
import { Box, Button, Group, Paper, ScrollArea, SimpleGrid, Stack, Switch, Table, Text } from '@mantine/core';
import { Bar, CartesianGrid, ComposedChart, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { TTimeseriesOutput } from '../../../../shared/integration-health.ts';
import { chartDensity, providerRows, rateAxisMax, type ProviderRow } from './chart-data.ts';
import { ChartCard, type ChartMode } from './ChartCard.tsx';
import { isolatedDot } from './isolated-dot.tsx';
import { AXIS, useChartFormat, type ChartFormat } from './use-chart-format.ts';
import { markerBuckets, type ReleaseMarker } from '../releases/use-release-markers.ts';

const CURRENT = 'var(--mantine-color-indigo-6)';
const PREVIOUS = 'var(--mantine-color-gray-5)';
const P95 = 'var(--mantine-color-grape-6)';

/** What a custom tooltip reads: whether it is shown and the hovered row. */
type TooltipProps = { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }> };

type Kind = 'rate' | 'volume' | 'latency';

function TrendTooltip({ active, payload, kind, fmt, withPrevious }: TooltipProps & { kind: Kind; fmt: ChartFormat; withPrevious: boolean }) {
  const { t } = useTranslation();
  const row = payload?.[0]?.payload as ProviderRow | undefined;
  if (!active || !row) return null;
  const counts = (rate: number | null | undefined, errors: number, total: number) =>
    total ? t('health.chart.rateWithCounts', { rate: fmt.rate(rate), errors: fmt.count(errors), total: fmt.count(total) }) : t('health.chart.noTraffic');
  return (
    <Paper withBorder shadow="sm" p="xs" data-testid="chart-tooltip">
      <Text size="xs" fw={600}>
        {fmt.bucket(row.t)}
      </Text>
      {kind === 'latency' ? (
        <Text size="xs">{t('health.provider.latencyValues', { p50: fmt.latency(row.p50Ms), p95: fmt.latency(row.p95Ms) })}</Text>
      ) : (
        <Text size="xs">{counts(row.rate, row.errors, row.total)}</Text>
      )}
      {withPrevious && kind !== 'latency' && row.prevT !== undefined ? (
        <Text size="xs" c="dimmed">
          {t('health.provider.previousAt', { time: fmt.bucket(row.prevT) })}: {counts(row.prevRate, row.prevErrors ?? 0, row.prevTotal ?? 0)}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" mt={4}>
        {t('health.provider.clickToFilter')}
      </Text>
    </Paper>
  );
}

/**
 * Error rate, volume and latency of one provider over the window, the previous period dashed
 * behind them. Clicking a bucket (or its row in the table) filters the event list to it.
 */
export function ProviderTrendCharts({
  ts,
  provider,
  selected,
  onBucket,
  releases = [],
}: {
  ts: TTimeseriesOutput;
  provider: string;
  selected: number | null;
  onBucket: (t: number) => void;
  /** Releases in the window, drawn as labelled vertical lines on each chart (IH-8). */
  releases?: readonly ReleaseMarker[];
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<ChartMode>('chart');
  const [withPrevious, setWithPrevious] = useState(true);
  const rows = useMemo(() => providerRows(ts, provider), [ts, provider]);
  const fmt = useChartFormat(ts.bucketMs, ts.to.getTime() - ts.from.getTime());
  // About 30 px per label at 1280 px: closer releases share one marker.
  const marks = useMemo(() => markerBuckets(releases, rows.map((r) => r.t), Math.max(1, Math.ceil(rows.length / 12))), [releases, rows]);
  const density = chartDensity(rows.length, withPrevious ? 2 : 1);
  const showPrev = withPrevious && ts.previous !== null;
  const yMax = rateAxisMax(showPrev ? rows : rows.map((r) => ({ rate: r.rate })));

  const click = (state: { activeTooltipIndex?: number | string | null | undefined }) => {
    const row = rows[Number(state?.activeTooltipIndex)];
    if (row) onBucket(row.t);
  };
  const common = {
    data: rows,
    margin: { top: 6, right: 12, bottom: 0, left: 0 },
    onClick: click,
    style: { cursor: 'pointer' },
  };
  const axes = (y: ReactNode) => (
    <>
      <CartesianGrid stroke={AXIS.grid} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="t" tickFormatter={fmt.tick} tick={AXIS.tick} axisLine={AXIS.line} tickLine={false} minTickGap={40} />
      {y}
      {selected !== null ? <ReferenceLine x={selected} stroke="var(--mantine-color-red-5)" strokeDasharray="4 2" /> : null}
      {marks.map((m) => (
        <ReferenceLine key={`release-${m.t}`} x={m.t} stroke="var(--mantine-color-teal-6)" strokeDasharray="2 3" className="release-marker" label={{ value: m.label, position: 'insideTopRight', fontSize: 10, fill: 'var(--mantine-color-teal-7)' }} />
      ))}
    </>
  );
  const line = (key: keyof ProviderRow, color: string, opts: { dashed?: boolean; name: string }) => (
    <Line
      key={String(key)}
      dataKey={key}
      name={opts.name}
      stroke={color}
      strokeWidth={opts.dashed ? 1.25 : 1.75}
      strokeDasharray={opts.dashed ? '5 4' : undefined}
      dot={density.dots ? { r: 2 } : isolatedDot(rows.map((r) => r[key] as number | null | undefined))}
      activeDot={{ r: 3 }}
      isAnimationActive={density.animate}
      connectNulls={false}
      className={`series-${String(key)}`}
    />
  );
  const height = 200;

  return (
    <ChartCard
      title={t('health.provider.trendsTitle')}
      mode={mode}
      onModeChange={setMode}
      testId="provider-trends"
      actions={
        <Switch size="xs" label={t('health.provider.showPrevious')} checked={withPrevious} onChange={(e) => setWithPrevious(e.currentTarget.checked)} data-testid="toggle-previous" />
      }
    >
      {mode === 'chart' ? (
        <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="sm">
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600}>
              {t('health.provider.errorRate')}
            </Text>
            <Box h={height} data-testid="chart-rate" data-points={rows.length} data-bucket-ms={ts.bucketMs}>
              <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 400, height }}>
                <LineChart {...common}>
                  {axes(<YAxis domain={[0, yMax]} ticks={[0, yMax / 4, yMax / 2, (3 * yMax) / 4, yMax]} tickFormatter={fmt.axisRate} tick={AXIS.tick} axisLine={false} tickLine={false} width={44} />)}
                  <Tooltip content={(p) => <TrendTooltip {...p} kind="rate" fmt={fmt} withPrevious={showPrev} />} isAnimationActive={false} />
                  {showPrev ? line('prevRate', PREVIOUS, { dashed: true, name: t('health.provider.previous') }) : null}
                  {line('rate', CURRENT, { name: t('health.provider.errorRate') })}
                </LineChart>
              </ResponsiveContainer>
            </Box>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600}>
              {t('health.provider.volume')}
            </Text>
            <Box h={height} data-testid="chart-volume">
              <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 400, height }}>
                <ComposedChart {...common}>
                  {axes(<YAxis tickFormatter={fmt.count} tick={AXIS.tick} axisLine={false} tickLine={false} width={44} allowDecimals={false} />)}
                  <Tooltip content={(p) => <TrendTooltip {...p} kind="volume" fmt={fmt} withPrevious={showPrev} />} isAnimationActive={false} />
                  <Bar dataKey="total" name={t('health.provider.volume')} fill="var(--mantine-color-indigo-3)" isAnimationActive={density.animate} />
                  <Bar dataKey="errors" name={t('health.provider.errors')} fill="var(--mantine-color-red-5)" isAnimationActive={density.animate} />
                  {showPrev ? line('prevTotal', PREVIOUS, { dashed: true, name: t('health.provider.previous') }) : null}
                </ComposedChart>
              </ResponsiveContainer>
            </Box>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600}>
              {t('health.provider.latency')}
            </Text>
            <Box h={height} data-testid="chart-latency">
              <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 400, height }}>
                <LineChart {...common}>
                  {axes(<YAxis tickFormatter={(v: number) => fmt.latency(v)} tick={AXIS.tick} axisLine={false} tickLine={false} width={52} />)}
                  <Tooltip content={(p) => <TrendTooltip {...p} kind="latency" fmt={fmt} withPrevious={false} />} isAnimationActive={false} />
                  {line('p50Ms', CURRENT, { name: 'p50' })}
                  {line('p95Ms', P95, { name: 'p95' })}
                </LineChart>
              </ResponsiveContainer>
            </Box>
          </Stack>
        </SimpleGrid>
      ) : (
        <ScrollArea h={320} type="auto">
          <Table stickyHeader striped data-testid="trend-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('health.chart.time', { zone: fmt.timeZone })}</Table.Th>
                <Table.Th ta="right">{t('health.provider.errorRate')}</Table.Th>
                <Table.Th ta="right">{t('health.provider.errors')}</Table.Th>
                <Table.Th ta="right">{t('health.provider.volume')}</Table.Th>
                {ts.previous ? <Table.Th ta="right">{t('health.provider.previousRate')}</Table.Th> : null}
                <Table.Th ta="right">p50</Table.Th>
                <Table.Th ta="right">p95</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.t} data-testid="trend-row" data-selected={selected === r.t} bg={selected === r.t ? 'var(--mantine-color-red-light)' : undefined}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.bucket(r.t)}</Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{fmt.rate(r.rate)}</Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{fmt.count(r.errors)}</Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{fmt.count(r.total)}</Table.Td>
                  {ts.previous ? (
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {fmt.rate(r.prevRate)}
                    </Table.Td>
                  ) : null}
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{fmt.latency(r.p50Ms)}</Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{fmt.latency(r.p95Ms)}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" onClick={() => onBucket(r.t)} disabled={r.total === 0} data-testid="trend-row-filter">
                      {t('health.provider.showEvents')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <Group gap="md" mt={6}>
        <Text size="xs" c="dimmed">
          {t('health.provider.bucket', { size: bucketLabel(ts.bucketMs, t) })}
        </Text>
      </Group>
    </ChartCard>
  );
}

function bucketLabel(ms: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? t('health.provider.minutes', { count: minutes }) : t('health.provider.hours', { count: Math.round(minutes / 60) });
}
