import 'react-big-calendar/lib/css/react-big-calendar.css';
import '../../components/calendar/calendar.css';
import { useCallback, useMemo, useState } from 'react';
import { Button, Paper, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Calendar, type Components, type Formats, type Messages, type SlotInfo, type View } from 'react-big-calendar';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import type { TEventDetail } from '../../../../shared/calendar-events.ts';
import { isStaff } from '../../../../shared/roles.ts';
import { useSessionUser, useTimeContext } from '../../app/session.tsx';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { CalendarToolbar } from '../../components/calendar/CalendarToolbar.tsx';
import { CalendarDisplayContext, CalendarEventContent, isShortEvent } from '../../components/calendar/CalendarEventContent.tsx';
import { DeleteEventModal } from '../../components/calendar/DeleteEventModal.tsx';
import { EventDetailDrawer } from '../../components/calendar/EventDetailDrawer.tsx';
import { EventFormModal, type EventFormTarget } from '../../components/calendar/EventFormModal.tsx';
import { toCalendarItem, type CalendarItem } from '../../components/calendar/calendar-items.ts';
import { timeParts } from '../../components/calendar/event-format.ts';
import { newEventValues, slotEventValues } from '../../components/calendar/event-form-values.ts';
import { useDefaultReminderMinutes, useEventsInRange } from '../../components/calendar/use-calendar-events.ts';
import { AGENDA_DAYS, createZonedLocalizer, fetchRange, visibleRange } from '../../components/calendar/zoned-localizer.ts';
import { CALENDAR_VIEWS, calendarDate, readCalendarLocation, urlDate, writeCalendarLocation, type CalendarView } from './calendar-url.ts';
import { usePatchSearchParams } from '../../lib/use-patch-search-params.ts';

/** Dates in the header and agenda: luxon tokens (in the viewer's zone via the localizer), or Intl in that zone. */
function calendarFormats(zone: string, locale: string): Formats {
  const range = (options: Intl.DateTimeFormatOptions) => ({ start, end }: { start: Date; end: Date }, culture?: string) =>
    new Intl.DateTimeFormat(culture, { ...options, timeZone: zone }).formatRange(start, end);
  const timeRange = range(timeParts(locale));
  // luxon's 't' writes "9:00" in 24-hour locales; Intl with timeParts writes "09:00" / "9:00 AM".
  const time = (date: Date, culture?: string) => new Intl.DateTimeFormat(culture, { ...timeParts(culture ?? locale), timeZone: zone }).format(date);
  return {
    dateFormat: 'd',
    dayFormat: 'EEE d',
    weekdayFormat: 'EEE',
    monthHeaderFormat: 'LLLL yyyy',
    dayHeaderFormat: 'DDDD',
    dayRangeHeaderFormat: range({ day: 'numeric', month: 'long', year: 'numeric' }),
    agendaHeaderFormat: range({ day: 'numeric', month: 'short', year: 'numeric' }),
    agendaDateFormat: 'EEE d MMM',
    agendaTimeFormat: time,
    agendaTimeRangeFormat: timeRange,
    timeGutterFormat: time,
    eventTimeRangeFormat: timeRange,
    selectRangeFormat: timeRange,
  };
}

export function CalendarPage() {
  const { t } = useTranslation();
  const me = useSessionUser();
  const ctx = useTimeContext();
  const zone = ctx.timeZone;
  const [params] = useSearchParams();
  const patchParams = usePatchSearchParams();
  const place = readCalendarLocation(params);
  const defaultReminderMinutes = useDefaultReminderMinutes();

  const localizer = useMemo(() => createZonedLocalizer(zone), [zone]);
  const date = useMemo(() => calendarDate(place.date, zone, new Date()), [place.date, zone]);
  const visible = useMemo(() => visibleRange(place.view, date, localizer), [place.view, date, localizer]);
  const range = useMemo(() => fetchRange(visible), [visible]);
  const events = useEventsInRange(range);
  const items = useMemo(() => (events.events ?? []).map((event) => toCalendarItem(event, zone)), [events.events, zone]);

  const navigate = useCallback(
    (next: Parameters<typeof writeCalendarLocation>[1], replace = false) => patchParams((prev) => writeCalendarLocation(prev, next), { replace }),
    [patchParams],
  );

  // The form and the delete confirmation outlive `opened` so they keep their text while animating out.
  const [form, setForm] = useState<{ target: EventFormTarget; opened: boolean } | null>(null);
  const [toDelete, setToDelete] = useState<{ event: TEventDetail; opened: boolean } | null>(null);
  const openForm = (target: EventFormTarget) => setForm({ target, opened: true });

  const onSelectSlot = (slot: SlotInfo) =>
    openForm({
      mode: 'create',
      values: slotEventValues({ start: slot.start, end: slot.end, slots: slot.slots, zone, monthView: place.view === 'month', defaultReminderMinutes }),
    });

  const messages = useMemo<Messages<CalendarItem>>(
    () => ({
      allDay: t('calendar.allDay'),
      date: t('calendar.agenda.date'),
      time: t('calendar.agenda.time'),
      event: t('calendar.agenda.event'),
      noEventsInRange: t('calendar.agenda.empty', { days: AGENDA_DAYS }),
      showMore: (count: number) => t('calendar.showMore', { count }),
      today: t('calendar.toolbar.today'),
      previous: t('calendar.toolbar.previous'),
      next: t('calendar.toolbar.next'),
      month: t('calendar.views.month'),
      week: t('calendar.views.week'),
      day: t('calendar.views.day'),
      agenda: t('calendar.views.agenda'),
    }),
    [t],
  );
  const formats = useMemo(() => calendarFormats(zone, ctx.locale), [zone, ctx.locale]);
  const loading = events.isFetching || !events.complete;
  const components = useMemo<Components<CalendarItem>>(
    () => ({
      event: CalendarEventContent,
      toolbar: (props) => <CalendarToolbar {...props} loading={loading} />,
    }),
    [loading],
  );
  const display = useMemo(() => ({ view: place.view as View, meId: me.id, zone, locale: ctx.locale }), [place.view, me.id, zone, ctx.locale]);
  const scrollToTime = useMemo(() => DateTime.now().setZone(zone).set({ hour: 7, minute: 30 }).toJSDate(), [zone]);

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        subtitle={t(isStaff(me.role) ? 'calendar.subtitleStaff' : 'calendar.subtitle', { zone })}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => openForm({ mode: 'create', values: newEventValues({ now: new Date(), zone, defaultReminderMinutes }) })}
            data-testid="calendar-new-event"
          >
            {t('calendar.newEvent')}
          </Button>
        }
      />
      <Stack gap="sm">
        {events.isError ? (
          <ErrorAlert
            error={events.error}
            title={t('calendar.loadError')}
            onRetry={() => void events.refetch()}
            retrying={events.isFetching}
            data-testid="calendar-error"
          />
        ) : null}
        <Paper withBorder p="sm" data-testid="calendar-view" data-view={place.view} aria-busy={loading}>
          <CalendarDisplayContext value={display}>
            <Calendar<CalendarItem>
              className="opsdeck-calendar"
              style={{ height: place.view === 'agenda' ? 'auto' : 'max(640px, calc(100dvh - 200px))' }}
              localizer={localizer}
              culture={ctx.locale}
              formats={formats}
              messages={messages}
              events={items}
              date={date}
              view={place.view}
              views={[...CALENDAR_VIEWS]}
              length={AGENDA_DAYS}
              onNavigate={(next) => navigate({ date: urlDate(next, zone, new Date()) })}
              onView={(view) => navigate({ view: view as CalendarView })}
              selectable
              popup
              onSelectSlot={onSelectSlot}
              onSelectEvent={(item) => navigate({ eventId: item.id })}
              eventPropGetter={(item) => ({
                className: [item.event.owner.id === me.id ? '' : 'opsdeck-event-other', isShortEvent(item) ? 'opsdeck-event-short' : '']
                  .filter(Boolean)
                  .join(' '),
              })}
              tooltipAccessor={null}
              components={components}
              scrollToTime={scrollToTime}
              step={30}
              timeslots={2}
            />
          </CalendarDisplayContext>
        </Paper>
      </Stack>

      <EventDetailDrawer
        eventId={place.eventId}
        opened={place.eventId !== null && !form?.opened && !toDelete?.opened}
        onClose={() => navigate({ eventId: null })}
        onEdit={(event) => openForm({ mode: 'edit', event })}
        onDelete={(event) => setToDelete({ event, opened: true })}
      />
      <EventFormModal target={form?.target ?? null} opened={form?.opened ?? false} onClose={() => setForm((f) => (f ? { ...f, opened: false } : null))} />
      <DeleteEventModal
        event={toDelete?.event ?? null}
        opened={toDelete?.opened ?? false}
        onClose={() => setToDelete((d) => (d ? { ...d, opened: false } : null))}
        onDeleted={() => {
          setToDelete((d) => (d ? { ...d, opened: false } : null));
          navigate({ eventId: null });
        }}
      />
    </>
  );
}
