// Which events a feed carries. The window is rounded to whole UTC days so that the feed, and
// its ETag, stay the same for a whole day instead of changing on every poll.
import type { Prisma } from '../db.ts';
import { visibleEventsWhere, type Viewer } from '../calendar/event-visibility.ts';
import { isStaff } from '../../shared/roles.ts';

export const FEED_PAST_DAYS = 90;
export const FEED_FUTURE_YEARS = 2;
const DAY_MS = 86_400_000;

export type FeedWindow = { from: Date; to: Date };

export function feedWindow(now: Date = new Date()): FeedWindow {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  return { from: new Date(Date.UTC(y, m, d) - FEED_PAST_DAYS * DAY_MS), to: new Date(Date.UTC(y + FEED_FUTURE_YEARS, m, d)) };
}

/** Live events of the window the owner may see (THE visibility rule), as a Prisma filter. */
export function feedEventsWhere(owner: Viewer, window: FeedWindow): Prisma.CalendarEventWhereInput {
  return {
    AND: [
      visibleEventsWhere({ id: owner.id, role: owner.role }),
      { startsAt: { lt: window.to } },
      { endsAt: { gt: window.from } },
      { deletedAt: null },
      ...(owner.role === 'SUPPORT' ? [{ OR: [{ private: false }, { ownerId: owner.id }, { attendees: { some: { userId: owner.id } } }] }] : []),
    ],
  };
}

/**
 * A support user's feed carries other people's private events not at all, grant or not: the
 * rendered text is cached per event for every feed, and a grant's expiry does not change the
 * feed's ETag, so a withheld-description variant could not be kept right (issue 9).
 */
function supportPrivateSql(viewer: string): string {
  return ` AND (NOT e."private" OR e."ownerId" = ${viewer} OR EXISTS (SELECT 1 FROM "Attendee" a WHERE a."eventId" = e."id" AND a."userId" = ${viewer}))`;
}

/**
 * The same events as SQL, for the feed's reads of thousands of rows, where Prisma's per-row
 * cost dominated: `SELECT <columns>` over `"CalendarEvent" e JOIN "User" o` (the owner), in
 * feed order. `columns` must name `e."id"` and `e."startsAt"` AS "id" and "startsAt" (the
 * order). Whether the owner sees everything is still decided by isStaff, and the tests compare
 * the feed with a render from feedEventsWhere. A USER's events are read as two index-driven
 * branches (owned; attended and not owned), not as `owner OR EXISTS(attendee)`, which made
 * PostgreSQL walk every user's events of the window. Instants go in as UTC ISO strings: the
 * columns are `timestamp without time zone` holding UTC, and node-postgres would send a Date in
 * the process's local zone. Placeholders are numbered from `first`.
 */
export function feedEventsSql(owner: Viewer, window: FeedWindow, columns: string, first: number): { text: string; values: string[] } {
  const from = `"CalendarEvent" e JOIN "User" o ON o."id" = e."ownerId"`;
  const range = `e."startsAt" < $${first}::timestamp AND e."endsAt" > $${first + 1}::timestamp AND e."deletedAt" IS NULL`;
  const values = [window.to.toISOString(), window.from.toISOString()];
  if (owner.role === 'SUPPORT') {
    return { text: `SELECT ${columns} FROM ${from} WHERE ${range}${supportPrivateSql(`$${first + 2}::uuid`)} ORDER BY e."startsAt", e."id"`, values: [...values, owner.id] };
  }
  if (isStaff(owner.role)) return { text: `SELECT ${columns} FROM ${from} WHERE ${range} ORDER BY e."startsAt", e."id"`, values };
  const viewer = `$${first + 2}::uuid`;
  // The attended events by primary key (an id array is an index condition, a join made the
  // planner scan the table); an array also yields each event once.
  const text = `SELECT * FROM (
      SELECT ${columns} FROM ${from} WHERE e."ownerId" = ${viewer} AND ${range}
      UNION ALL
      SELECT ${columns} FROM ${from}
      WHERE e."id" = ANY(ARRAY(SELECT a."eventId" FROM "Attendee" a WHERE a."userId" = ${viewer}))
        AND e."ownerId" <> ${viewer} AND ${range}
    ) v ORDER BY v."startsAt", v."id"`;
  return { text, values: [...values, owner.id] };
}
