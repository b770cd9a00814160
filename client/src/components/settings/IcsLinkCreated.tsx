import { Button, Divider, Group, Stack, Title, Tooltip } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ShownOnceSecret } from '../common/ShownOnceSecret.tsx';
import { SubscribeSteps } from './SubscribeSteps.tsx';

/** webcal:// hands the same feed to the system's calendar app (Apple Calendar, Outlook). */
function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}

/** The one and only view of a new link's URL, with the ways to use it. */
export function IcsLinkCreated({ url, onDone }: { url: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="ics-created">
      <ShownOnceSecret
        value={url}
        label={t('settings.calendar.created.url')}
        warningTitle={t('settings.calendar.created.warningTitle')}
        warning={t('settings.calendar.created.warning')}
        copyLabel={t('settings.calendar.created.copy')}
        copiedLabel={t('settings.calendar.created.copied')}
        testId="ics-created-url"
        copyTestId="ics-created-copy"
        copyMinWidth={140}
        extra={
          <Tooltip label={t('settings.calendar.created.openHint')}>
            <Button component="a" href={webcalUrl(url)} variant="default" leftSection={<IconCalendarPlus size={16} />}>
              {t('settings.calendar.created.open')}
            </Button>
          </Tooltip>
        }
      />

      <Divider />
      <Title order={4} fz="md">
        {t('settings.calendar.created.stepsTitle')}
      </Title>
      <SubscribeSteps />

      <Group justify="flex-end" mt="xs">
        <Button onClick={onDone} data-testid="ics-created-done">
          {t('settings.calendar.created.done')}
        </Button>
      </Group>
    </Stack>
  );
}
