import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { SettingsErrorAlert } from './SettingsErrorAlert.tsx';
import { useInvalidateIcsLinks } from './use-invalidate-ics-links.ts';

/** Every link at once (a lost phone, a leaked URL): the count it will revoke, then the count it did. */
export function RevokeAllIcsLinksModal({ count, opened, onClose }: { count: number; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateLinks = useInvalidateIcsLinks();

  const revokeAll = useMutation(
    trpc.icsLinks.revokeAll.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async ({ revoked }) => {
        notifySuccess(revoked > 0 ? t('settings.calendar.revokeAllModal.success', { count: revoked }) : t('settings.calendar.revokeAllModal.none'));
        await invalidateLinks();
        close();
      },
    }),
  );

  function close() {
    revokeAll.reset();
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title={t('settings.calendar.revokeAllModal.title')} centered>
      <Stack gap="sm" data-testid="ics-revoke-all-modal">
        {revokeAll.isError ? <SettingsErrorAlert error={revokeAll.error} title={null} data-testid="ics-confirm-error" /> : null}
        <Text size="sm">{t('settings.calendar.revokeAllModal.body', { count })}</Text>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={close} disabled={revokeAll.isPending}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={revokeAll.isPending} onClick={() => revokeAll.mutate()} data-testid="ics-confirm">
            {t('settings.calendar.revokeAllModal.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
