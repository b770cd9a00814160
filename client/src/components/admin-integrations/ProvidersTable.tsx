import { Badge, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TProviderTier } from '../../../../shared/integrations.ts';
import { TierBadge } from './TierBadge.tsx';
import { useThresholdText } from './use-threshold-text.ts';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';

export type ProviderRow = {
  key: string;
  displayName: string;
  tier: TProviderTier;
  description: string;
  knownEvents: string[];
  degradedErrorRate: number;
  failingErrorRate: number;
  minErrors: number;
  builtIn: boolean;
};

const VISIBLE_EVENTS = 3;

function KnownEvents({ events }: { events: string[] }) {
  const { t } = useTranslation();
  if (events.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('adminIntegrations.providers.noKnownEvents')}
      </Text>
    );
  }
  const shown = events.slice(0, VISIBLE_EVENTS);
  const rest = events.slice(VISIBLE_EVENTS);
  return (
    <Group gap={4} data-testid="provider-events">
      {shown.map((event) => (
        <Code key={event} fz={11}>
          {event}
        </Code>
      ))}
      {rest.length ? (
        <Tooltip label={rest.join(', ')}>
          <Badge variant="transparent" color="gray" tt="none" px={2}>
            {t('adminIntegrations.providers.moreEvents', { count: rest.length })}
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}

function ProviderTableRow({ provider }: { provider: ProviderRow }) {
  const { t } = useTranslation();
  const thresholdText = useThresholdText();
  return (
    <Table.Tr data-testid="provider-row" data-provider={provider.key} data-tier={provider.tier} data-built-in={provider.builtIn}>
      <Table.Td>
        <Stack gap={2}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }} data-testid="provider-row-name">
              {provider.displayName}
            </Text>
            <Code fz={11} c="dimmed" data-testid="provider-row-key">
              {provider.key}
            </Code>
          </Group>
          {provider.description ? (
            <Tooltip label={provider.description} disabled={provider.description.length < 60}>
              <Text size="xs" c="dimmed" lineClamp={1} maw={340}>
                {provider.description}
              </Text>
            </Tooltip>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Tooltip label={t(`adminIntegrations.tiers.${provider.tier}.description`)}>
          <span>
            <TierBadge tier={provider.tier} data-testid="provider-row-tier" />
          </span>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Text size="xs" style={{ whiteSpace: 'nowrap' }} data-testid="provider-thresholds">
          {thresholdText(provider)}
        </Text>
      </Table.Td>
      <Table.Td>
        <KnownEvents events={provider.knownEvents} />
      </Table.Td>
      <Table.Td>
        {/* Built-in is the norm and stays quiet; a custom provider is what an admin looks for. */}
        {provider.builtIn ? (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="provider-source">
            {t('adminIntegrations.providers.builtIn')}
          </Text>
        ) : (
          <Badge variant="outline" color="indigo" style={{ minWidth: 'max-content' }} data-testid="provider-source">
            {t('adminIntegrations.providers.custom')}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function ProvidersTable({ providers, loading }: { providers: ProviderRow[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover data-testid="providers-table" aria-busy={loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('adminIntegrations.providers.columns.provider')}</Table.Th>
            <Table.Th>{t('adminIntegrations.providers.columns.tier')}</Table.Th>
            <Table.Th>{t('adminIntegrations.providers.columns.thresholds')}</Table.Th>
            <Table.Th>{t('adminIntegrations.providers.columns.knownEvents')}</Table.Th>
            <Table.Th>{t('adminIntegrations.providers.columns.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {providers
            ? providers.map((provider) => <ProviderTableRow key={provider.key} provider={provider} />)
            : <TableSkeletonRows rows={6} columns={5} testId="providers-loading-row" />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
