import { Alert, Button, CopyButton, Divider, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCalendarPlus, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
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
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={t('settings.calendar.created.warningTitle')}>
        <Text size="sm">{t('settings.calendar.created.warning')}</Text>
      </Alert>

      <CopyButton value={url} timeout={2000}>
        {({ copied, copy }) => (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t('settings.calendar.created.url')}
              value={url}
              readOnly
              autoComplete="off"
              spellCheck={false}
              onFocus={(event) => event.currentTarget.select()}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' } }}
              style={{ flex: '1 1 320px', minWidth: 0 }}
              data-autofocus
              data-testid="ics-created-url"
            />
            <Group gap="xs" wrap="wrap">
              <Button
                onClick={copy}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                miw={140}
                data-testid="ics-created-copy"
              >
                {copied ? t('settings.calendar.created.copied') : t('settings.calendar.created.copy')}
              </Button>
              <Tooltip label={t('settings.calendar.created.openHint')}>
                <Button component="a" href={webcalUrl(url)} variant="default" leftSection={<IconCalendarPlus size={16} />}>
                  {t('settings.calendar.created.open')}
                </Button>
              </Tooltip>
            </Group>
          </Group>
        )}
      </CopyButton>

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
