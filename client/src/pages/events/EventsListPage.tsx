import '@mantine/dates/styles.css';
import 'dayjs/locale/tr';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, CloseButton, Group, Loader, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarEvent, IconCalendarSearch, IconMailForward, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TEventListItem } from '../../../../shared/calendar-events.ts';
import { useTimeContext } from '../../app/session.tsx';
import { toSupportedLanguage } from '../../i18n/language.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { EventsTable } from '../../components/events/EventsTable.tsx';
import { RunReminderScanButton } from '../../components/reminders/RunReminderScanButton.tsx';
import { eventsListInput, hasEventsFilters, readEventsFilters, writeEventsFilters, type EventsFilters } from '../../components/events/events-filters.ts';
import { usePatchSearchParams } from '../../lib/use-patch-search-params.ts';
import { ListEmptyState } from '../../components/common/ListEmptyState.tsx';

/** CAL-O2: support looks up any user's calendar events, newest first. */
export function EventsListPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const [params] = useSearchParams();
  const patchParams = usePatchSearchParams();
  const filters = readEventsFilters(params);
  const language = toSupportedLanguage(i18n.language) ?? 'en';

  // As on the users page: the box answers every keystroke, the URL and server the settled text.
  const [searchText, setSearchText] = useState(filters.search);
  const [debouncedSearch] = useDebouncedValue(searchText, 300);
  const pushedSearch = useRef(debouncedSearch);
  useEffect(() => {
    if (pushedSearch.current === debouncedSearch) return;
    pushedSearch.current = debouncedSearch;
    patchParams((prev) => writeEventsFilters(prev, { ...readEventsFilters(prev), search: debouncedSearch }), { replace: true });
  }, [debouncedSearch, patchParams]);

  const update = (patch: Partial<EventsFilters>) =>
    patchParams((prev) => writeEventsFilters(prev, { ...readEventsFilters(prev), ...patch }), { replace: true });
  const clearFilters = () => {
    setSearchText('');
    pushedSearch.current = '';
    patchParams((prev) => writeEventsFilters(prev, { search: '', from: null, to: null, includeCancelled: false }), { replace: true });
  };

  // The picker holds a half-chosen range (first click) until the second click completes it.
  const [pickedRange, setPickedRange] = useState<[string | null, string | null]>([filters.from, filters.to]);
  useEffect(() => setPickedRange([filters.from, filters.to]), [filters.from, filters.to]);

  // A fresh object each render is fine: query keys are compared by value (Dates as ISO strings).
  const input = eventsListInput(filters, ctx.timeZone);
  const list = useInfiniteQuery({
    ...trpc.calendarEvents.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
    meta: { inlineErrors: true },
  });
  const rows = useMemo<TEventListItem[] | undefined>(() => list.data?.pages.flatMap((page) => page.items), [list.data]);
  const filtered = hasEventsFilters(filters);

  return (
    <>
      <PageHeader
        title={t('events.title')}
        subtitle={t('events.subtitle', { zone: ctx.timeZone })}
        actions={
          <>
            <Button component={Link} to="/events/deliveries" variant="default" leftSection={<IconMailForward size={16} />} data-testid="events-open-deliveries">
              {t('deliveries.open')}
            </Button>
            <RunReminderScanButton />
          </>
        }
      />
      <Paper withBorder>
        <Group p="sm" gap="sm" wrap="wrap" justify="space-between" align="flex-end">
          <Group gap="sm" wrap="wrap" align="center" style={{ flex: 1 }}>
            <TextInput
              aria-label={t('events.search')}
              placeholder={t('events.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={searchText}
              onChange={(event) => setSearchText(event.currentTarget.value)}
              rightSection={searchText ? <CloseButton size="sm" aria-label={t('events.clearSearch')} onClick={() => setSearchText('')} /> : null}
              w={{ base: '100%', xs: 320 }}
              data-testid="events-search"
            />
            <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>
              <DatePickerInput
                type="range"
                aria-label={t('events.range')}
                placeholder={t('events.rangePlaceholder')}
                leftSection={<IconCalendarSearch size={16} />}
                value={pickedRange}
                onChange={(value) => {
                  setPickedRange(value);
                  const [from, to] = value;
                  if ((from && to) || (!from && !to)) update({ from, to });
                }}
                valueFormat="D MMM YYYY"
                allowSingleDateInRange
                clearable
                w={{ base: '100%', xs: 260 }}
                data-testid="events-range"
              />
            </DatesProvider>
            <Switch
              label={t('events.includeCancelled')}
              checked={filters.includeCancelled}
              onChange={(event) => update({ includeCancelled: event.currentTarget.checked })}
              data-testid="events-include-cancelled"
            />
          </Group>
          <Group gap={8} wrap="nowrap">
            {list.isFetching && rows ? <Loader size={14} aria-label={t('events.loading')} /> : null}
            {rows ? (
              <Text size="sm" c="dimmed" data-testid="events-count">
                {list.hasNextPage ? t('events.countMore', { count: rows.length }) : t('events.count', { count: rows.length })}
              </Text>
            ) : null}
          </Group>
        </Group>

        {list.isError && !rows ? (
          <Stack p="sm">
            <ErrorAlert error={list.error} title={t('events.loadError')} onRetry={() => void list.refetch()} retrying={list.isFetching} data-testid="events-error" />
          </Stack>
        ) : rows && rows.length === 0 ? (
          <ListEmptyState
            icon={<IconCalendarEvent size={26} />}
            filteredIcon={<IconCalendarSearch size={26} />}
            filtered={filtered}
            empty={{ title: t('events.empty.title'), description: t('events.empty.description') }}
            noMatch={{ title: t('events.noMatch.title'), description: t('events.noMatch.description') }}
            clear={{ label: t('events.noMatch.clear'), onClick: clearFilters }}
            testId="events-empty"
          />
        ) : (
          <>
            <EventsTable events={rows} loading={list.isFetching} search={params.toString()} />
            {list.hasNextPage || list.isFetchNextPageError ? (
              <Stack align="center" p="sm" gap="xs">
                {list.isFetchNextPageError ? <ErrorAlert error={list.error} title={t('events.loadMoreError')} /> : null}
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="events-load-more">
                  {t('events.loadMore')}
                </Button>
              </Stack>
            ) : rows && rows.length > 0 ? (
              <Text size="xs" c="dimmed" ta="center" p="sm" data-testid="events-end">
                {t('events.allShown')}
              </Text>
            ) : null}
          </>
        )}
      </Paper>
    </>
  );
}
