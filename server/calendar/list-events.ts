// Event lists for calendars (ascending, a visible range) and for support (newest first,
// search). Keyset pagination on (startsAt, id): stable under inserts, and a cursor is only
// a position, so a forged one can reveal nothing the visibility rule does not already allow.
import { getDb, type Prisma } from '../db.ts';
import { AppError } from '../errors.ts';
import type { TEventsListInput, TEventsListOutput } from '../../shared/calendar-events.ts';
import { ZEventsListInput } from '../../shared/calendar-events.ts';
import { isStaff } from '../../shared/roles.ts';
import { visibleEventsWhere, type Viewer } from './event-visibility.ts';
import { eventListSelect, toEventListItem } from './event-select.ts';

type Cursor = { startsAt: Date; id: string };

export function encodeEventsCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.startsAt.toISOString(), c.id])).toString('base64url');
}

function decodeEventsCursor(raw: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    const startsAt = new Date(String(at));
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(startsAt.getTime())) throw new Error('shape');
    return { startsAt, id };
  } catch {
    throw new AppError('INVALID_INPUT', 'This page link is no longer valid, start from the first page', {
      fieldErrors: { cursor: ['Not a cursor from a previous page'] },
    });
  }
}

function searchWhere(search: string): Prisma.CalendarEventWhereInput {
  const contains = { contains: search, mode: 'insensitive' as const };
  return {
    OR: [
      { title: contains },
      { location: contains },
      { owner: { OR: [{ email: contains }, { name: contains }] } },
      { attendees: { some: { OR: [{ email: contains }, { name: contains }] } } },
    ],
  };
}

export async function listEvents(viewer: Viewer, rawInput: TEventsListInput): Promise<TEventsListOutput> {
  const input = ZEventsListInput.parse(rawInput);
  const staff = isStaff(viewer.role);
  const and: Prisma.CalendarEventWhereInput[] = [visibleEventsWhere(viewer)];
  // Cancelled events are history for support; for everyone else they are gone.
  if (!(staff && input.includeDeleted)) and.push({ deletedAt: null });
  if (input.from) and.push({ endsAt: { gt: input.from } });
  if (input.to) and.push({ startsAt: { lt: input.to } });
  if (input.search) and.push(searchWhere(input.search));
  if (input.userId) and.push({ OR: [{ ownerId: input.userId }, { attendees: { some: { userId: input.userId } } }] });
  if (input.cursor) {
    const c = decodeEventsCursor(input.cursor);
    const after = input.order === 'asc' ? 'gt' : 'lt';
    and.push({ OR: [{ startsAt: { [after]: c.startsAt } }, { startsAt: c.startsAt, id: { [after]: c.id } }] });
  }

  const rows = await getDb().calendarEvent.findMany({
    where: { AND: and },
    select: eventListSelect,
    orderBy: [{ startsAt: input.order }, { id: input.order }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toEventListItem),
    nextCursor: rows.length > input.limit && last ? encodeEventsCursor(last) : null,
  };
}
