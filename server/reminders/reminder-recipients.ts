// Who gets a reminder: the organiser and the attendees, once per address, in the zone and
// language of their account when they have one (the event's zone otherwise).
import type { Prisma } from '../db.ts';
import { feedEventSelect } from '../ics/render-ics-event.ts';
import type { ReminderRecipient } from './render-reminder-email.ts';

const personSelect = { timezone: true, locale: true, disabledAt: true } satisfies Prisma.UserSelect;

export const reminderEventSelect = {
  ...feedEventSelect,
  reminderMinutes: true,
  reminderSentAt: true,
  deletedAt: true,
  owner: { select: { id: true, name: true, email: true, ...personSelect } },
  attendees: {
    select: { email: true, name: true, rsvp: true, userId: true, user: { select: personSelect } },
    orderBy: { email: 'asc' },
  },
} satisfies Prisma.CalendarEventSelect;

export type ReminderEventRow = Prisma.CalendarEventGetPayload<{ select: typeof reminderEventSelect }>;

export type PlannedRecipient = ReminderRecipient & {
  userId: string | null;
  /** Why this recipient is not mailed; null when they are. */
  skip: 'DECLINED' | 'DISABLED' | null;
};

export function reminderRecipients(event: ReminderEventRow): PlannedRecipient[] {
  const byEmail = new Map<string, PlannedRecipient>();
  const { owner } = event;
  byEmail.set(owner.email.toLowerCase(), {
    email: owner.email.toLowerCase(),
    name: owner.name,
    timezone: owner.timezone,
    locale: owner.locale,
    userId: owner.id,
    skip: owner.disabledAt ? 'DISABLED' : null,
  });
  for (const a of event.attendees) {
    const email = a.email.toLowerCase();
    if (byEmail.has(email)) continue; // the organiser listed as an attendee, or a repeat
    byEmail.set(email, {
      email,
      name: a.name,
      timezone: a.user?.timezone ?? event.timezone,
      locale: a.user?.locale ?? 'en',
      userId: a.userId,
      skip: a.rsvp === 'DECLINED' ? 'DECLINED' : a.user?.disabledAt ? 'DISABLED' : null,
    });
  }
  return [...byEmail.values()];
}

/** The reminder window's fingerprint: a moved start or a new lead time is a new window. */
export function reminderWindowKey(event: { startsAt: Date; reminderMinutes: number }): string {
  return `${event.startsAt.toISOString()}|${event.reminderMinutes}`;
}
