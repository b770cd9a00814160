import { ActionIcon, Box, Button, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ShownOnceSecret } from '../common/ShownOnceSecret.tsx';

/** The one and only view of a new key, with a request that uses it. */
export function CreatedApiKeyView({ name, secret, curl, onDone }: { name: string; secret: string; curl: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="api-key-created">
      <ShownOnceSecret
        value={secret}
        label={t('adminIntegrations.created.key')}
        warningTitle={t('adminIntegrations.created.warningTitle')}
        warning={t('adminIntegrations.created.warning', { name })}
        copyLabel={t('adminIntegrations.created.copy')}
        copiedLabel={t('adminIntegrations.created.copied')}
        testId="api-key-created-value"
        copyTestId="api-key-created-copy"
      />

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
