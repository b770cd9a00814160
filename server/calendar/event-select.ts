// Explicit selects (convention 6) and the mapping to the shared DTOs: nothing reaches the
// client that is not named here.
import type { Prisma } from '../db.ts';
import type { TEventDetail, TEventListItem } from '../../shared/calendar-events.ts';
import { isStaff } from '../../shared/roles.ts';
import type { Viewer } from './event-visibility.ts';
import { toWallClock } from './event-time.ts';

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

export function toEventDetail(row: DetailRow, viewer: Viewer): TEventDetail {
  const { description, createdAt, attendees, ...listRow } = row;
  const mine = attendees.find((a) => a.userId === viewer.id);
  return {
    ...toEventListItem(listRow),
    description,
    createdAt,
    attendees,
    canEdit: row.deletedAt === null && (isStaff(viewer.role) || row.owner.id === viewer.id),
    myRsvp: mine?.rsvp ?? null,
  };
}
