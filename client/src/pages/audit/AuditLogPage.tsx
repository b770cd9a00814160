import { useEffect, useMemo, useState } from 'react';
import { Button, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconHistory, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '../../../../shared/audit.ts';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { AuditCount, AuditTable } from '../../components/audit/AuditTable.tsx';
import { ListEmptyState } from '../../components/common/ListEmptyState.tsx';

/** /audit — every audited action, for support and admins; filters live in the URL. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const [params, setParams] = useSearchParams();
  const action = params.get('action');
  const targetType = params.get('target');
  const actor = params.get('actor') ?? '';

  // Written over the live URL, so two quick changes never undo each other.
  const setParam = (name: string, value: string | null) =>
    setParams(
      () => {
        const next = new URLSearchParams(window.location.search);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const [actorText, setActorText] = useState(actor);
  const [debouncedActor] = useDebouncedValue(actorText.trim(), 300);
  useEffect(() => {
    if (debouncedActor === (new URLSearchParams(window.location.search).get('actor') ?? '')) return;
    setParams(
      () => {
        const next = new URLSearchParams(window.location.search);
        if (debouncedActor) next.set('actor', debouncedActor);
        else next.delete('actor');
        return next;
      },
      { replace: true },
    );
  }, [debouncedActor, setParams]);

  const facets = useQuery({ ...trpc.audit.facets.queryOptions(), staleTime: 60_000, meta: { inlineErrors: true } });
  const input = { limit: 50, ...(action ? { action } : {}), ...(targetType ? { targetType } : {}), ...(actor ? { actor } : {}) };
  const list = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
    meta: { inlineErrors: true },
  });
  const rows = useMemo<TAuditEntry[] | undefined>(() => list.data?.pages.flatMap((p) => p.items), [list.data]);
  const filtered = Boolean(action || targetType || actor);

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle', { zone: ctx.timeZone })} />
      <Paper withBorder>
        <Group p="sm" gap="sm" wrap="wrap" justify="space-between" align="flex-end">
          <Group gap="sm" wrap="wrap" style={{ flex: 1 }}>
            <TextInput
              aria-label={t('audit.actor')}
              placeholder={t('audit.actorPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={actorText}
              onChange={(e) => setActorText(e.currentTarget.value)}
              w={{ base: '100%', xs: 240 }}
              data-testid="audit-actor"
            />
            <Select
              aria-label={t('audit.action')}
              placeholder={t('audit.anyAction')}
              data={facets.data?.actions ?? []}
              value={action}
              onChange={(v) => setParam('action', v)}
              searchable
              clearable
              w={{ base: '100%', xs: 240 }}
              data-testid="audit-action"
            />
            <Select
              aria-label={t('audit.targetType')}
              placeholder={t('audit.anyTarget')}
              data={facets.data?.targetTypes ?? []}
              value={targetType}
              onChange={(v) => setParam('target', v)}
              clearable
              w={{ base: '100%', xs: 200 }}
              data-testid="audit-target"
            />
          </Group>
          <Group gap={8} wrap="nowrap">
            {list.isFetching && rows ? <Loader size={14} /> : null}
            {rows ? <AuditCount count={rows.length} more={Boolean(list.hasNextPage)} /> : null}
          </Group>
        </Group>
        {list.isError && !rows ? (
          <Stack p="sm">
            <ErrorAlert error={list.error} title={t('audit.loadError')} onRetry={() => void list.refetch()} retrying={list.isFetching} />
          </Stack>
        ) : rows && rows.length === 0 ? (
          <ListEmptyState
            icon={<IconHistory size={26} />}
            filtered={filtered}
            empty={{ title: t('audit.empty.title'), description: t('audit.empty.description') }}
            noMatch={{ title: t('audit.noMatch.title'), description: t('audit.noMatch.description') }}
            clear={{
              label: t('audit.clear'),
              onClick: () => {
                setActorText('');
                setParams(new URLSearchParams(), { replace: true });
              },
            }}
            testId="audit-empty"
          />
        ) : (
          <>
            <AuditTable entries={rows} />
            {list.hasNextPage ? (
              <Stack align="center" p="sm">
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="audit-load-more">
                  {t('audit.loadMore')}
                </Button>
              </Stack>
            ) : rows && rows.length > 0 ? (
              <Text size="xs" c="dimmed" ta="center" p="sm">
                {t('audit.allShown')}
              </Text>
            ) : null}
          </>
        )}
      </Paper>
    </>
  );
}
