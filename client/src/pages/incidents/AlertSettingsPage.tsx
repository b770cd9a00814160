import { Anchor, Group, Tabs } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePatchSearchParams } from '../../lib/use-patch-search-params.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { RulesPanel } from '../../components/incidents/RulesPanel.tsx';
import { ChannelsPanel } from '../../components/incidents/ChannelsPanel.tsx';
import { MutesPanel } from '../../components/incidents/MutesPanel.tsx';

const TABS = ['rules', 'channels', 'mutes'] as const;
type Tab = (typeof TABS)[number];

/** Admins: alert rules per provider, notification channels and mutes; the tab is in the URL. */
export function AlertSettingsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const patch = usePatchSearchParams();
  const raw = params.get('tab');
  const tab: Tab = TABS.includes(raw as Tab) ? (raw as Tab) : 'rules';
  return (
    <>
      <Anchor component={Link} to="/incidents" size="xs">
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={14} />
          {t('incidents.detail.back')}
        </Group>
      </Anchor>
      <PageHeader title={t('incidents.settings.title')} subtitle={t('incidents.settings.subtitle')} />
      <Tabs
        value={tab}
        onChange={(v) =>
          patch((live) => {
            live.set('tab', v ?? 'rules');
            return live;
          })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`alert-settings-tab-${k}`}>
              {t(`incidents.settings.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="rules">
          <RulesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="channels">
          <ChannelsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="mutes">
          <MutesPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
