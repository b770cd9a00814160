import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TRole } from '../../../../shared/roles.ts';
import type { TUserListItem } from '../../../../shared/users.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { roleOptions } from './role-options.ts';
import { useInvalidateUsers } from './use-invalidate-users.ts';

/** Pick the new role, read what it changes, confirm once. */
export function ChangeRoleModal({ user, opened, onClose }: { user: TUserListItem | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateUsers = useInvalidateUsers();
  const [role, setRole] = useState<TRole | null>(null);
  // Reset the choice whenever another user's modal opens.
  const [forUser, setForUser] = useState<string | null>(null);
  if (user && forUser !== user.id) {
    setForUser(user.id);
    setRole(user.role);
  }

  const setUserRole = useMutation(
    trpc.users.setRole.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (updated) => {
        notifySuccess(t('users.roleModal.success', { name: updated.name, role: t(`roles.${updated.role}`) }));
        await invalidateUsers();
        close();
      },
    }),
  );

  function close() {
    setUserRole.reset();
    setForUser(null);
    onClose();
  }

  if (!user) return null;
  const unchanged = role === null || role === user.role;

  return (
    <Modal opened={opened} onClose={close} title={t('users.roleModal.title', { name: user.name })} centered>
      <Stack gap="sm" data-testid="role-modal">
        {setUserRole.isError ? <ErrorAlert error={setUserRole.error} title={null} data-testid="confirm-error" /> : null}
        <Select
          label={t('users.roleModal.newRole')}
          data={roleOptions(t)}
          value={role}
          onChange={(value) => {
            setRole(value as TRole | null);
            setUserRole.reset();
          }}
          allowDeselect={false}
          data-testid="role-select"
        />
        <Text size="sm" data-testid="role-consequence">
          {unchanged
            ? t('users.roleModal.unchanged', { name: user.name })
            : `${t('users.roleModal.consequence', {
                name: user.name,
                from: t(`roles.${user.role}`),
                to: t(`roles.${role}`),
              })} ${t(`roleAccess.${role}`)}`}
        </Text>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={close} disabled={setUserRole.isPending}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={unchanged}
            loading={setUserRole.isPending}
            onClick={() => role && setUserRole.mutate({ id: user.id, role })}
            data-testid="confirm-role-submit"
          >
            {t('users.roleModal.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
