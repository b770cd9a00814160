import { useMemo, useState } from 'react';
import { Button, Center, Code, EmptyState, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TApiKey } from '../../../../shared/api-keys.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import { ApiKeysTable } from './ApiKeysTable.tsx';
import { CreateApiKeyModal } from './CreateApiKeyModal.tsx';
import { RevokeApiKeyModal } from './RevokeApiKeyModal.tsx';
import { INGEST_PATH, apiKeyStatus } from './integration-format.ts';

export function ApiKeysPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const apiKeys = useQuery({ ...trpc.apiKeys.list.queryOptions(), meta: { inlineErrors: true } });
  // Names for the scope badges and the picker; the table still works (with keys) without them.
  const providers = useQuery({ ...trpc.integrations.providers.queryOptions(), meta: { inlineErrors: true } });
  const providerNames = useMemo(() => new Map((providers.data ?? []).map((p) => [p.key, p.displayName])), [providers.data]);

  const [createOpened, createModal] = useDisclosure(false);
  // The target outlives `opened` so the modal keeps its text while it animates out.
  const [revoking, setRevoking] = useState<{ apiKey: TApiKey; opened: boolean } | null>(null);

  const rows = apiKeys.data;
  const active = rows?.filter((k) => apiKeyStatus(k) === 'active').length ?? 0;

  return (
    <>
      <Paper withBorder>
        <Group p="sm" gap="sm" justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed" style={{ flex: '1 1 320px' }}>
            {t('adminIntegrations.apiKeys.intro')}{' '}
            <Code fz="xs" style={{ whiteSpace: 'nowrap' }}>
              POST {INGEST_PATH}
            </Code>{' '}
            <Code fz="xs" style={{ whiteSpace: 'nowrap' }}>
              Authorization: Bearer odk_…
            </Code>
          </Text>
          <Group gap="sm" wrap="nowrap">
            {apiKeys.isFetching && rows ? <Loader size={14} aria-label={t('adminIntegrations.apiKeys.loading')} /> : null}
            {rows && rows.length > 0 ? (
              <Text size="sm" c="dimmed" data-testid="api-keys-count">
                {t('adminIntegrations.apiKeys.count', { count: rows.length })} · {t('adminIntegrations.apiKeys.activeCount', { count: active })}
              </Text>
            ) : null}
            <Button size="sm" leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="api-key-new">
              {t('adminIntegrations.apiKeys.new')}
            </Button>
          </Group>
        </Group>

        {apiKeys.isError && !rows ? (
          <Stack p="sm">
            <AdminErrorAlert
              error={apiKeys.error}
              title={t('adminIntegrations.apiKeys.loadError')}
              onRetry={() => void apiKeys.refetch()}
              retrying={apiKeys.isFetching}
              data-testid="api-keys-error"
            />
          </Stack>
        ) : rows && rows.length === 0 ? (
          <Center p="xl">
            <EmptyState
              icon={<IconKey size={26} />}
              withIndicatorBackground
              title={t('adminIntegrations.apiKeys.empty.title')}
              description={t('adminIntegrations.apiKeys.empty.description')}
              data-testid="api-keys-empty"
            >
              <EmptyState.Actions>
                <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={createModal.open}>
                  {t('adminIntegrations.apiKeys.new')}
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          </Center>
        ) : (
          <ApiKeysTable
            apiKeys={rows}
            providerNames={providerNames}
            loading={apiKeys.isFetching}
            onRevoke={(apiKey) => setRevoking({ apiKey, opened: true })}
          />
        )}
      </Paper>

      <CreateApiKeyModal opened={createOpened} onClose={createModal.close} providers={providers.data} providersLoading={providers.isPending} />
      <RevokeApiKeyModal
        apiKey={revoking?.apiKey ?? null}
        opened={revoking?.opened ?? false}
        onClose={() => setRevoking((current) => (current ? { ...current, opened: false } : null))}
      />
    </>
  );
}
