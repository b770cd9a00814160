import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TEventListItem } from '../../../../shared/calendar-events.ts';
import { reminderLabel } from '../calendar/reminder-label.ts';
import { EventStart } from './EventStart.tsx';
import { ReminderSent } from './ReminderSent.tsx';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';

const COLUMNS = 7;

function EventRow({ event, search }: { event: TEventListItem; search: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const to = `/events/${event.id}`;
  const open = () => navigate(to, { state: { listSearch: search } });
  const cancelled = event.deletedAt !== null;
  return (
    <Table.Tr
      data-testid="events-row"
      data-event-id={event.id}
      data-status={cancelled ? 'cancelled' : 'scheduled'}
      onClick={open}
      style={{ cursor: 'pointer' }}
    >
      <Table.Td>
        <EventStart event={event} />
      </Table.Td>
      <Table.Td maw={300}>
        <Stack gap={0}>
          {/* A real link too: keyboard users and "open in new tab" get the detail page. */}
          <Anchor
            component={Link}
            to={to}
            state={{ listSearch: search }}
            size="sm"
            fw={500}
            c={cancelled ? 'dimmed' : undefined}
            td={cancelled ? 'line-through' : undefined}
            onClick={(e) => e.stopPropagation()}
            lineClamp={2}
            data-testid="events-row-title"
          >
            {event.title}
          </Anchor>
          {event.location ? (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {event.location}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm" lineClamp={1}>
            {event.owner.name}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {event.owner.email}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={event.reminderMinutes === null ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {reminderLabel(t, event.reminderMinutes)}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <ReminderSent event={event} />
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {event.attendeeCount}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {cancelled ? (
          <Badge color="gray" variant="filled" style={{ overflow: 'visible' }} data-testid="events-row-cancelled">
            {t('events.status.cancelled')}
          </Badge>
        ) : (
          <Text span size="xs" c="dimmed">
            {t('events.status.scheduled')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Calendar events for support: when, what, whose, and where the reminder stands. */
export function EventsTable({ events, loading, search }: { events: TEventListItem[] | undefined; loading: boolean; search: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table highlightOnHover data-testid="events-table" aria-busy={loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('events.columns.start')}</Table.Th>
            <Table.Th>{t('events.columns.title')}</Table.Th>
            <Table.Th>{t('events.columns.owner')}</Table.Th>
            <Table.Th>{t('events.columns.reminder')}</Table.Th>
            <Table.Th>{t('events.columns.reminderSentAt')}</Table.Th>
            <Table.Th ta="right" title={t('events.columns.attendees')}>
              {t('events.columns.attendeesShort')}
            </Table.Th>
            <Table.Th>{t('events.columns.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events
            ? events.map((event) => <EventRow key={event.id} event={event} search={search} />)
            : <TableSkeletonRows rows={6} columns={COLUMNS} narrow={{ column: 5, width: 24 }} testId="events-loading-row" />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
