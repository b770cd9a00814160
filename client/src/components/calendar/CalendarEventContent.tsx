import { createContext, use } from 'react';
import type { EventProps, View } from 'react-big-calendar';
import { formatTime } from './event-format.ts';
import type { CalendarItem } from './calendar-items.ts';

export type CalendarDisplay = { view: View; meId: string; zone: string; locale: string };
export const CalendarDisplayContext = createContext<CalendarDisplay | null>(null);

/** Too short for the time grid's two lines (time label, then title): drawn on one line. */
export function isShortEvent(item: Pick<CalendarItem, 'start' | 'end' | 'allDay'>): boolean {
  return !item.allDay && item.end.getTime() - item.start.getTime() <= 45 * 60_000;
}

/**
 * One event as the calendar draws it (components.event, every view). The month grid and short
 * events in the time grid get the start time in front (the library shows none there, or has no
 * room for it); other people's events carry the organiser's name, so staff looking at everyone's
 * calendar can tell whose each one is.
 */
export function CalendarEventContent({ event }: EventProps<CalendarItem>) {
  const display = use(CalendarDisplayContext);
  const item = event.event;
  const owner = display && item.owner.id !== display.meId ? item.owner.name : null;
  const timeInFront = display && !event.allDay && (display.view === 'month' || ((display.view === 'week' || display.view === 'day') && isShortEvent(event)));
  const time = timeInFront ? formatTime(event.start, display.zone, display.locale) : null;
  const agenda = display?.view === 'agenda';
  return (
    <span
      data-testid="calendar-event"
      data-event-id={item.id}
      data-all-day={event.allDay}
      title={[item.title, item.location, owner].filter(Boolean).join(' · ')}
      style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: timeInFront ? 'nowrap' : undefined }}
    >
      {agenda ? <span className="opsdeck-agenda-dot" aria-hidden /> : null}
      {time ? (
        <span className="opsdeck-event-time" style={{ fontVariantNumeric: 'tabular-nums', opacity: 0.85, marginRight: 4 }}>
          {time}
        </span>
      ) : null}
      <span style={{ fontWeight: 600 }} data-testid="calendar-event-title">
        {item.title}
      </span>
      {owner ? <span style={{ opacity: 0.8 }}>{` · ${owner}`}</span> : null}
      {agenda && item.location ? <span style={{ opacity: 0.7 }}>{` · ${item.location}`}</span> : null}
    </span>
  );
}
