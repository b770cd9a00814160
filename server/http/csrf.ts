// Cross-site request forgery protection for everything the session cookie authenticates (issue 10).
//
// The mechanism is Fetch Metadata with an Origin fallback: the algorithm of Go 1.25's
// http.CrossOriginProtection, chosen over tokens because it needs no state, no token plumbing in
// the SPA or in scripts, and covers every route at once, sign-in included (login CSRF):
//  - GET, HEAD and OPTIONS are safe and pass; no route here changes anything on them.
//  - A browser says where a request came from in Sec-Fetch-Site (every browser since 2023).
//    "same-origin" and "none" (the user typed the URL) pass; "cross-site" and "same-site" (a
//    sibling subdomain, which SameSite=Lax cookies do NOT stop) are refused.
//  - Without it (plain HTTP to a host that is not localhost, where browsers leave it out), the
//    Origin header decides: browsers send it on every POST/PUT/PATCH/DELETE, and it must name
//    this host or PUBLIC_BASE_URL.
//  - With neither header the request did not come from a browser (curl, tests, servers), or from
//    one too old for both headers and thus for an attack page to drive: it passes.
// A custom request header was left out on purpose: it would only add protection for browsers
// that predate both headers, and every non-browser client (scripts, the e2e specs' API calls)
// would then need to know it.
import type { Request, RequestHandler } from 'express';
import { TRPCError } from '@trpc/server';
import { getConfig } from '../config.ts';
import { taggedLogger } from '../logger.ts';
import { WEBHOOK_PATH } from '../google/google-endpoints.ts';
import { ICS_FEED_PATH } from '../../shared/ics.ts';
import { RELEASES_PATH } from '../../shared/releases.ts';
import { INGEST_PATH } from './integration-events.ts';

const log = taggedLogger('http');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes that never read the session cookie: they authenticate with a bearer API key or
 * Google's channel token, which a forged browser request cannot carry. Only exact method and
 * path; a route that starts reading cookies must leave this list.
 */
export const CSRF_EXEMPT_ROUTES: readonly string[] = [`POST ${INGEST_PATH}`, `POST ${RELEASES_PATH}`, `POST ${WEBHOOK_PATH}`];

export type CrossOriginFacts = {
  method: string;
  path: string;
  /** Host the request was sent to (the Host header, or X-Forwarded-Host behind a trusted proxy). */
  host: string | undefined;
  secFetchSite: string | undefined;
  origin: string | undefined;
  /** Origins allowed besides this host, e.g. PUBLIC_BASE_URL's. */
  trustedOrigins: readonly string[];
};

/** Why a request must be refused as cross-origin, or null when it may go on. */
export function crossOriginRefusal(facts: CrossOriginFacts): string | null {
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return null;
  if (CSRF_EXEMPT_ROUTES.includes(`${facts.method.toUpperCase()} ${facts.path}`)) return null;
  if (facts.origin && facts.trustedOrigins.includes(facts.origin)) return null;
  const site = facts.secFetchSite?.toLowerCase();
  if (site) {
    if (site === 'same-origin' || site === 'none') return null;
    return `Cross-origin request refused: the browser sent it from another site (Sec-Fetch-Site: ${site}). Open opsdeck itself and try again.`;
  }
  if (!facts.origin) return null;
  let originHost: string | null = null;
  try {
    // "null" (sandboxed frames, data: URLs) does not parse: refused like any foreign origin.
    originHost = new URL(facts.origin).host;
  } catch {
    originHost = null;
  }
  if (originHost && facts.host && originHost.toLowerCase() === facts.host.toLowerCase()) return null;
  return `Cross-origin request refused: it came from ${facts.origin}, not from opsdeck. Open opsdeck itself and try again.`;
}

function trustedOrigins(): string[] {
  return [new URL(getConfig().publicBaseUrl).origin];
}

function factsOf(req: Request): CrossOriginFacts {
  return {
    method: req.method,
    // baseUrl: inside the tRPC middleware req.path is relative to /api/trpc.
    path: req.baseUrl + req.path,
    host: req.host,
    secFetchSite: req.get('sec-fetch-site'),
    origin: req.get('origin'),
    trustedOrigins: trustedOrigins(),
  };
}

/** The feed URL is its own credential (see ics-feed.ts): log lines name the feed, never the token. */
function loggablePath(path: string): string {
  return path.startsWith(`${ICS_FEED_PATH}/`) && path !== `${ICS_FEED_PATH}/token` ? `${ICS_FEED_PATH}/[token]` : path;
}

function refusalOf(req: Request, requestId: unknown): string | null {
  const facts = factsOf(req);
  const reason = crossOriginRefusal(facts);
  if (reason) {
    log.warn(
      { method: facts.method, path: loggablePath(facts.path), origin: facts.origin, secFetchSite: facts.secFetchSite, requestId },
      'cross-origin request refused',
    );
  }
  return reason;
}

/**
 * For the plain HTTP routes: a refused request ends here with 403 before any handler reads the
 * cookie. tRPC requests pass on to createContext, which refuses them as a tRPC FORBIDDEN so the
 * client shows the message (assertSameOriginForTrpc).
 */
export function csrfProtection(opts: { trpcPath: string }): RequestHandler {
  return (req, res, next) => {
    if (req.path === opts.trpcPath || req.path.startsWith(`${opts.trpcPath}/`)) return next();
    const reason = refusalOf(req, res.locals.requestId);
    if (!reason) return next();
    res.status(403).set('Cache-Control', 'no-store').json({ error: 'cross_origin_refused', message: reason, requestId: res.locals.requestId });
  };
}

/** Called from the tRPC context: a refused request runs no procedure and answers FORBIDDEN. */
export function assertSameOriginForTrpc(req: Request, requestId: unknown): void {
  const reason = refusalOf(req, requestId);
  if (reason) throw new TRPCError({ code: 'FORBIDDEN', message: reason });
}
