// Explicit selects (convention 6) and the mapping to the shared DTOs: nothing reaches the
// client that is not named here.
import type { Prisma } from '../db.ts';
import type { TEventDetail, TEventListItem } from '../../shared/calendar-events.ts';
import { isStaff } from '../../shared/roles.ts';
import type { Viewer } from './event-visibility.ts';
import { toWallClock } from './event-time.ts';
import type { PrivateAccess } from './private-access.ts';

export const eventListSelect = {
  id: true,
  title: true,
  location: true,
  timezone: true,
  allDay: true,
  startsAt: true,
  endsAt: true,
  allDayStart: true,
  allDayEnd: true,
  reminderMinutes: true,
  reminderSentAt: true,
  private: true,
  sequence: true,
  deletedAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true, email: true } },
  _count: { select: { attendees: true } },
} satisfies Prisma.CalendarEventSelect;

export const eventDetailSelect = {
  ...eventListSelect,
  description: true,
  createdAt: true,
  attendees: { select: { id: true, email: true, name: true, userId: true, rsvp: true }, orderBy: { email: 'asc' } },
} satisfies Prisma.CalendarEventSelect;

type ListRow = Prisma.CalendarEventGetPayload<{ select: typeof eventListSelect }>;
type DetailRow = Prisma.CalendarEventGetPayload<{ select: typeof eventDetailSelect }>;

export function toEventListItem(row: ListRow): TEventListItem {
  const { _count, allDayStart: _s, allDayEnd: _e, ...rest } = row;
  return { ...rest, ...toWallClock(row), attendeeCount: _count.attendees };
}

/** `access` decides whether a private event's description reaches this viewer (private-access.ts). */
export function toEventDetail(row: DetailRow, viewer: Viewer, access: PrivateAccess): TEventDetail {
  const { description, createdAt, attendees, ...listRow } = row;
  const mine = attendees.find((a) => a.userId === viewer.id);
  const withheld = !access.canRead({ private: row.private, ownerId: row.owner.id, attendeeUserIds: attendees.map((a) => a.userId) });
  return {
    ...toEventListItem(listRow),
    description: withheld ? null : description,
    descriptionWithheld: withheld,
    createdAt,
    attendees,
    canEdit: row.deletedAt === null && (isStaff(viewer.role) || row.owner.id === viewer.id),
    myRsvp: mine?.rsvp ?? null,
  };
}
