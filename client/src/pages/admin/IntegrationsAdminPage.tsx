import { Tabs } from '@mantine/core';
import { IconKey, IconPlugConnected } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ApiKeysPanel } from '../../components/admin-integrations/ApiKeysPanel.tsx';
import { ProvidersPanel } from '../../components/admin-integrations/ProvidersPanel.tsx';
import { readIntegrationsTab, writeIntegrationsTab, type IntegrationsTab } from './integrations-tab.ts';

/** Admin settings for integration health: the keys services post events with, and the provider catalog. */
export function IntegrationsAdminPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = readIntegrationsTab(params);

  return (
    <>
      <PageHeader title={t('adminIntegrations.title')} subtitle={t('adminIntegrations.subtitle')} />
      <Tabs
        value={tab}
        onChange={(value) => value && setParams((prev) => writeIntegrationsTab(prev, value as IntegrationsTab), { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="keys" leftSection={<IconKey size={16} />} data-testid="tab-api-keys">
            {t('adminIntegrations.tabs.apiKeys')}
          </Tabs.Tab>
          <Tabs.Tab value="providers" leftSection={<IconPlugConnected size={16} />} data-testid="tab-providers">
            {t('adminIntegrations.tabs.providers')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="keys">
          <ApiKeysPanel />
        </Tabs.Panel>
        <Tabs.Panel value="providers">
          <ProvidersPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
