import { Button, Center, EmptyState, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import { CreateProviderModal } from './CreateProviderModal.tsx';
import { ProvidersTable } from './ProvidersTable.tsx';

export function ProvidersPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const providers = useQuery({ ...trpc.integrations.providers.queryOptions(), meta: { inlineErrors: true } });
  const [createOpened, createModal] = useDisclosure(false);
  const rows = providers.data;
  const custom = rows?.filter((p) => !p.builtIn).length ?? 0;

  return (
    <>
      <Paper withBorder>
        <Group p="sm" gap="sm" justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed" style={{ flex: '1 1 320px' }}>
            {t('adminIntegrations.providers.intro')}
          </Text>
          <Group gap="sm" wrap="nowrap">
            {providers.isFetching && rows ? <Loader size={14} aria-label={t('adminIntegrations.providers.loading')} /> : null}
            {rows && rows.length > 0 ? (
              <Text size="sm" c="dimmed" data-testid="providers-count">
                {t('adminIntegrations.providers.count', { count: rows.length })} · {t('adminIntegrations.providers.customCount', { count: custom })}
              </Text>
            ) : null}
            <Button size="sm" leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="provider-new">
              {t('adminIntegrations.providers.new')}
            </Button>
          </Group>
        </Group>

        {providers.isError && !rows ? (
          <Stack p="sm">
            <AdminErrorAlert
              error={providers.error}
              title={t('adminIntegrations.providers.loadError')}
              onRetry={() => void providers.refetch()}
              retrying={providers.isFetching}
              data-testid="providers-error"
            />
          </Stack>
        ) : rows && rows.length === 0 ? (
          <Center p="xl">
            <EmptyState
              icon={<IconPlugConnected size={26} />}
              withIndicatorBackground
              title={t('adminIntegrations.providers.empty.title')}
              description={t('adminIntegrations.providers.empty.description')}
              data-testid="providers-empty"
            >
              <EmptyState.Actions>
                <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={createModal.open}>
                  {t('adminIntegrations.providers.new')}
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          </Center>
        ) : (
          <ProvidersTable providers={rows} loading={providers.isFetching} />
        )}
      </Paper>
      <CreateProviderModal opened={createOpened} onClose={createModal.close} />
    </>
  );
}
