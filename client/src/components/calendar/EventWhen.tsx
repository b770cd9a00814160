import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TEventListItem } from '../../../../shared/calendar-events.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatEventRange, showsOtherZone } from './event-format.ts';

/** The event's time in the viewer's zone and, when it was entered in another zone, in that one. */
export function EventWhen({ event, size = 'sm' }: { event: TEventListItem; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const other = showsOtherZone(event, ctx.timeZone);
  return (
    <Stack gap={2}>
      <Text size={size} fw={500} data-testid="event-when">
        {formatEventRange(event, ctx.timeZone, ctx.locale)}
        {event.allDay ? (
          <Text span c="dimmed" size={size}>
            {' · '}
            {t('calendar.allDay')}
          </Text>
        ) : null}
      </Text>
      <Text size="xs" c="dimmed" data-testid="event-when-zone">
        {other
          ? t('calendar.detail.inEventZone', { when: formatEventRange(event, event.timezone, ctx.locale), zone: event.timezone })
          : event.allDay
            ? t('calendar.detail.allDayZone', { zone: event.timezone })
            : t('calendar.detail.inYourZone', { zone: ctx.timeZone })}
      </Text>
    </Stack>
  );
}
