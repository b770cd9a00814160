import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as trpcExpress from '@trpc/server/adapters/express';
import { logger } from '../logger.ts';
import { appRouter } from '../trpc/routers/_app.ts';
import { createContext } from '../trpc/context.ts';
import { healthRoutes } from './health.ts';
import { icsFeedRoutes } from './ics-feed.ts';
import { integrationEventRoutes } from './integration-events.ts';
import { integrationEventsExportRoutes } from './integration-events-export.ts';
import { releaseRoutes } from './releases.ts';
import { googleCalendarRoutes } from './google-calendar.ts';
import { csrfProtection } from './csrf.ts';
import { logSafeQuery, logSafeUrl } from './log-safe-url.ts';
import { metricsRoutes, timeRequests } from './metrics.ts';
import { trpcErrors } from '../metrics/metrics.ts';
import { DATABASE_RETRY_AFTER_SEC, isDatabaseUnavailable } from '../db.ts';

const REQUEST_ID = /^[\w.-]{1,100}$/;
const TRPC_PATH = '/api/trpc';
/** Written by client/index.html; the same string as client/src/lib/csp.ts. */
const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

export function createApp(opts: { clientDir?: string; trustProxy?: boolean } = {}) {
  const app = express();
  app.disable('x-powered-by');
  if (opts.trustProxy) app.set('trust proxy', 1);

  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  });
  app.use(timeRequests);
  // Security headers first, so that every answer carries them (CSRF refusals and feeds too).
  // A fresh nonce per response: the SPA shell carries it (client/src/lib/csp.ts) and Mantine
  // stamps it on the <style> tags it injects, so style-src needs no 'unsafe-inline'.
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          // Style attributes only (no <style> element, so no selector tricks): the Mailbox shows caught
          // e-mails in a sandboxed srcdoc frame, which inherits this policy, and e-mail HTML styles
          // with attributes. React's style props go through the CSSOM and would not need it.
          styleSrcAttr: ["'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          // Plain HTTP is how the product runs on a laptop and in the e2e run; TLS is the proxy's job.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );

  // Ahead of every route, the ICS "revoke all" included: no cookie-authenticated change from another site.
  app.use(csrfProtection({ trpcPath: TRPC_PATH }));
  app.use(icsFeedRoutes()); // before pino-http: the feed URL holds its token (see ics-feed.ts)
  app.use(
    pinoHttp({
      logger: logger.child({ tag: 'http' }),
      genReqId: (_req, res) => (res as express.Response).locals.requestId,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      serializers: {
        req: (req: { url?: string; query?: unknown }) => Object.assign(req, { url: req.url && logSafeUrl(req.url), query: logSafeQuery(req.query) }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  app.use(healthRoutes());
  app.use(metricsRoutes());
  app.use(integrationEventRoutes());
  app.use(integrationEventsExportRoutes());
  app.use(releaseRoutes());
  app.use(googleCalendarRoutes());
  app.use(
    TRPC_PATH,
    trpcExpress.createExpressMiddleware({
      router: appRouter,
      createContext,
      maxBodySize: 1024 * 1024,
      // SERVICE_UNAVAILABLE (a database outage) says when to come back, as the HTTP routes' 503 does.
      responseMeta: ({ errors }) => (errors.some((e) => e.code === 'SERVICE_UNAVAILABLE') ? { headers: new Headers({ 'Retry-After': String(DATABASE_RETRY_AFTER_SEC) }) } : {}),
      onError: ({ error, path }) => trpcErrors.inc({ procedure: path ?? '(unknown)', code: error.code }),
    }),
  );
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });

  const clientDir = opts.clientDir;
  if (clientDir && existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h', immutable: false }));
    // The shell is read again only when the file changed (a new build copied in place, or the
    // overview benchmark swapping builds): one stat per page load; only its nonce differs per response.
    const shellFile = path.join(clientDir, 'index.html');
    let cached: { mtimeMs: number; html: Promise<string> } | undefined;
    const shell = async () => {
      const { mtimeMs } = await stat(shellFile);
      if (cached?.mtimeMs !== mtimeMs) {
        const html = readFile(shellFile, 'utf8');
        cached = { mtimeMs, html };
        // A failed read is retried by the next page load.
        html.catch(() => {
          if (cached?.html === html) cached = undefined;
        });
      }
      return cached.html;
    };
    // Client-side routing: any other GET that wants HTML gets the SPA shell.
    app.get('/{*splat}', (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      shell().then(
        (html) => res.type('html').send(html.replaceAll(CSP_NONCE_PLACEHOLDER, res.locals.cspNonce)),
        next,
      );
    });
  }

  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    req.log?.error({ err }, 'unhandled request error');
    if (res.headersSent) return;
    // A database restart is not our bug and not the client's: tell it when to come back.
    if (isDatabaseUnavailable(err)) {
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SEC));
      res.status(503).json({ error: 'unavailable', message: 'The database is unavailable; retry shortly', requestId: res.locals.requestId });
      return;
    }
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
    res.status(status).json({ error: status === 500 ? 'internal_error' : err.message, requestId: res.locals.requestId });
  };
  app.use(onError);
  return app;
}
