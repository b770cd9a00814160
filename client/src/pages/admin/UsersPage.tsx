import { useEffect, useRef, useState } from 'react';
import { Button, CloseButton, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUsers, IconUserSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TRole } from '../../../../shared/roles.ts';
import type { TUserListItem } from '../../../../shared/users.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { UsersTable, type UserAction } from '../../components/users/UsersTable.tsx';
import { CreateUserModal } from '../../components/users/CreateUserModal.tsx';
import { ChangeRoleModal } from '../../components/users/ChangeRoleModal.tsx';
import { SetDisabledModal } from '../../components/users/SetDisabledModal.tsx';
import { roleOptions } from '../../components/users/role-options.ts';
import { readUsersFilters, usersListInput, writeUsersFilters } from './users-filters.ts';
import { usePatchSearchParams } from '../../lib/use-patch-search-params.ts';
import { ListEmptyState } from '../../components/common/ListEmptyState.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const patchParams = usePatchSearchParams();
  const filters = readUsersFilters(params);

  // The box answers every keystroke; the server (and the URL) only see the settled text,
  // and only when it settles: clearing the filters must not be undone by a late debounce.
  const [searchText, setSearchText] = useState(filters.search);
  const [debouncedSearch] = useDebouncedValue(searchText, 300);
  const pushedSearch = useRef(debouncedSearch);
  useEffect(() => {
    if (pushedSearch.current === debouncedSearch) return;
    pushedSearch.current = debouncedSearch;
    patchParams((prev) => writeUsersFilters(prev, { ...readUsersFilters(prev), search: debouncedSearch }), { replace: true });
  }, [debouncedSearch, patchParams]);

  const setRole = (role: TRole | null) => patchParams((prev) => writeUsersFilters(prev, { ...readUsersFilters(prev), role }), { replace: true });
  const clearFilters = () => {
    setSearchText('');
    patchParams((prev) => writeUsersFilters(prev, { search: '', role: null }), { replace: true });
  };

  const users = useQuery({
    ...trpc.users.list.queryOptions(usersListInput(filters)),
    // Keep the old rows on screen while a new search loads, instead of flashing skeletons.
    placeholderData: keepPreviousData,
    meta: { inlineErrors: true },
  });

  const [createOpened, createModal] = useDisclosure(false);
  // The target outlives `opened` so the modal keeps its text while it animates out.
  const [target, setTarget] = useState<{ action: UserAction; user: TUserListItem; opened: boolean } | null>(null);
  const closeTarget = () => setTarget((current) => (current ? { ...current, opened: false } : null));

  const filtered = filters.search !== '' || filters.role !== null;
  const rows = users.data;

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="users-new">
            {t('users.newUser')}
          </Button>
        }
      />
      <Paper withBorder>
        <Group p="sm" gap="sm" wrap="wrap" justify="space-between">
          <Group gap="sm" wrap="wrap" style={{ flex: 1 }}>
            <TextInput
              aria-label={t('users.search')}
              placeholder={t('users.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={searchText}
              onChange={(event) => setSearchText(event.currentTarget.value)}
              rightSection={
                searchText ? <CloseButton size="sm" aria-label={t('users.noMatch.clear')} onClick={() => setSearchText('')} /> : null
              }
              w={{ base: '100%', xs: 280 }}
              data-testid="users-search"
            />
            <Select
              aria-label={t('users.roleFilter')}
              placeholder={t('users.allRoles')}
              data={roleOptions(t)}
              value={filters.role}
              onChange={(value) => setRole(value as TRole | null)}
              clearable
              w={{ base: '100%', xs: 180 }}
              data-testid="users-role-filter"
            />
          </Group>
          <Group gap={8} wrap="nowrap">
            {users.isFetching && rows ? <Loader size={14} aria-label={t('users.loading')} /> : null}
            {rows ? (
              <Text size="sm" c="dimmed" data-testid="users-count">
                {t('users.count', { count: rows.length })}
              </Text>
            ) : null}
          </Group>
        </Group>

        {users.isError && !rows ? (
          <Stack p="sm">
            <ErrorAlert
              error={users.error}
              title={t('users.loadError')}
              onRetry={() => void users.refetch()}
              retrying={users.isFetching}
              data-testid="users-error"
            />
          </Stack>
        ) : rows && rows.length === 0 ? (
          <ListEmptyState
            icon={<IconUsers size={26} />}
            filteredIcon={<IconUserSearch size={26} />}
            filtered={filtered}
            empty={{ title: t('users.empty.title'), description: t('users.empty.description') }}
            noMatch={{ title: t('users.noMatch.title'), description: t('users.noMatch.description') }}
            clear={{ label: t('users.noMatch.clear'), onClick: clearFilters }}
            testId="users-empty"
          />
        ) : (
          <UsersTable users={rows} loading={users.isFetching} onAction={(action, user) => setTarget({ action, user, opened: true })} />
        )}
      </Paper>

      <CreateUserModal opened={createOpened} onClose={createModal.close} />
      <ChangeRoleModal
        user={target?.action === 'role' ? target.user : null}
        opened={target?.action === 'role' && target.opened}
        onClose={closeTarget}
      />
      <SetDisabledModal
        user={target?.action === 'disabled' ? target.user : null}
        opened={target?.action === 'disabled' && target.opened}
        onClose={closeTarget}
      />
    </>
  );
}
