// Events as react-big-calendar draws them. Timed events are instants, shown wherever they fall
// in the viewer's zone. All-day events are dates: they sit on the same dates for everyone, so
// they are pinned to the viewer's midnights, not to the event zone's (which could move them a day).
import { DateTime } from 'luxon';
import type { TEventListItem } from '../../../../shared/calendar-events.ts';

export type CalendarItem = {
  id: string;
  title: string;
  start: Date;
  end: Date;
  allDay: boolean;
  event: TEventListItem;
};

export function toCalendarItem(event: TEventListItem, viewerZone: string): CalendarItem {
  if (event.allDay) {
    const start = DateTime.fromISO(event.start, { zone: viewerZone }).startOf('day');
    // The contract's end date is inclusive; the calendar wants the exclusive midnight after it.
    const end = DateTime.fromISO(event.end, { zone: viewerZone }).plus({ days: 1 }).startOf('day');
    return { id: event.id, title: event.title, start: start.toJSDate(), end: end.toJSDate(), allDay: true, event };
  }
  return { id: event.id, title: event.title, start: event.startsAt, end: event.endsAt, allDay: false, event };
}
