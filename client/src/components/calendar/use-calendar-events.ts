import { useEffect, useMemo } from 'react';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { EVENTS_PAGE_MAX, type TEventListItem } from '../../../../shared/calendar-events.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** Any write to an event makes every cached list and detail stale (lists of any range or search). */
export function useInvalidateEvents() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.calendarEvents.pathKey() });
}

/**
 * Every event overlapping [from, to): the largest pages the API allows, all of them. A busy
 * month fits in one page; when it does not, the rest is fetched page by page (keyset cursor)
 * so the calendar is never silently missing events.
 */
export function useEventsInRange(range: { from: Date; to: Date }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery({
    ...trpc.calendarEvents.list.infiniteQueryOptions(
      { from: range.from, to: range.to, order: 'asc', limit: EVENTS_PAGE_MAX },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    // Keep the old range on screen while the next one loads, instead of an empty grid.
    placeholderData: keepPreviousData,
    meta: { inlineErrors: true },
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const events = useMemo<TEventListItem[] | undefined>(() => {
    if (!query.data) return undefined;
    // A page boundary moving under concurrent inserts could repeat an event: keep one.
    const byId = new Map<string, TEventListItem>();
    for (const page of query.data.pages) for (const item of page.items) byId.set(item.id, item);
    return [...byId.values()];
  }, [query.data]);

  return { ...query, events, complete: !!query.data && !hasNextPage };
}

/** The reminder new events start with (settings.get); null until known or when none is set. */
export function useDefaultReminderMinutes(): number | null {
  const trpc = useTRPC();
  const settings = useQuery({ ...trpc.settings.get.queryOptions(), staleTime: 5 * 60_000, meta: { inlineErrors: true } });
  return settings.data?.defaultReminderMinutes ?? null;
}
