// Bench data: one USER per size owning most of their events and attending some of a
// colleague's, with realistic text (Turkish titles, multi-line descriptions that fold),
// all-day events, attendees with RSVP states, a few deleted and out-of-window rows. Written
// with createMany in batches (Prisma splits nothing for us; 1,000 rows stay far under the
// 32,767 bind-parameter cap).
import { randomUUID } from 'node:crypto';
import { getDb, type Prisma } from '../../server/db.ts';

const TITLES = ['Duruşma', 'Keşif', 'Bilirkişi toplantısı', 'Müvekkil görüşmesi', 'Arabuluculuk', 'Tanık dinleme', 'İcra takibi', 'Sözleşme incelemesi'];
const PLACES = ['İstanbul Çağlayan Adliyesi, Salon 12', 'Ankara Bölge Adliye Mahkemesi; Kat 3', 'Ofis — Toplantı odası Ğ', 'Video call', 'İzmir Adliyesi'];
const NAMES = ['Ayşe Yılmaz', 'Çağrı Öztürk', 'Şule Güneş', 'İsmail Doğan', 'Zeynep "Zee" Kaya', 'Ömer Faruk Çelik'];
const RSVPS = ['NEEDS_ACTION', 'ACCEPTED', 'DECLINED', 'TENTATIVE'] as const;
const BATCH = 1_000;
const DAY = 86_400_000;

export type SeededFeed = { userId: string; userName: string; visible: number };

// Deterministic, so every run renders the same bytes.
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

async function createUser(label: string): Promise<{ id: string; name: string; email: string }> {
  const unique = randomUUID().slice(0, 8);
  return getDb().user.create({
    data: { email: `${label}-${unique}@bench.opsdeck`, name: `Av. ${label} Öztürk-Şahin`, passwordHash: 'not-used', role: 'USER' },
    select: { id: true, name: true, email: true },
  });
}

/**
 * `visible` events in the current feed window for a new user: ~90% owned, ~10% owned by a
 * colleague with the user as attendee. Plus 2% deleted and 2% outside the window (not visible).
 */
export async function seedFeedEvents(visible: number, now = new Date()): Promise<SeededFeed> {
  const random = rng(visible);
  const user = await createUser(`u${visible}`);
  const colleague = await createUser(`c${visible}`);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

  const events: Prisma.CalendarEventCreateManyInput[] = [];
  const attendees: Prisma.AttendeeCreateManyInput[] = [];
  const hidden = Math.round(visible * 0.04);
  for (let i = 0; i < visible + hidden; i++) {
    const id = randomUUID();
    const attending = i % 10 === 9;
    const deleted = i >= visible && i % 2 === 0;
    const outside = i >= visible && !deleted;
    // Spread over the window: 80 days back to ~700 days ahead.
    const dayOffset = outside ? -400 - Math.floor(random() * 100) : Math.floor(random() * 780) - 80;
    const allDay = random() < 0.1;
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + dayOffset * DAY + (allDay ? -3 * 3600_000 : (7 + Math.floor(random() * 10)) * 3600_000));
    const end = new Date(start.getTime() + (allDay ? DAY : (1 + Math.floor(random() * 4)) * 1800_000));
    const dateOnly = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
    const withDescription = random() < 0.6;
    events.push({
      id,
      ownerId: attending ? colleague.id : user.id,
      title: `${pick(TITLES)} — Dosya ${2024 + (i % 3)}/${1000 + i} ${pick(NAMES)}`,
      description: withDescription
        ? `Dosya no: ${i}\nGündem: ${pick(TITLES)}, ${pick(TITLES)}; hazırlık notları.\n${'Müvekkil ile görüşülecek konular ve belgeler. '.repeat(1 + Math.floor(random() * 4))}`
        : null,
      location: random() < 0.7 ? pick(PLACES) : null,
      startsAt: start,
      endsAt: end,
      timezone: 'Europe/Istanbul',
      allDay,
      allDayStart: allDay ? dateOnly(start) : null,
      allDayEnd: allDay ? dateOnly(end) : null,
      sequence: Math.floor(random() * 4),
      deletedAt: deleted ? new Date() : null,
    });
    const guests = attending ? 1 : random() < 0.35 ? 1 + Math.floor(random() * 3) : 0;
    for (let g = 0; g < guests; g++) {
      const self = attending && g === 0;
      attendees.push({
        eventId: id,
        email: self ? user.email : `guest${g}-${i % 50}@example.com.tr`,
        name: self ? user.name : random() < 0.8 ? pick(NAMES) : null,
        userId: self ? user.id : null,
        rsvp: pick(RSVPS),
      });
    }
  }
  for (let i = 0; i < events.length; i += BATCH) await getDb().calendarEvent.createMany({ data: events.slice(i, i + BATCH) });
  for (let i = 0; i < attendees.length; i += BATCH) await getDb().attendee.createMany({ data: attendees.slice(i, i + BATCH) });
  return { userId: user.id, userName: user.name, visible };
}
