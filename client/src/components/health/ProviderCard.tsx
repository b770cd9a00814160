import { Card, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TProviderSummary } from '../../../../shared/integration-health.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatCount } from '../admin-integrations/integration-format.ts';
import { TierBadge } from '../admin-integrations/TierBadge.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { formatLatency, formatRate, statusDisplay } from './health-status.ts';
import { Sparkline } from './Sparkline.tsx';
import { StatusBadge } from './StatusBadge.tsx';

function Stat({ label, value, testId, hint }: { label: string; value: string | null; testId: string; hint?: string }) {
  const { t } = useTranslation();
  const text = (
    <Text size="sm" fw={600} c={value === null ? 'dimmed' : undefined} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={testId}>
      {value ?? t('health.card.none')}
    </Text>
  );
  return (
    <Stack gap={0} align="flex-end">
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      {/* A Tooltip only where there is a hint: even disabled, each one sets up its floating-ui
          hooks, and the overview renders three stats on each of its 19 cards. */}
      {hint ? <Tooltip label={hint}>{text}</Tooltip> : text}
    </Stack>
  );
}

const SPARK_COLOR: Record<string, string> = {
  failing: 'var(--mantine-color-red-6)',
  degraded: 'var(--mantine-color-yellow-6)',
  healthy: 'var(--mantine-color-green-6)',
  no_data: 'var(--mantine-color-gray-5)',
};

/** One provider in the window: status, rate, volume, p95 and the rate's shape; opens the provider page. */
export function ProviderCard({ summary, search }: { summary: TProviderSummary; search: string }) {
  const { t } = useTranslation();
  const { locale } = useTimeContext();
  const d = statusDisplay(summary);
  const rate = formatRate(summary.errorRate, locale);
  return (
    <Card
      withBorder
      padding="sm"
      component={Link}
      to={`/health/providers/${summary.provider}${search}`}
      aria-label={t('health.card.open', { name: summary.displayName, status: t(d.labelKey) })}
      style={{ borderLeft: `4px solid var(--mantine-color-${d.color}-6)` }}
      data-testid="provider-card"
      data-provider={summary.provider}
      data-status={d.status}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={600} size="sm" truncate data-testid="provider-card-name">
            {summary.displayName}
          </Text>
          <StatusBadge status={summary.status} tier={summary.tier} />
        </Group>
        <Group gap={6} wrap="nowrap">
          <TierBadge tier={summary.tier} />
          {summary.tier === 'NON_BLOCKING' ? (
            <Text size="xs" c="dimmed" truncate>
              {t('health.card.nonBlocking')}
            </Text>
          ) : null}
        </Group>
        <SimpleGrid cols={3} spacing="xs">
          <Stat
            label={t(d.rateKey)}
            value={rate}
            testId="provider-card-rate"
            hint={summary.volume ? t('health.card.errorsOf', { errors: formatCount(summary.errors, locale), total: formatCount(summary.volume, locale) }) : undefined}
          />
          <Stat label={t('health.card.volume')} value={summary.volume ? formatCount(summary.volume, locale) : null} testId="provider-card-volume" />
          <Stat label={t('health.card.p95')} value={formatLatency(summary.p95Ms, locale)} testId="provider-card-p95" />
        </SimpleGrid>
        <Sparkline values={summary.sparkline} color={SPARK_COLOR[d.status]!} label={t('health.card.sparkline', { name: summary.displayName })} />
        <Group gap={4} wrap="nowrap" style={{ minHeight: 20 }}>
          {summary.lastErrorAt ? (
            <>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('health.card.lastError')}
              </Text>
              <span style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
                <RelativeTime date={summary.lastErrorAt} size="xs" />
              </span>
              {summary.lastErrorMessage ? (
                <Text size="xs" c="dimmed" truncate title={summary.lastErrorMessage}>
                  · {summary.lastErrorMessage}
                </Text>
              ) : null}
            </>
          ) : (
            <Text size="xs" c="dimmed">
              {t('health.card.noErrors')}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
