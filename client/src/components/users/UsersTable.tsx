import { ActionIcon, Badge, Group, Menu, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconDots, IconLock, IconLockOpen, IconUserCog } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TUserListItem } from '../../../../shared/users.ts';
import { useSessionUser, useTimeContext } from '../../app/session.tsx';
import { formatDate, formatExact } from '../../lib/format-time.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { RoleBadge } from '../common/RoleBadge.tsx';
import { USER_STATUS_COLOR, userStatus } from './user-status.ts';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';

export type UserAction = 'role' | 'disabled';

function StatusBadge({ user }: { user: TUserListItem }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const status = userStatus(user);
  const badge = (
    <Badge color={USER_STATUS_COLOR[status]} variant="light" data-testid="user-status" data-status={status}>
      {t(`users.status.${status}`)}
    </Badge>
  );
  return user.disabledAt ? <Tooltip label={formatExact(user.disabledAt, ctx)}>{badge}</Tooltip> : badge;
}

function UserRow({ user, onAction }: { user: TUserListItem; onAction: (action: UserAction, user: TUserListItem) => void }) {
  const { t } = useTranslation();
  const me = useSessionUser();
  const ctx = useTimeContext();
  const disabled = user.disabledAt !== null;
  return (
    <Table.Tr data-testid="user-row" data-user-id={user.id} data-user-email={user.email} data-status={userStatus(user)}>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500} c={disabled ? 'dimmed' : undefined} data-testid="user-name">
            {user.name}
          </Text>
          {user.id === me.id ? (
            <Badge variant="outline" color="gray" size="xs">
              {t('users.you')}
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" data-testid="user-email">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <RoleBadge role={user.role} data-testid="user-role" />
      </Table.Td>
      <Table.Td>
        <StatusBadge user={user} />
      </Table.Td>
      <Table.Td data-testid="user-last-sign-in">
        <RelativeTime date={user.lastSignInAt} />
      </Table.Td>
      <Table.Td>
        <Tooltip label={formatExact(user.createdAt, ctx)}>
          <Text span size="sm" component="time" dateTime={user.createdAt.toISOString()}>
            {formatDate(user.createdAt, ctx)}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td ta="right">
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('users.actions.menu', { name: user.name })} data-testid="user-actions">
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconUserCog size={14} />} onClick={() => onAction('role', user)} data-testid="user-action-role">
              {t('users.actions.changeRole')}
            </Menu.Item>
            <Menu.Item
              leftSection={disabled ? <IconLockOpen size={14} /> : <IconLock size={14} />}
              color={disabled ? undefined : 'red'}
              onClick={() => onAction('disabled', user)}
              data-testid={disabled ? 'user-action-enable' : 'user-action-disable'}
            >
              {disabled ? t('users.actions.enable') : t('users.actions.disable')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}

export function UsersTable({
  users,
  loading,
  onAction,
}: {
  users: TUserListItem[] | undefined;
  loading: boolean;
  onAction: (action: UserAction, user: TUserListItem) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover striped={false} data-testid="users-table" aria-busy={loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.columns.name')}</Table.Th>
            <Table.Th>{t('users.columns.email')}</Table.Th>
            <Table.Th>{t('users.columns.role')}</Table.Th>
            <Table.Th>{t('users.columns.status')}</Table.Th>
            <Table.Th>{t('users.columns.lastSignIn')}</Table.Th>
            <Table.Th>{t('users.columns.created')}</Table.Th>
            <Table.Th w={56} ta="right">
              <VisuallyHidden>{t('users.columns.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users
            ? users.map((user) => <UserRow key={user.id} user={user} onAction={onAction} />)
            : <TableSkeletonRows rows={5} columns={7} narrow={{ column: 6, width: 24 }} testId="users-loading-row" />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
