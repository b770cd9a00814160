// A strong ETag computed WITHOUT rendering: one aggregate over the same events the feed would
// carry. Any change to them bumps updatedAt (a soft delete too, hence deleted rows are counted)
// or changes the count; the window moves once a day; the rest covers the header and the format.
import { createHash } from 'node:crypto';
import { getDb } from '../db.ts';
import type { TIcsFeedMode } from '../../shared/ics.ts';
import { feedEventsWhere, type FeedWindow } from './feed-window.ts';
import { feedHost, type FeedOwner } from './render-ics-feed.ts';

/** Bump when the rendered text changes for the same data (new properties, other escaping). */
export const ICS_FEED_FORMAT_VERSION = 1;

export async function computeFeedEtag(opts: {
  tokenId: string;
  mode: TIcsFeedMode;
  owner: FeedOwner;
  linkName: string;
  window: FeedWindow;
}): Promise<string> {
  const stats = await getDb().calendarEvent.aggregate({
    where: feedEventsWhere(opts.owner, opts.window, { includeDeleted: true }),
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  const parts = [
    ICS_FEED_FORMAT_VERSION,
    opts.tokenId,
    opts.mode,
    opts.owner.id,
    opts.owner.role,
    opts.owner.name,
    opts.linkName,
    feedHost(),
    stats._count._all,
    stats._max.updatedAt?.toISOString() ?? '-',
    opts.window.from.toISOString().slice(0, 10),
    opts.window.to.toISOString().slice(0, 10),
  ];
  const digest = createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32);
  return `"ics${ICS_FEED_FORMAT_VERSION}-${digest}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored; `*` matches. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}
