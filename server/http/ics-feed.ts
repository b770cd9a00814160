// ICS subscription feeds (CAL-I1..I5) and "revoke all" over plain HTTP.
// Mounted ahead of pino-http's access log on purpose: the feed URL IS the credential, and an
// access log line would store it. Each request logs once instead, through recordFeedOutcome,
// with the link id and never the token.
import { Router, type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { parse as parseCookies } from 'cookie';
import { findSessionUser, SESSION_COOKIE } from '../auth/sessions.ts';
import { taggedLogger } from '../logger.ts';
import { ICS_FEED_PATH } from '../../shared/ics.ts';
import { computeFeedEtag, etagMatches } from '../ics/compute-feed-etag.ts';
import { consumeFeedRateLimit } from '../ics/consume-feed-rate-limit.ts';
import { feedWindow } from '../ics/feed-window.ts';
import { findFeedBody, findPreviousFeedBody, keepFeedBody } from '../ics/feed-body-store.ts';
import { findFeedToken } from '../ics/find-feed-token.ts';
import { recordFeedOutcome } from '../ics/record-feed-outcome.ts';
import { renderIcsFeed } from '../ics/render-ics-feed.ts';
import { revokeAllIcsLinks } from '../ics/revoke-all-ics-links.ts';
import { touchIcsToken } from '../ics/touch-ics-token.ts';

const log = taggedLogger('http');

const FEED_HEADERS = {
  'Content-Type': 'text/calendar; charset=utf-8',
  // no-transform: proxies and any compression middleware (it honours this) must not gzip the
  // feed, which Outlook rejects; must-revalidate so clients come back with If-None-Match.
  'Cache-Control': 'private, max-age=0, must-revalidate, no-transform',
  'Content-Disposition': 'inline; filename="opsdeck.ics"',
  'X-Content-Type-Options': 'nosniff',
};

/** One answer for unknown, malformed, revoked and disabled-owner tokens, and for any other path here. */
function notFound(res: Response) {
  res.status(404).set('Cache-Control', 'no-store').json({ error: 'not_found' });
}

async function serveFeed(req: Request<{ file: string }>, res: Response, next: NextFunction) {
  const started = performance.now();
  let status = 500;
  let userId: string | null = null;
  let tokenId: string | null = null;
  let failure: unknown;
  try {
    const link = await findFeedToken(req.params.file);
    if (!link) {
      status = 404;
      notFound(res);
      return;
    }
    userId = link.user.id;
    tokenId = link.id;
    const window = feedWindow();
    const owner = { id: link.user.id, role: link.user.role, name: link.user.name };
    // The lookup brought the feed version, so the ETag needs no query: a 304 (the usual answer)
    // is the lookup plus the rate-limit round trip. The touch writes at most once a minute.
    const etag = computeFeedEtag({ tokenId: link.id, mode: link.mode, owner, linkName: link.name, window, feedVersion: link.feedVersion });
    const [limit] = await Promise.all([consumeFeedRateLimit(link.id), touchIcsToken(link, req.get('user-agent'))]);
    if (!limit.allowed) {
      status = 429;
      res.status(429).set({ 'Retry-After': String(limit.retryAfterSeconds), 'Cache-Control': 'no-store' }).json({ error: 'rate_limited' });
      return;
    }
    res.set({ ...FEED_HEADERS, ETag: etag });
    if (etagMatches(req.get('if-none-match'), etag)) {
      status = 304;
      res.status(304).end();
      return;
    }
    // The body kept under this very tag, else a render (which is then kept under it).
    const found = await findFeedBody(link.id, etag);
    let body = found.body;
    if (!found.body) {
      // A body kept under an older tag gives the render the text of every unchanged event.
      const previous = found.previousKept ? () => findPreviousFeedBody(link.id) : undefined;
      const rendered = await renderIcsFeed({ owner, mode: link.mode, linkName: link.name, window, previous });
      body = rendered.body;
      keepFeedBody(link.id, etag, body, rendered.index);
    }
    status = 200;
    res.status(200).send(body);
  } catch (error) {
    status = 500;
    failure = error;
    next(error);
  } finally {
    recordFeedOutcome({
      status,
      latencyMs: performance.now() - started,
      userId,
      tokenId,
      requestId: String(res.locals.requestId ?? ''),
      method: req.method,
      err: failure,
    });
  }
}

/**
 * Revokes every link of the signed-in user (CAL-I2). Cookie-authenticated: a DELETE from another
 * origin never gets here (csrf.ts, mounted ahead of these routes; SameSite=Lax alone would let a
 * sibling subdomain through).
 */
async function revokeAll(req: Request, res: Response, next: NextFunction) {
  try {
    const session = await findSessionUser(parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE]);
    if (!session) {
      res.status(401).json({ error: 'unauthenticated' });
      return;
    }
    const result = await revokeAllIcsLinks({ userId: session.user.id, requestId: String(res.locals.requestId ?? '') });
    log.info({ userId: session.user.id, revoked: result.revoked, requestId: res.locals.requestId }, 'ics links revoked');
    res.json(result);
  } catch (error) {
    // This route is not under pino-http, so the app's error handler has no req.log to write to.
    log.error({ err: error, requestId: res.locals.requestId }, 'revoking ics links failed');
    next(error);
  }
}

export function icsFeedRoutes(): Router {
  const routes = Router();
  routes.delete(`${ICS_FEED_PATH}/token`, revokeAll);
  // Express answers HEAD with the GET route and drops the body: same headers, Content-Length included.
  routes.get(`${ICS_FEED_PATH}/:file`, serveFeed);
  // Other methods on a feed URL end here too, so they never reach the access log with the token.
  routes.all(`${ICS_FEED_PATH}/:file`, (_req, res) => notFound(res));
  // A token with broken percent-encoding ("%", "%zz") fails in Express's param decoding before
  // any route runs; the app's error handler answered 400 with the token echoed. Found by the
  // bad-input properties (tests/bad-input-http.test.ts): it is an unknown token like any other.
  const undecodable: ErrorRequestHandler = (err, _req, res, next) => (err instanceof URIError ? notFound(res) : next(err));
  routes.use(ICS_FEED_PATH, undecodable);
  return routes;
}
