// A believable fortnight for the demo user, built through the same service as the event
// form (so demo data obeys every rule real data does): hearings, client meetings, an
// all-day filing deadline, an event the user attends but does not own.
import { DateTime } from 'luxon';
import { createEvent } from '../calendar/create-event.ts';
import type { TEventCreateInput } from '../../shared/calendar-events.ts';
import type { Viewer } from '../calendar/event-visibility.ts';

const ZONE = 'Europe/Istanbul';

type DemoEvent = { dayOffset: number; at?: string; minutes?: number; allDay?: boolean } & Omit<TEventCreateInput, 'start' | 'end' | 'timezone'>;

const USER_EVENTS: DemoEvent[] = [
  { dayOffset: -3, at: '10:00', minutes: 60, title: 'Müvekkil görüşmesi — Yılmaz', location: 'Ofis, Toplantı odası 2', reminderMinutes: 30 },
  { dayOffset: -1, at: '14:30', minutes: 90, title: 'Keşif — Şişli', location: 'Şişli, İstanbul', reminderMinutes: 60 },
  { dayOffset: 0, at: '16:00', minutes: 30, title: 'Weekly sync', reminderMinutes: 10, attendees: [{ email: 'support@opsdeck.local', name: 'Sami Support' }] },
  { dayOffset: 1, at: '09:30', minutes: 120, title: 'Duruşma — İstanbul 3. Asliye Ticaret', location: 'Çağlayan Adliyesi', description: 'Dosya no 2026/1234. Tanık listesini getir.', reminderMinutes: 120 },
  { dayOffset: 2, allDay: true, title: 'İstinaf süresi son gün', reminderMinutes: 1440 },
  { dayOffset: 3, at: '11:00', minutes: 45, title: 'Call with Acme legal', attendees: [{ email: 'counsel@acme.example', name: 'Jane Counsel' }], reminderMinutes: 15 },
  { dayOffset: 6, at: '13:00', minutes: 60, title: 'Arabuluculuk toplantısı', location: 'Beşiktaş Arabuluculuk Merkezi', reminderMinutes: 60 },
  { dayOffset: 9, allDay: true, minutes: 2 * 1440, title: 'Eğitim: KVKK semineri' },
  { dayOffset: 12, at: '10:30', minutes: 60, title: 'Bilirkişi raporu teslimi', reminderMinutes: 1440 },
];

function toInput(e: DemoEvent, today: DateTime): TEventCreateInput {
  const { dayOffset, at, minutes = 60, allDay, ...fields } = e;
  const day = today.plus({ days: dayOffset });
  if (allDay) {
    const lastDay = day.plus({ days: Math.max(0, Math.ceil(minutes / 1440) - 1) });
    return { ...fields, timezone: ZONE, allDay: true, start: day.toISODate()!, end: lastDay.toISODate()! };
  }
  const [h, m] = (at ?? '09:00').split(':').map(Number);
  const start = day.set({ hour: h, minute: m });
  return { ...fields, timezone: ZONE, start: start.toFormat("yyyy-MM-dd'T'HH:mm"), end: start.plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm") };
}

export async function seedDemoEvents(people: { user: Viewer; support: Viewer }, now = new Date()): Promise<number> {
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  for (const e of USER_EVENTS) await createEvent(people.user, toInput(e, today));
  // Owned by support, attended by the demo user: shows the "attending" side of visibility.
  await createEvent(
    people.support,
    toInput({ dayOffset: 4, at: '15:00', minutes: 30, title: 'Destek: takvim senkron kontrolü', attendees: [{ email: 'user@opsdeck.local', name: 'Umut User' }], reminderMinutes: 15 }, today),
  );
  return USER_EVENTS.length + 1;
}
