import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, CloseButton, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconMailOff, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { REMINDER_DELIVERY_STATUSES, type TReminderDelivery, type TReminderDeliveryStatus } from '../../../../shared/reminders.ts';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { DeliveriesTable } from '../../components/reminders/DeliveriesTable.tsx';
import { RunReminderScanButton } from '../../components/reminders/RunReminderScanButton.tsx';
import { usePatchSearchParams } from '../../lib/use-patch-search-params.ts';
import { ListEmptyState } from '../../components/common/ListEmptyState.tsx';

const isStatus = (value: string | null): value is TReminderDeliveryStatus => REMINDER_DELIVERY_STATUSES.includes(value as TReminderDeliveryStatus);

/** /events/deliveries — CAL-O2 per user: every reminder e-mail to an address, newest first. */
export function DeliveriesPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const [params, setParams] = useSearchParams();
  const patchParams = usePatchSearchParams();
  const recipient = params.get('recipient') ?? '';
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : null;

  const setParam = (name: string, value: string | null) =>
    patchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  // The box answers every keystroke; the URL and the server get the settled text.
  const [searchText, setSearchText] = useState(recipient);
  const [debounced] = useDebouncedValue(searchText.trim(), 300);
  const pushed = useRef(debounced);
  useEffect(() => {
    if (pushed.current === debounced) return;
    pushed.current = debounced;
    patchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debounced) next.set('recipient', debounced);
        else next.delete('recipient');
        return next;
      },
      { replace: true },
    );
  }, [debounced, patchParams]);

  const input = { limit: 50, ...(recipient ? { recipient } : {}), ...(status ? { status } : {}) };
  const list = useInfiniteQuery({
    ...trpc.reminders.deliveries.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
    meta: { inlineErrors: true },
  });
  const rows = useMemo<TReminderDelivery[] | undefined>(() => list.data?.pages.flatMap((p) => p.items), [list.data]);
  const filtered = Boolean(recipient || status);
  const clear = () => {
    setSearchText('');
    pushed.current = '';
    setParams(new URLSearchParams(), { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('deliveries.title')}
        subtitle={t('deliveries.subtitle', { zone: ctx.timeZone })}
        actions={
          <>
            <Button component={Link} to="/events" variant="default" leftSection={<IconArrowLeft size={16} />}>
              {t('deliveries.back')}
            </Button>
            <RunReminderScanButton />
          </>
        }
      />
      <Paper withBorder>
        <Group p="sm" gap="sm" wrap="wrap" justify="space-between" align="flex-end">
          <Group gap="sm" wrap="wrap" style={{ flex: 1 }}>
            <TextInput
              aria-label={t('deliveries.search')}
              placeholder={t('deliveries.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={searchText}
              onChange={(e) => setSearchText(e.currentTarget.value)}
              rightSection={searchText ? <CloseButton size="sm" aria-label={t('deliveries.clearSearch')} onClick={() => setSearchText('')} /> : null}
              w={{ base: '100%', xs: 320 }}
              data-testid="deliveries-search"
            />
            <Select
              aria-label={t('deliveries.status')}
              placeholder={t('deliveries.anyStatus')}
              data={REMINDER_DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`deliveries.statuses.${s}`) }))}
              value={status}
              onChange={(value) => setParam('status', value)}
              clearable
              w={{ base: '100%', xs: 200 }}
              data-testid="deliveries-status"
            />
          </Group>
          <Group gap={8} wrap="nowrap">
            {list.isFetching && rows ? <Loader size={14} /> : null}
            {rows ? (
              <Text size="sm" c="dimmed" data-testid="deliveries-count">
                {list.hasNextPage ? t('deliveries.countMore', { count: rows.length }) : t('deliveries.count', { count: rows.length })}
              </Text>
            ) : null}
          </Group>
        </Group>
        {list.isError && !rows ? (
          <Stack p="sm">
            <ErrorAlert error={list.error} title={t('deliveries.loadError')} onRetry={() => void list.refetch()} retrying={list.isFetching} />
          </Stack>
        ) : rows && rows.length === 0 ? (
          <ListEmptyState
            icon={<IconMailOff size={26} />}
            filtered={filtered}
            empty={{ title: t('deliveries.empty.title'), description: t('deliveries.empty.description') }}
            noMatch={{ title: t('deliveries.noMatch.title'), description: t('deliveries.noMatch.description') }}
            clear={{ label: t('deliveries.noMatch.clear'), onClick: clear }}
            testId="deliveries-empty"
          />
        ) : (
          <>
            <DeliveriesTable deliveries={rows} loading={list.isFetching} />
            {list.hasNextPage || list.isFetchNextPageError ? (
              <Stack align="center" p="sm" gap="xs">
                {list.isFetchNextPageError ? <ErrorAlert error={list.error} title={t('deliveries.loadMoreError')} /> : null}
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('deliveries.loadMore')}
                </Button>
              </Stack>
            ) : rows && rows.length > 0 ? (
              <Text size="xs" c="dimmed" ta="center" p="sm">
                {t('deliveries.allShown')}
              </Text>
            ) : null}
          </>
        )}
      </Paper>
    </>
  );
}
