import { useEffect, useState } from 'react';
import { ActionIcon, Group, Loader, Pagination, Paper, Select, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClockPlay, IconRefresh, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { JOB_STATES, type TJobState } from '../../../../shared/jobs.ts';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { usePatchSearchParams } from '../../lib/use-patch-search-params.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { DefinitionsTable } from '../../components/jobs/DefinitionsTable.tsx';
import { JobDrawer } from '../../components/jobs/JobDrawer.tsx';
import { JobsTable } from '../../components/jobs/JobsTable.tsx';
import { WorkersPanel } from '../../components/jobs/WorkersPanel.tsx';
import { JOBS_REFRESH_MS } from '../../components/jobs/job-format.ts';
import { useJobErrorText } from '../../components/jobs/use-job-error-text.ts';
import { ListEmptyState } from '../../components/common/ListEmptyState.tsx';

const PAGE_SIZE = 25;
const isState = (v: string | null): v is TJobState => v !== null && (JOB_STATES as readonly string[]).includes(v);

/**
 * /jobs — what Agendash and bull-board show, for support and admins (CAL-O3). Live by polling:
 * the state lives in PostgreSQL and is written by other processes (workers), so a push channel
 * would itself have to poll or LISTEN; three small queries every 5 s, paused by TanStack Query
 * while the tab is hidden, are simpler and go through the same authorised tRPC calls.
 */
export function JobsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const queryClient = useQueryClient();
  const errorText = useJobErrorText();
  const [params] = useSearchParams();
  const patch = usePatchSearchParams();
  const name = params.get('name');
  const stateParam = params.get('state');
  const state = isState(stateParam) ? stateParam : null;
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const jobId = params.get('job');

  const setParams = (values: Record<string, string | null>, resetPage = true) =>
    patch(
      (live) => {
        for (const [k, v] of Object.entries(values)) {
          if (v) live.set(k, v);
          else live.delete(k);
        }
        if (resetPage) live.delete('page');
        return live;
      },
      { replace: true },
    );

  const [searchText, setSearchText] = useState(q);
  const [debouncedSearch] = useDebouncedValue(searchText.trim(), 300);
  useEffect(() => {
    if (debouncedSearch === (new URLSearchParams(window.location.search).get('q') ?? '')) return;
    setParams({ q: debouncedSearch || null });
    // setParams writes over the live URL, so only the debounced text is a dependency.
  }, [debouncedSearch]);

  const live = { refetchInterval: JOBS_REFRESH_MS, meta: { inlineErrors: true } } as const;
  const overview = useQuery({ ...trpc.jobs.overview.queryOptions(), ...live });
  const workers = useQuery({ ...trpc.jobs.workers.queryOptions(), ...live });
  const input = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(name ? { name } : {}), ...(state ? { state } : {}), ...(q ? { search: q } : {}) };
  const list = useQuery({ ...trpc.jobs.list.queryOptions(input), ...live, placeholderData: keepPreviousData });
  const filtered = Boolean(name || state || q);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const updatedAt = Math.max(overview.dataUpdatedAt, workers.dataUpdatedAt, list.dataUpdatedAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setNow(Date.now()), [updatedAt]);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
  const pick = (jobName: string, jobState: TJobState | null) => {
    setParams({ name: jobName, state: jobState });
    document.getElementById('jobs-list')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <>
      <PageHeader
        title={t('jobs.title')}
        subtitle={t('jobs.subtitle', { zone: ctx.timeZone })}
        actions={
          <Group gap={6} wrap="nowrap">
            {updatedAt ? (
              <Text size="xs" c="dimmed" data-testid="jobs-updated">
                {t('jobs.updated', { seconds: Math.max(0, Math.round((now - updatedAt) / 1000)) })}
              </Text>
            ) : null}
            <Tooltip label={t('jobs.refresh')}>
              <ActionIcon variant="default" aria-label={t('jobs.refresh')} onClick={refresh} loading={overview.isFetching && !overview.data} data-testid="jobs-refresh">
                <IconRefresh size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        }
      />
      <Stack gap="md">
        {workers.isError && !workers.data ? (
          <ErrorAlert error={workers.error} title={t('jobs.loadError')} text={errorText} onRetry={() => void workers.refetch()} />
        ) : (
          <WorkersPanel data={workers.data} now={now} onOpenJob={(id) => setParams({ job: id }, false)} />
        )}
        {overview.isError && !overview.data ? (
          <ErrorAlert error={overview.error} title={t('jobs.loadError')} text={errorText} onRetry={() => void overview.refetch()} />
        ) : (
          <DefinitionsTable definitions={overview.data?.definitions} onPick={pick} />
        )}
        <Paper withBorder id="jobs-list" data-testid="jobs-list">
          <Group p="sm" gap="sm" wrap="wrap" justify="space-between" align="flex-end">
            <Group gap="sm" wrap="wrap" style={{ flex: 1 }} align="flex-end">
              <Title order={3} fz="md" mr="sm">
                {t('jobs.list.title')}
              </Title>
              <Select
                aria-label={t('jobs.list.name')}
                placeholder={t('jobs.list.anyName')}
                data={overview.data?.definitions.map((d) => d.name) ?? (name ? [name] : [])}
                value={name}
                onChange={(v) => setParams({ name: v })}
                searchable
                clearable
                w={{ base: '100%', xs: 220 }}
                data-testid="jobs-filter-name"
              />
              <Select
                aria-label={t('jobs.list.stateFilter')}
                placeholder={t('jobs.list.anyState')}
                data={JOB_STATES.map((s) => ({ value: s, label: t(`jobs.state.${s}`) }))}
                value={state}
                onChange={(v) => setParams({ state: v })}
                clearable
                w={{ base: '100%', xs: 160 }}
                data-testid="jobs-filter-state"
              />
              <TextInput
                aria-label={t('jobs.list.search')}
                placeholder={t('jobs.list.searchPlaceholder')}
                leftSection={<IconSearch size={16} />}
                value={searchText}
                onChange={(e) => setSearchText(e.currentTarget.value)}
                w={{ base: '100%', xs: 260 }}
                data-testid="jobs-search"
              />
            </Group>
            <Group gap={8} wrap="nowrap">
              {list.isFetching && list.data ? <Loader size={14} /> : null}
              {list.data ? (
                <Text size="sm" c="dimmed" data-testid="jobs-count">
                  {t('jobs.list.count', { count: list.data.total })}
                </Text>
              ) : null}
            </Group>
          </Group>
          {list.isError && !list.data ? (
            <Stack p="sm">
              <ErrorAlert error={list.error} title={t('jobs.loadError')} text={errorText} onRetry={() => void list.refetch()} retrying={list.isFetching} />
            </Stack>
          ) : list.data && list.data.items.length === 0 ? (
            <ListEmptyState
              icon={<IconClockPlay size={26} />}
              filtered={filtered}
              empty={{ title: t('jobs.list.empty.title'), description: t('jobs.list.empty.description') }}
              noMatch={{ title: t('jobs.list.noMatch.title'), description: t('jobs.list.noMatch.description') }}
              clear={{
                label: t('jobs.list.clear'),
                onClick: () => {
                  setSearchText('');
                  setParams({ name: null, state: null, q: null });
                },
              }}
              testId="jobs-empty"
            />
          ) : (
            <>
              <JobsTable jobs={list.data?.items} onOpen={(id) => setParams({ job: id }, false)} />
              {pages > 1 ? (
                <Group justify="center" p="sm">
                  <Pagination total={pages} value={Math.min(page, pages)} onChange={(p) => setParams({ page: p > 1 ? String(p) : null }, false)} size="sm" data-testid="jobs-pagination" />
                </Group>
              ) : null}
            </>
          )}
        </Paper>
      </Stack>
      <JobDrawer jobId={jobId} onClose={() => setParams({ job: null }, false)} />
    </>
  );
}
