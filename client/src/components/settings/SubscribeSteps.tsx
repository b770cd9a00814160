import { Accordion, Alert, Group, Stack, Text } from '@mantine/core';
import { IconBrandApple, IconBrandGoogle, IconBrandWindows, IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

function Step({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

function AppTitle({ icon, children }: { icon: React.ReactNode; children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap">
      {icon}
      <Text size="sm" fw={500}>
        {children}
      </Text>
    </Group>
  );
}

/** Where to paste the link in the three calendar apps people actually use. */
export function SubscribeSteps() {
  const { t } = useTranslation();
  return (
    <Accordion variant="contained" multiple defaultValue={['apple']} data-testid="ics-subscribe-steps">
      <Accordion.Item value="apple">
        <Accordion.Control>
          <AppTitle icon={<IconBrandApple size={18} />}>{t('settings.calendar.steps.apple.title')}</AppTitle>
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Step title={t('settings.calendar.steps.apple.macTitle')}>{t('settings.calendar.steps.apple.mac')}</Step>
            <Step title={t('settings.calendar.steps.apple.iphoneTitle')}>{t('settings.calendar.steps.apple.iphone')}</Step>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
      <Accordion.Item value="google">
        <Accordion.Control>
          <AppTitle icon={<IconBrandGoogle size={18} />}>{t('settings.calendar.steps.google.title')}</AppTitle>
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Step title={t('settings.calendar.steps.google.webTitle')}>{t('settings.calendar.steps.google.web')}</Step>
            <Alert variant="light" color="gray" icon={<IconClock size={16} />} p="xs">
              <Text size="sm">{t('settings.calendar.steps.google.note')}</Text>
            </Alert>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
      <Accordion.Item value="outlook">
        <Accordion.Control>
          <AppTitle icon={<IconBrandWindows size={18} />}>{t('settings.calendar.steps.outlook.title')}</AppTitle>
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Step title={t('settings.calendar.steps.outlook.webTitle')}>{t('settings.calendar.steps.outlook.web')}</Step>
            <Step title={t('settings.calendar.steps.outlook.desktopTitle')}>{t('settings.calendar.steps.outlook.desktop')}</Step>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
