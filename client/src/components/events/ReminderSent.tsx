import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TEventListItem } from '../../../../shared/calendar-events.ts';
import { STATUS_COLOR } from '../../app/theme.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatExact } from '../../lib/format-time.ts';
import { formatDateTimeIn, reminderDueAt, reminderStatus, type ReminderStatus } from '../calendar/event-format.ts';

/** Not yet due is no problem (grey); due and unsent is worth a look (amber); sent is healthy. */
const STATUS_BADGE: Record<Exclude<ReminderStatus, 'sent' | 'none'>, string> = {
  pending: STATUS_COLOR.noData,
  overdue: STATUS_COLOR.degraded,
  cancelled: STATUS_COLOR.noData,
};

/** "Sent 10 Mar, 13:30", or "Not sent" with why: pending (not due yet), overdue, or cancelled. */
export function ReminderSent({ event, size = 'sm' }: { event: TEventListItem; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const status = reminderStatus(event, new Date());
  if (status === 'none') {
    return (
      <Text span size={size} c="dimmed" data-reminder-status={status}>
        —
      </Text>
    );
  }
  if (status === 'sent') {
    const sentAt = event.reminderSentAt!; // 'sent' means it is set
    return (
      <Tooltip label={formatExact(sentAt, ctx)}>
        <Text span size={size} component="time" dateTime={sentAt.toISOString()} data-reminder-status={status}>
          {formatDateTimeIn(sentAt, ctx.timeZone, ctx.locale)}
        </Text>
      </Tooltip>
    );
  }
  const due = reminderDueAt(event);
  return (
    <Group gap={6} wrap="nowrap" data-reminder-status={status}>
      <Text span size={size} style={{ whiteSpace: 'nowrap' }}>
        {t('events.reminder.notSent')}
      </Text>
      <Tooltip label={due ? t('events.reminder.dueAt', { time: formatExact(due, ctx) }) : ''} disabled={!due}>
        <Badge color={STATUS_BADGE[status]} variant="light" style={{ flexShrink: 0, overflow: 'visible' }}>
          {t(`events.reminder.${status}`)}
        </Badge>
      </Tooltip>
    </Group>
  );
}
