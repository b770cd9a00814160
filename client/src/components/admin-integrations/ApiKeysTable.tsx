import { Badge, Button, Code, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconKeyOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TApiKey } from '../../../../shared/api-keys.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatDate, formatExact } from '../../lib/format-time.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { API_KEY_STATUS_COLOR, apiKeyStatus, formatCount } from './integration-format.ts';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';

function ScopeCell({ apiKey, providerNames }: { apiKey: TApiKey; providerNames: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  if (apiKey.providers.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="api-key-scope" data-scope="all">
        {t('adminIntegrations.apiKeys.allProviders')}
      </Text>
    );
  }
  return (
    <Group gap={4} data-testid="api-key-scope" data-scope={apiKey.providers.join(',')}>
      {apiKey.providers.map((key) => (
        <Tooltip key={key} label={key}>
          <Badge variant="outline" color="gray" tt="none" style={{ minWidth: 'max-content' }}>
            {providerNames.get(key) ?? key}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

function ApiKeyRow({ apiKey, providerNames, onRevoke }: { apiKey: TApiKey; providerNames: ReadonlyMap<string, string>; onRevoke: (key: TApiKey) => void }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const status = apiKeyStatus(apiKey);
  const revoked = status === 'revoked';
  const statusBadge = (
    <Badge color={API_KEY_STATUS_COLOR[status]} variant="light" style={{ minWidth: 'max-content' }} data-testid="api-key-status" data-status={status}>
      {t(`adminIntegrations.apiKeys.status.${status}`)}
    </Badge>
  );
  return (
    <Table.Tr data-testid="api-key-row" data-key-id={apiKey.id} data-key-name={apiKey.name} data-status={status}>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm" fw={500} c={revoked ? 'dimmed' : undefined} td={revoked ? 'line-through' : undefined} data-testid="api-key-row-name">
            {apiKey.name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {apiKey.prefix}…
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <ScopeCell apiKey={apiKey} providerNames={providerNames} />
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Text span size="sm" ff="monospace">
          {formatCount(apiKey.ratePerMinute, ctx.locale)}
        </Text>
        <Text span size="xs" c="dimmed">
          {' '}
          {t('adminIntegrations.apiKeys.perMinute')}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Tooltip label={formatExact(apiKey.createdAt, ctx)}>
          <Text span size="sm" component="time" dateTime={apiKey.createdAt.toISOString()}>
            {formatDate(apiKey.createdAt, ctx)}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="api-key-last-used">
        <RelativeTime date={apiKey.lastUsedAt} />
      </Table.Td>
      <Table.Td>
        {apiKey.revokedAt ? (
          <Tooltip label={t('adminIntegrations.apiKeys.revokedAt', { time: formatExact(apiKey.revokedAt, ctx) })}>{statusBadge}</Tooltip>
        ) : (
          statusBadge
        )}
      </Table.Td>
      <Table.Td ta="right">
        {revoked ? null : (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            leftSection={<IconKeyOff size={14} />}
            onClick={() => onRevoke(apiKey)}
            aria-label={t('adminIntegrations.apiKeys.revokeNamed', { name: apiKey.name })}
            data-testid="api-key-revoke"
          >
            {t('adminIntegrations.apiKeys.revoke')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function ApiKeysTable({
  apiKeys,
  providerNames,
  loading,
  onRevoke,
}: {
  apiKeys: TApiKey[] | undefined;
  providerNames: ReadonlyMap<string, string>;
  loading: boolean;
  onRevoke: (key: TApiKey) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover data-testid="api-keys-table" aria-busy={loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('adminIntegrations.apiKeys.columns.name')}</Table.Th>
            <Table.Th>{t('adminIntegrations.apiKeys.columns.scope')}</Table.Th>
            <Table.Th ta="right">{t('adminIntegrations.apiKeys.columns.rate')}</Table.Th>
            <Table.Th>{t('adminIntegrations.apiKeys.columns.created')}</Table.Th>
            <Table.Th>{t('adminIntegrations.apiKeys.columns.lastUsed')}</Table.Th>
            <Table.Th>{t('adminIntegrations.apiKeys.columns.status')}</Table.Th>
            <Table.Th w={110} ta="right">
              <VisuallyHidden>{t('adminIntegrations.apiKeys.columns.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {apiKeys
            ? apiKeys.map((apiKey) => <ApiKeyRow key={apiKey.id} apiKey={apiKey} providerNames={providerNames} onRevoke={onRevoke} />)
            : <TableSkeletonRows rows={3} columns={7} narrow={{ column: 6, width: 48 }} testId="api-keys-loading-row" />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
