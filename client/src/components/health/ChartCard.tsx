import type { ReactNode } from 'react';
import { Group, Paper, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type ChartMode = 'chart' | 'table';

/** A chart with its text alternative: the same numbers as a table, one toggle away. */
export function ChartCard({
  title,
  mode,
  onModeChange,
  actions,
  children,
  testId,
}: {
  title: string;
  mode: ChartMode;
  onModeChange: (mode: ChartMode) => void;
  actions?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid={testId} data-mode={mode}>
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Group gap="xs" wrap="wrap">
          {actions}
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(v) => onModeChange(v as ChartMode)}
            aria-label={t('health.chart.viewAs', { title })}
            data={[
              { value: 'chart', label: t('health.chart.chart') },
              { value: 'table', label: t('health.chart.table') },
            ]}
            data-testid={`${testId}-mode`}
          />
        </Group>
      </Group>
      {children}
    </Paper>
  );
}
