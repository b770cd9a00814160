import { useMemo, useState } from 'react';
import { Badge, Button, CloseButton, Group, Loader, Paper, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconLink, IconListSearch, IconSearch, IconUser } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ERROR_CLASSES } from '../../../../shared/integrations.ts';
import { EXPORT_MAX_ROWS, type TStoredIntegrationEvent } from '../../../../shared/integration-health.ts';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { formatExact } from '../../lib/format-time.ts';
import { formatCount } from '../admin-integrations/integration-format.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { formatLatency } from './health-status.ts';
import { EVENTS_PAGE_SIZE, eventFilterInput, exportHref, hasEventFilters, NO_FILTERS, type EventFilters } from './event-filters.ts';
import { DebouncedTextInput } from './DebouncedTextInput.tsx';
import { IntegrationEventDrawer } from './IntegrationEventDrawer.tsx';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';
import { ListEmptyState } from '../common/ListEmptyState.tsx';

function EventRow({ event, showProvider, onOpen }: { event: TStoredIntegrationEvent; showProvider: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const time = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'short', timeStyle: 'medium', timeZone: ctx.timeZone }).format(event.occurredAt);
  return (
    <Table.Tr
      onClick={onOpen}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onOpen())}
      tabIndex={0}
      style={{ cursor: 'pointer' }}
      data-testid="event-row"
      data-outcome={event.outcome}
      data-event-id={event.id}
      aria-label={t('health.events.openEvent', { event: event.event, time })}
    >
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Tooltip label={formatExact(event.occurredAt, ctx)}>
          <Text span size="sm" component="time" dateTime={event.occurredAt.toISOString()} data-testid="event-row-time">
            {time}
          </Text>
        </Tooltip>
      </Table.Td>
      {showProvider ? <Table.Td>{event.provider}</Table.Td> : null}
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {event.event}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={event.outcome === 'ok' ? 'green' : 'red'} variant="light">
          {t(`health.events.outcome.${event.outcome}`)}
        </Badge>
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {formatLatency(event.latencyMs, ctx.locale) ?? '—'}
      </Table.Td>
      <Table.Td maw={380}>
        {event.outcome === 'error' ? (
          <Text size="sm" lineClamp={1} title={event.errorMessage ?? undefined}>
            {[event.errorCode, event.errorClass ? t(`health.errorClass.${event.errorClass}`, { defaultValue: event.errorClass }) : null].filter(Boolean).join(' · ')}
            {event.errorMessage ? ` — ${event.errorMessage}` : ''}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Integration events newest first, filtered and cursor-paged (integrations.events), with the
 * scrubbed detail in a drawer and a CSV of the same search. The provider page fixes `provider`.
 */
export function IntegrationEventsList({
  provider,
  range,
  filters,
  onFiltersPatch,
  knownEvents,
  describeBucket,
  providerOptions,
}: {
  provider?: string;
  /** The window the list covers unless a bucket narrows it. */
  range: { from: Date; to?: Date };
  filters: EventFilters;
  /** Applied to the filters in the URL as they are then (two quick changes must not undo each other). */
  onFiltersPatch: (patch: Partial<EventFilters>) => void;
  knownEvents: readonly string[];
  describeBucket: (range: { from: Date; to: Date }) => string;
  /** The explorer's provider picker (absent when the page fixes the provider). */
  providerOptions?: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { locale } = useTimeContext();
  const [open, setOpen] = useState<TStoredIntegrationEvent | null>(null);

  const filter = eventFilterInput(filters, { provider, range });
  const list = useInfiniteQuery({
    ...trpc.integrations.events.infiniteQueryOptions({ ...filter, limit: EVENTS_PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
    meta: { inlineErrors: true },
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items), [list.data]);
  const filtered = hasEventFilters(filters);
  const set = onFiltersPatch;
  const eventOptions = [...new Set([...knownEvents, ...(filters.event ? [filters.event] : [])])];

  return (
    <Paper withBorder data-testid="events-list">
      <Group p="sm" gap="sm" wrap="wrap" justify="space-between" align="flex-end">
        <Group gap="sm" wrap="wrap" style={{ flex: 1 }}>
          {providerOptions ? (
            <Select
              size="xs"
              w={170}
              aria-label={t('health.events.filters.provider')}
              placeholder={t('health.events.filters.anyProvider')}
              data={providerOptions}
              value={filters.provider}
              onChange={(v) => set({ provider: v ?? null, event: null })}
              clearable
              searchable
              data-testid="events-filter-provider"
            />
          ) : null}
          <Select
            size="xs"
            w={130}
            aria-label={t('health.events.filters.outcome')}
            placeholder={t('health.events.filters.anyOutcome')}
            data={[
              { value: 'error', label: t('health.events.outcome.error') },
              { value: 'ok', label: t('health.events.outcome.ok') },
            ]}
            value={filters.outcome}
            onChange={(v) => set({ outcome: (v as EventFilters['outcome']) ?? null })}
            clearable
            data-testid="events-filter-outcome"
          />
          <Select
            size="xs"
            w={170}
            aria-label={t('health.events.filters.errorClass')}
            placeholder={t('health.events.filters.anyClass')}
            data={ERROR_CLASSES.map((c) => ({ value: c, label: t(`health.errorClass.${c}`) }))}
            value={filters.errorClass}
            onChange={(v) => set({ errorClass: (v as EventFilters['errorClass']) ?? null })}
            clearable
            data-testid="events-filter-class"
          />
          {eventOptions.length ? (
            <Select
              size="xs"
              w={220}
              aria-label={t('health.events.filters.event')}
              placeholder={t('health.events.filters.anyEvent')}
              data={eventOptions}
              value={filters.event}
              onChange={(v) => set({ event: v ?? null })}
              clearable
              searchable
              data-testid="events-filter-event"
            />
          ) : null}
          <DebouncedTextInput
            value={filters.text}
            onCommit={(text) => set({ text })}
            label={t('health.events.filters.search')}
            placeholder={t('health.events.filters.searchPlaceholder')}
            clearLabel={t('health.events.filters.clearSearch')}
            icon={<IconSearch size={14} />}
            width={220}
            testId="events-filter-search"
          />
          {provider ? null : (
            <>
              <DebouncedTextInput
                value={filters.subject}
                onCommit={(subject) => set({ subject })}
                label={t('health.events.filters.subject')}
                placeholder={t('health.events.filters.subjectPlaceholder')}
                clearLabel={t('health.events.filters.clearSubject')}
                icon={<IconUser size={14} />}
                width={180}
                testId="events-filter-subject"
              />
              <DebouncedTextInput
                value={filters.correlationId}
                onCommit={(correlationId) => set({ correlationId })}
                label={t('health.events.filters.correlationId')}
                placeholder={t('health.events.filters.correlationPlaceholder')}
                clearLabel={t('health.events.filters.clearCorrelation')}
                icon={<IconLink size={14} />}
                width={180}
                testId="events-filter-correlation"
              />
            </>
          )}
          {filters.bucket ? (
            <Badge
              variant="light"
              color="red"
              tt="none"
              size="lg"
              rightSection={<CloseButton size="xs" aria-label={t('health.events.filters.clearBucket')} onClick={() => set({ bucket: null })} />}
              data-testid="events-filter-bucket"
            >
              {describeBucket(filters.bucket)}
            </Badge>
          ) : null}
          {filters.fingerprint ? (
            <Badge
              variant="light"
              tt="none"
              size="lg"
              rightSection={<CloseButton size="xs" aria-label={t('health.events.filters.clearGroup')} onClick={() => set({ fingerprint: null })} />}
              data-testid="events-filter-group"
            >
              {t('health.events.filters.group')}
            </Badge>
          ) : null}
        </Group>
        <Group gap={8} wrap="nowrap">
          {list.isFetching && rows ? <Loader size={14} aria-label={t('health.events.loading')} /> : null}
          {rows ? (
            <Text size="sm" c="dimmed" data-testid="events-count">
              {list.hasNextPage
                ? t('health.events.countMore', { count: rows.length, formatted: formatCount(rows.length, locale) })
                : t('health.events.count', { count: rows.length, formatted: formatCount(rows.length, locale) })}
            </Text>
          ) : null}
          <Tooltip label={t('health.events.exportHint', { max: formatCount(EXPORT_MAX_ROWS, locale) })}>
            <Button
              size="xs"
              variant="default"
              component="a"
              href={exportHref(filter)}
              download
              leftSection={<IconDownload size={14} />}
              data-testid="events-export"
            >
              {t('health.events.export')}
            </Button>
          </Tooltip>
        </Group>
      </Group>

      {list.isError && !rows ? (
        <Stack p="sm">
          <ErrorAlert error={list.error} title={t('health.events.loadError')} onRetry={() => void list.refetch()} retrying={list.isFetching} data-testid="events-error" />
        </Stack>
      ) : rows && rows.length === 0 ? (
        <ListEmptyState
          icon={<IconListSearch size={26} />}
          filtered={filtered}
          empty={{ title: t('health.events.empty.title'), description: provider ? t('health.events.empty.description') : t('health.events.empty.descriptionAll') }}
          noMatch={{ title: t('health.events.noMatch.title'), description: t('health.events.noMatch.description') }}
          clear={{ label: t('health.events.noMatch.clear'), onClick: () => onFiltersPatch(NO_FILTERS) }}
          testId="events-empty"
        />
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover data-testid="events-table" aria-busy={list.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('health.events.columns.time')}</Table.Th>
                  {provider ? null : <Table.Th>{t('health.events.columns.provider')}</Table.Th>}
                  <Table.Th>{t('health.events.columns.event')}</Table.Th>
                  <Table.Th>{t('health.events.columns.outcome')}</Table.Th>
                  <Table.Th ta="right">{t('health.events.columns.latency')}</Table.Th>
                  <Table.Th>{t('health.events.columns.error')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows
                  ? rows.map((e) => <EventRow key={e.id} event={e} showProvider={!provider} onOpen={() => setOpen(e)} />)
                  : <TableSkeletonRows rows={6} columns={provider ? 5 : 6} testId="events-loading-row" />}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage || list.isFetchNextPageError ? (
            <Stack align="center" p="sm" gap="xs">
              {list.isFetchNextPageError ? <ErrorAlert error={list.error} title={t('health.events.loadMoreError')} /> : null}
              <Button variant="default" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="events-load-more">
                {t('health.events.loadMore')}
              </Button>
            </Stack>
          ) : rows && rows.length > 0 ? (
            <Text size="xs" c="dimmed" ta="center" p="sm" data-testid="events-end">
              {t('health.events.allShown')}
            </Text>
          ) : null}
        </>
      )}
      <IntegrationEventDrawer event={open} onClose={() => setOpen(null)} />
    </Paper>
  );
}
