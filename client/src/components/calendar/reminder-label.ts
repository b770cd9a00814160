import type { TFunction } from 'i18next';
import { reminderLead } from './event-format.ts';

/** "15 min before", "1 hour before", "2 days before", "At the start"; "No reminder" for null. */
export function reminderLabel(t: TFunction, minutes: number | null): string {
  if (minutes === null) return t('calendar.reminder.none');
  const lead = reminderLead(minutes);
  switch (lead.unit) {
    case 'atStart':
      return t('calendar.reminder.atStart');
    case 'days':
      return t('calendar.reminder.days', { count: lead.count });
    case 'hours':
      return t('calendar.reminder.hours', { count: lead.count });
    default:
      return t('calendar.reminder.minutes', { count: lead.count });
  }
}
