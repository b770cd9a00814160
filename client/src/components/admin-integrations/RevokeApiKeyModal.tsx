import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TApiKey } from '../../../../shared/api-keys.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import { useInvalidateApiKeys } from './use-admin-messages.ts';

/** Names the key and says what stops working, then revokes on one click. */
export function RevokeApiKeyModal({ apiKey, opened, onClose }: { apiKey: TApiKey | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateApiKeys = useInvalidateApiKeys();

  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (revoked) => {
        notifySuccess(t('adminIntegrations.revoke.success', { name: revoked.name }));
        await invalidateApiKeys();
        close();
      },
    }),
  );

  function close() {
    revoke.reset();
    onClose();
  }

  if (!apiKey) return null;

  return (
    <Modal opened={opened} onClose={close} title={t('adminIntegrations.revoke.title', { name: apiKey.name })} centered>
      <Stack gap="sm" data-testid="api-key-revoke-modal">
        {revoke.isError ? <AdminErrorAlert error={revoke.error} title={null} data-testid="api-key-revoke-error" /> : null}
        <Text size="sm">{t('adminIntegrations.revoke.body', { name: apiKey.name, prefix: apiKey.prefix })}</Text>
        <Text size="sm" c="dimmed">
          {t('adminIntegrations.revoke.permanent')}
        </Text>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={close} disabled={revoke.isPending}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate({ id: apiKey.id })} data-testid="api-key-confirm">
            {t('adminIntegrations.revoke.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
