import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TUserListItem } from '../../../../shared/users.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useInvalidateUsers } from './use-invalidate-users.ts';

/** Disable or enable, depending on the user's current state; says what happens before it does it. */
export function SetDisabledModal({ user, opened, onClose }: { user: TUserListItem | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateUsers = useInvalidateUsers();

  const setDisabled = useMutation(
    trpc.users.setDisabled.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (updated) => {
        const key = updated.disabledAt ? 'users.disableModal.success' : 'users.enableModal.success';
        notifySuccess(t(key, { name: updated.name }));
        await invalidateUsers();
        close();
      },
    }),
  );

  function close() {
    setDisabled.reset();
    onClose();
  }

  if (!user) return null;
  const disabling = user.disabledAt === null;
  const copy = disabling ? 'users.disableModal' : 'users.enableModal';

  return (
    <Modal opened={opened} onClose={close} title={t(`${copy}.title`)} centered>
      <Stack gap="sm" data-testid={disabling ? 'disable-modal' : 'enable-modal'}>
        {setDisabled.isError ? <ErrorAlert error={setDisabled.error} title={null} data-testid="confirm-error" /> : null}
        <Text size="sm">{t(`${copy}.body`, { name: user.name })}</Text>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={close} disabled={setDisabled.isPending}>
            {t('common.cancel')}
          </Button>
          <Button
            color={disabling ? 'red' : undefined}
            loading={setDisabled.isPending}
            onClick={() => setDisabled.mutate({ id: user.id, disabled: disabling })}
            data-testid={disabling ? 'confirm-disable-submit' : 'confirm-enable-submit'}
          >
            {t(`${copy}.submit`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
