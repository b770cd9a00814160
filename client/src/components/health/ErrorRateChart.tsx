import { useMemo, useState } from 'react';
import { Box, Chip, ColorSwatch, Group, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { TProviderSummary, TTimeseriesOutput } from '../../../../shared/integration-health.ts';
import { chartDensity, defaultVisibleKeys, overviewRows, rateAxisMax, seriesColor, type OverviewRow } from './chart-data.ts';
import { ChartCard, type ChartMode } from './ChartCard.tsx';
import { isolatedDot } from './isolated-dot.tsx';
import { AXIS, useChartFormat, type ChartFormat } from './use-chart-format.ts';

/** What a custom tooltip reads: whether it is shown and the hovered row. */
type TooltipProps = { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }> };

type SeriesInfo = { key: string; name: string; color: string };

function RateTooltip({ active, payload, series, fmt }: TooltipProps & { series: SeriesInfo[]; fmt: ChartFormat }) {
  const { t } = useTranslation();
  const row = payload?.[0]?.payload as OverviewRow | undefined;
  if (!active || !row) return null;
  const lines = series
    .map((s) => ({ ...s, rate: row.rates[s.key] ?? null, counts: row.counts[s.key] ?? { errors: 0, total: 0 } }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1));
  return (
    <Paper withBorder shadow="sm" p="xs" data-testid="chart-tooltip">
      <Text size="xs" fw={600} mb={4}>
        {fmt.bucket(row.t)}
      </Text>
      <Stack gap={2}>
        {lines.map((l) => (
          <Group key={l.key} gap={6} wrap="nowrap" justify="space-between">
            <Group gap={6} wrap="nowrap">
              <ColorSwatch color={l.color} size={8} withShadow={false} />
              <Text size="xs">{l.name}</Text>
            </Group>
            <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {l.counts.total
                ? t('health.chart.rateWithCounts', { rate: fmt.rate(l.rate), errors: fmt.count(l.counts.errors), total: fmt.count(l.counts.total) })
                : t('health.chart.noTraffic')}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** Error rate over time per provider (overview). The legend's chips toggle providers. */
export function ErrorRateChart({ ts, providers }: { ts: TTimeseriesOutput; providers: readonly TProviderSummary[] }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<ChartMode>('chart');
  const rows = useMemo(() => overviewRows(ts.series), [ts.series]);
  const names = new Map(providers.map((p) => [p.provider, p.displayName]));
  // Legend order follows the cards (worst first); colours stay with a provider while the data refreshes.
  const keys = useMemo(() => {
    const rank = new Map(providers.map((p, i) => [p.provider, i]));
    return ts.series.map((s) => s.key).sort((a, b) => (rank.get(a) ?? 99) - (rank.get(b) ?? 99) || a.localeCompare(b));
  }, [ts.series, providers]);
  const series: SeriesInfo[] = keys.map((key, i) => ({ key, name: names.get(key) ?? key, color: seriesColor(i) }));
  const [chosen, setChosen] = useState<string[] | null>(null);
  const visible = chosen ?? defaultVisibleKeys(providers, keys);
  const shown = series.filter((s) => visible.includes(s.key));
  const fmt = useChartFormat(ts.bucketMs, ts.to.getTime() - ts.from.getTime());
  const density = chartDensity(rows.length, shown.length);
  const yMax = rateAxisMax(rows, visible);

  // Kept in legend order, so the worst provider is drawn (and listed) first whatever was toggled.
  const toggle = (key: string) =>
    setChosen((prev) => {
      const base = new Set(prev ?? visible);
      if (base.has(key)) base.delete(key);
      else base.add(key);
      return keys.filter((k) => base.has(k));
    });

  return (
    <ChartCard title={t('health.overview.chartTitle')} mode={mode} onModeChange={setMode} testId="error-rate-chart">
      <Group gap={6} mb="xs" role="group" aria-label={t('health.chart.legend')} data-testid="chart-legend">
        {series.map((s) => (
          <Chip
            key={s.key}
            size="xs"
            variant="outline"
            checked={visible.includes(s.key)}
            onChange={() => toggle(s.key)}
            icon={<ColorSwatch color={s.color} size={8} withShadow={false} />}
            styles={{ label: { paddingInline: 8 } }}
            data-testid="legend-item"
            data-key={s.key}
          >
            {s.name}
          </Chip>
        ))}
      </Group>
      {series.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="xl" data-testid="chart-empty">
          {t('health.chart.empty')}
        </Text>
      ) : mode === 'chart' ? (
        <Box h={260} data-testid="chart-svg" data-visible={visible.join(',')} data-points={rows.length} data-dots={density.dots}>
          <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 800, height: 260 }}>
            <LineChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={AXIS.grid} strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="t" tickFormatter={fmt.tick} tick={AXIS.tick} axisLine={AXIS.line} tickLine={false} minTickGap={40} />
              <YAxis domain={[0, yMax]} ticks={[0, yMax / 4, yMax / 2, (3 * yMax) / 4, yMax]} tickFormatter={fmt.axisRate} tick={AXIS.tick} axisLine={false} tickLine={false} width={48} />
              <Tooltip content={(props) => <RateTooltip {...props} series={shown} fmt={fmt} />} isAnimationActive={false} />
              {shown.map((s) => (
                <Line
                  key={s.key}
                  name={s.name}
                  dataKey={(row: OverviewRow) => row.rates[s.key] ?? null}
                  stroke={s.color}
                  strokeWidth={1.75}
                  dot={density.dots ? { r: 2 } : isolatedDot(rows.map((r) => r.rates[s.key]))}
                  activeDot={{ r: 3 }}
                  isAnimationActive={density.animate}
                  connectNulls={false}
                  className={`series-${s.key}`}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </Box>
      ) : (
        <ScrollArea h={300} type="auto">
          <Table stickyHeader striped data-testid="chart-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('health.chart.time', { zone: fmt.timeZone })}</Table.Th>
                {shown.map((s) => (
                  <Table.Th key={s.key} ta="right">
                    {s.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.t}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.bucket(row.t)}</Table.Td>
                  {shown.map((s) => {
                    const c = row.counts[s.key] ?? { errors: 0, total: 0 };
                    return (
                      <Table.Td key={s.key} ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                        {c.total ? t('health.chart.rateWithCounts', { rate: fmt.rate(row.rates[s.key]), errors: fmt.count(c.errors), total: fmt.count(c.total) }) : '—'}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </ChartCard>
  );
}
