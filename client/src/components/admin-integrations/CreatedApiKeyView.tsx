import { ActionIcon, Alert, Box, Button, Code, CopyButton, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The one and only view of a new key, with a request that uses it. */
export function CreatedApiKeyView({ name, secret, curl, onDone }: { name: string; secret: string; curl: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="api-key-created">
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={t('adminIntegrations.created.warningTitle')}>
        <Text size="sm">{t('adminIntegrations.created.warning', { name })}</Text>
      </Alert>

      <CopyButton value={secret} timeout={2000}>
        {({ copied, copy }) => (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t('adminIntegrations.created.key')}
              value={secret}
              readOnly
              autoComplete="off"
              spellCheck={false}
              onFocus={(event) => event.currentTarget.select()}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' } }}
              style={{ flex: '1 1 320px', minWidth: 0 }}
              data-autofocus
              data-testid="api-key-created-value"
            />
            <Button
              onClick={copy}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              miw={130}
              data-testid="api-key-created-copy"
            >
              {copied ? t('adminIntegrations.created.copied') : t('adminIntegrations.created.copy')}
            </Button>
          </Group>
        )}
      </CopyButton>

      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={500}>
            {t('adminIntegrations.created.curlTitle')}
          </Text>
          <CopyButton value={curl} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('adminIntegrations.created.copied') : t('adminIntegrations.created.copyCurl')}>
                <ActionIcon
                  variant="subtle"
                  color={copied ? 'teal' : 'gray'}
                  onClick={copy}
                  aria-label={t('adminIntegrations.created.copyCurl')}
                  data-testid="api-key-created-curl-copy"
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Box style={{ overflowX: 'auto' }}>
          <Code block fz="xs" data-testid="api-key-created-curl" style={{ whiteSpace: 'pre' }}>
            {curl}
          </Code>
        </Box>
        <Text size="xs" c="dimmed">
          {t('adminIntegrations.created.curlHint')}
        </Text>
      </Stack>

      <Group justify="flex-end" mt="xs">
        <Button onClick={onDone} data-testid="api-key-created-done">
          {t('adminIntegrations.created.done')}
        </Button>
      </Group>
    </Stack>
  );
}
