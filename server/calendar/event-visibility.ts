// The one visibility rule for calendar events, used by every path that reads them:
// lists, event detail, ICS feeds, reminders. A USER sees what they own or attend;
// SUPPORT and ADMIN see everything. Deleted events are a separate filter (feeds and
// Google need cancellations), so callers add `deletedAt: null` where they mean "live".
import type { Prisma } from '../db.ts';
import { isStaff, type TRole } from '../../shared/roles.ts';

export type Viewer = { id: string; role: TRole };

export function visibleEventsWhere(viewer: Viewer): Prisma.CalendarEventWhereInput {
  if (isStaff(viewer.role)) return {};
  return { OR: [{ ownerId: viewer.id }, { attendees: { some: { userId: viewer.id } } }] };
}

/** Only owners and staff change an event; attendees see it but do not edit it. */
export function editableEventsWhere(viewer: Viewer): Prisma.CalendarEventWhereInput {
  if (isStaff(viewer.role)) return {};
  return { ownerId: viewer.id };
}
