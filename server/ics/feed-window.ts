// Which events a feed carries. The window is rounded to whole UTC days so that the feed, and
// its ETag, stay the same for a whole day instead of changing on every poll.
import type { Prisma } from '../db.ts';
import { visibleEventsWhere, type Viewer } from '../calendar/event-visibility.ts';

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

/**
 * Events of the window the owner may see (THE visibility rule). `includeDeleted` is for the ETag:
 * a soft delete bumps updatedAt, and that must change the tag even though the event leaves the feed.
 */
export function feedEventsWhere(owner: Viewer, window: FeedWindow, opts: { includeDeleted: boolean }): Prisma.CalendarEventWhereInput {
  return {
    AND: [
      visibleEventsWhere({ id: owner.id, role: owner.role }),
      { startsAt: { lt: window.to }, endsAt: { gt: window.from } },
      opts.includeDeleted ? {} : { deletedAt: null },
    ],
  };
}
