import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TIcsLink } from '../../../../shared/ics.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { SettingsErrorAlert } from './SettingsErrorAlert.tsx';
import { useInvalidateIcsLinks } from './use-invalidate-ics-links.ts';

/** Says what revoking does, then does it once. */
export function RevokeIcsLinkModal({ link, opened, onClose }: { link: TIcsLink | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateLinks = useInvalidateIcsLinks();

  const revoke = useMutation(
    trpc.icsLinks.revoke.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async () => {
        if (link) notifySuccess(t('settings.calendar.revokeModal.success', { name: link.name }));
        await invalidateLinks();
        close();
      },
    }),
  );

  function close() {
    revoke.reset();
    onClose();
  }

  if (!link) return null;
  return (
    <Modal opened={opened} onClose={close} title={t('settings.calendar.revokeModal.title', { name: link.name })} centered>
      <Stack gap="sm" data-testid="ics-revoke-modal">
        {revoke.isError ? <SettingsErrorAlert error={revoke.error} title={null} data-testid="ics-confirm-error" /> : null}
        <Text size="sm">{t('settings.calendar.revokeModal.body')}</Text>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={close} disabled={revoke.isPending}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate({ id: link.id })} data-testid="ics-confirm">
            {t('settings.calendar.revokeModal.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
