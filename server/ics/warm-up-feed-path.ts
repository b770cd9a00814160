// Issue 3's first-request budget: a freshly started process used to bill its first feed to
// one request: pool connections opened, the token statement prepared per connection, the feed
// query planned, ical-generator and the rate limiter initialised. The server does that here,
// before it listens, with inputs that match nothing and write nothing.
import { randomBytes } from 'node:crypto';
import { getPool } from '../db.ts';
import { feedWindow } from './feed-window.ts';
import { findFeedToken } from './find-feed-token.ts';
import { peekFeedRateLimit } from './consume-feed-rate-limit.ts';
import { findFeedBody } from './feed-body-store.ts';
import { renderIcsFeed } from './render-ics-feed.ts';

const NOBODY = '00000000-0000-0000-0000-000000000000';
/** A request uses two connections at once (the rate limit beside the token touch): warm a few. */
const CONNECTIONS = 4;

export async function warmUpFeedPath(): Promise<number> {
  const started = performance.now();
  const unknownToken = () => `${randomBytes(32).toString('base64url')}.ics`;
  await Promise.all(Array.from({ length: Math.min(CONNECTIONS, getPool().options.max ?? CONNECTIONS) }, () => findFeedToken(unknownToken())));
  await peekFeedRateLimit(NOBODY);
  await findFeedBody(NOBODY, 'warm-up');
  // An owner with no events: the feed query runs and plans, the calendar header renders, nothing is stored.
  await renderIcsFeed({ owner: { id: NOBODY, role: 'USER', name: 'warm-up' }, mode: 'FULL', linkName: 'warm-up', window: feedWindow() });
  return performance.now() - started;
}
