import { Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TEventListItem } from '../../../../shared/calendar-events.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatExact } from '../../lib/format-time.ts';
import { formatCalendarDate, formatDateTimeIn, showsOtherZone } from '../calendar/event-format.ts';

/** The start in the viewer's zone; below it, the event's own zone (and its clock when that differs). */
export function EventStart({ event }: { event: TEventListItem }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  if (event.allDay) {
    return (
      <Stack gap={0}>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatCalendarDate(event.start, ctx.locale)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('calendar.allDay')}
        </Text>
      </Stack>
    );
  }
  const other = showsOtherZone(event, ctx.timeZone);
  return (
    <Stack gap={0}>
      <Tooltip label={formatExact(event.startsAt, ctx)}>
        <Text size="sm" component="time" dateTime={event.startsAt.toISOString()} style={{ whiteSpace: 'nowrap' }} data-testid="events-row-start">
          {formatDateTimeIn(event.startsAt, ctx.timeZone, ctx.locale)}
        </Text>
      </Tooltip>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {other ? `${formatDateTimeIn(event.startsAt, event.timezone, ctx.locale)} · ${event.timezone}` : event.timezone}
      </Text>
    </Stack>
  );
}
