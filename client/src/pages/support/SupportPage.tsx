import { useEffect, useState } from 'react';
import { Badge, Button, Center, EmptyState, Group, Loader, Paper, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLifebuoy, IconRefresh, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SUPPORT_FIND_LIMIT } from '../../../../shared/support.ts';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { usePatchSearchParams } from '../../lib/use-patch-search-params.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { RoleBadge } from '../../components/common/RoleBadge.tsx';
import { TableSkeletonRows } from '../../components/common/TableSkeletonRows.tsx';
import { DiagnosisView } from '../../components/support/DiagnosisView.tsx';

/** /support — find the user who complained, then read their diagnosis (issue 9, CAL-O2). URL: ?q=…&user=<id>. */
export function SupportPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const [params] = useSearchParams();
  const patch = usePatchSearchParams();
  const query = params.get('q') ?? '';
  const userId = params.get('user');

  const [text, setText] = useState(query);
  const [debounced] = useDebouncedValue(text.trim(), 300);
  useEffect(() => {
    if (debounced === (new URLSearchParams(window.location.search).get('q') ?? '')) return;
    patch(
      (live) => {
        if (debounced) live.set('q', debounced);
        else live.delete('q');
        return live;
      },
      { replace: true },
    );
  }, [debounced, patch]);

  const searching = query.length >= 2;
  const found = useQuery({ ...trpc.support.findUsers.queryOptions({ query }), enabled: searching, placeholderData: keepPreviousData, meta: { inlineErrors: true } });
  const diagnosis = useQuery({ ...trpc.support.diagnose.queryOptions({ userId: userId ?? '' }), enabled: Boolean(userId), meta: { inlineErrors: true } });

  const open = (id: string) =>
    patch((live) => {
      live.set('user', id);
      return live;
    });

  return (
    <>
      <PageHeader title={t('support.title')} subtitle={t('support.subtitle', { zone: ctx.timeZone })} />
      <Stack gap="md">
        <Paper withBorder>
          <Group p="sm" gap="sm" align="flex-end">
            <TextInput
              label={t('support.search.label')}
              placeholder={t('support.search.placeholder')}
              description={t('support.search.hint')}
              leftSection={<IconSearch size={16} />}
              rightSection={found.isFetching ? <Loader size={14} /> : null}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              w={{ base: '100%', sm: 420 }}
              data-testid="support-search"
            />
          </Group>
          {!searching ? null : found.isError && !found.data ? (
            <Stack p="sm">
              <ErrorAlert error={found.error} title={t('support.search.error')} onRetry={() => void found.refetch()} retrying={found.isFetching} />
            </Stack>
          ) : found.data && found.data.items.length === 0 ? (
            <Text p="sm" size="sm" c="dimmed" data-testid="support-search-empty">
              {t('support.search.empty', { query })}
            </Text>
          ) : (
            <Table highlightOnHover data-testid="support-results">
              <Table.Tbody>
                {found.data ? (
                  found.data.items.map((u) => (
                    <Table.Tr key={u.id} data-testid="support-result" data-user-id={u.id} bg={u.id === userId ? 'var(--mantine-color-default-hover)' : undefined}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {u.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {u.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          <RoleBadge role={u.role} />
                          {u.disabledAt ? (
                            <Badge color="gray" variant="light">
                              {t('support.search.disabled')}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Button size="xs" variant={u.id === userId ? 'filled' : 'default'} onClick={() => open(u.id)} data-testid="support-open">
                          {t('support.search.open')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))
                ) : (
                  <TableSkeletonRows rows={3} columns={3} />
                )}
              </Table.Tbody>
            </Table>
          )}
          {found.data?.limited ? (
            <Text px="sm" pb="sm" size="xs" c="dimmed">
              {t('support.search.limited', { count: SUPPORT_FIND_LIMIT })}
            </Text>
          ) : null}
        </Paper>

        {!userId ? (
          <Center p="xl">
            <EmptyState
              icon={<IconLifebuoy size={26} />}
              withIndicatorBackground
              title={t('support.start.title')}
              description={t('support.start.description')}
              data-testid="support-start"
            />
          </Center>
        ) : diagnosis.isError ? (
          <ErrorAlert error={diagnosis.error} title={t('support.diagnosis.loadError')} onRetry={() => void diagnosis.refetch()} retrying={diagnosis.isFetching} />
        ) : diagnosis.data ? (
          <Stack gap="xs">
            <Group justify="space-between">
              <Stack gap={0}>
                <Text fw={700} size="lg" data-testid="support-user-name">
                  {diagnosis.data.user.name}
                </Text>
                <Text size="sm" c="dimmed">
                  {diagnosis.data.user.email} · {diagnosis.data.user.timezone}
                </Text>
              </Stack>
              <Button variant="default" size="xs" leftSection={<IconRefresh size={14} />} loading={diagnosis.isFetching} onClick={() => void diagnosis.refetch()} data-testid="support-refresh">
                {t('support.diagnosis.refresh')}
              </Button>
            </Group>
            <DiagnosisView diagnosis={diagnosis.data} />
          </Stack>
        ) : (
          <Stack gap="sm" data-testid="support-diagnosis-loading">
            <Skeleton h={120} />
            <Skeleton h={220} />
            <Skeleton h={160} />
          </Stack>
        )}
      </Stack>
    </>
  );
}
