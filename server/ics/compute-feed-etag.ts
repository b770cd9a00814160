// A strong ETag computed WITHOUT reading events or rendering: the owner's feed version (kept
// by triggers, see find-feed-token.ts) changes with every committed change to anything the
// feed may show; the window moves once a day; the rest covers the header, the link and the
// format. So a poll that ends in 304 costs the token lookup and nothing else.
import { createHash } from 'node:crypto';
import type { TIcsFeedMode } from '../../shared/ics.ts';
import type { FeedWindow } from './feed-window.ts';
import { feedHost, type FeedOwner } from './render-ics-feed.ts';
import { ICS_FEED_FORMAT_VERSION } from './render-ics-event.ts';

export { ICS_FEED_FORMAT_VERSION };

export function computeFeedEtag(opts: {
  tokenId: string;
  mode: TIcsFeedMode;
  owner: FeedOwner;
  linkName: string;
  window: FeedWindow;
  /** From ics_feed_versions; null when nothing the owner could see has ever been written. */
  feedVersion: string | null;
}): string {
  const parts = [
    ICS_FEED_FORMAT_VERSION,
    opts.tokenId,
    opts.mode,
    opts.owner.id,
    opts.owner.role,
    opts.owner.name,
    opts.linkName,
    feedHost(),
    opts.feedVersion ?? '-',
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
