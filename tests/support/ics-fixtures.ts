// Calendar rows for the ICS tests, written straight through Prisma so these tests do not
// depend on the event services (built separately).
import { getDb } from '../../server/db.ts';

type AttendeeInput = { email: string; name?: string | null; userId?: string | null; rsvp?: 'NEEDS_ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' };

export async function createEventRow(opts: {
  ownerId: string;
  title?: string;
  description?: string | null;
  location?: string | null;
  startsAt?: Date;
  endsAt?: Date;
  timezone?: string;
  allDay?: boolean;
  allDayStart?: Date | null;
  allDayEnd?: Date | null;
  sequence?: number;
  deletedAt?: Date | null;
  attendees?: AttendeeInput[];
}) {
  const startsAt = opts.startsAt ?? new Date(Date.now() + 86_400_000);
  return getDb().calendarEvent.create({
    data: {
      ownerId: opts.ownerId,
      title: opts.title ?? 'Hearing',
      description: opts.description ?? null,
      location: opts.location ?? null,
      startsAt,
      endsAt: opts.endsAt ?? new Date(startsAt.getTime() + 3600_000),
      timezone: opts.timezone ?? 'UTC',
      allDay: opts.allDay ?? false,
      allDayStart: opts.allDayStart ?? null,
      allDayEnd: opts.allDayEnd ?? null,
      sequence: opts.sequence ?? 0,
      deletedAt: opts.deletedAt ?? null,
      attendees: opts.attendees?.length
        ? { create: opts.attendees.map((a) => ({ email: a.email, name: a.name ?? null, userId: a.userId ?? null, rsvp: a.rsvp ?? 'NEEDS_ACTION' })) }
        : undefined,
    },
    select: { id: true, updatedAt: true },
  });
}

/** The path of a feed URL (its host is PUBLIC_BASE_URL, not the test server). */
export function feedPath(url: string): string {
  return new URL(url).pathname;
}
