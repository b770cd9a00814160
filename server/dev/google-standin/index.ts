// A local Google stand-in: OAuth 2 and the Calendar API v3 subset opsdeck uses, answered the
// way Google answers them (error bodies, sync and page tokens, etags, watch channels and
// their pushes), with faults on demand. Tests point the real client libraries at it; the
// demo points "Connect Google Calendar" at it. State lives in this process's memory.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCalendarStore } from './calendar-store.ts';
import { routeCalendar } from './calendar-routes.ts';
import { routeControl, CONTROL_PREFIX } from './control-routes.ts';
import { CalendarApiError, calendarErrorBody, defaultReason, oauthErrorBody } from './google-errors.ts';
import { BodyTooLargeError, parseBody, readBody, sendJson } from './http-utils.ts';
import { createOAuthTokens } from './oauth-tokens.ts';
import { REVOKE_PATHS, routeOAuth, TOKEN_PATHS } from './oauth-routes.ts';
import { createPushChannels } from './push-channels.ts';
import type { RouteContext } from './route-context.ts';
import type { Fault, GoogleEvent, GoogleStandin, GoogleStandinOptions, RecordedRequest } from './types.ts';

export type * from './types.ts';
export { signIdToken } from './oauth-tokens.ts';

/** The OAuth client the stand-in accepts when none are configured. */
export const DEMO_CLIENT = { clientId: 'opsdeck-demo.apps.googleusercontent.com', clientSecret: 'opsdeck-demo-secret' } as const;

const MAX_RECORDED = 5000;

function redactedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'authorization' ? text.replace(/^(\w+)\s+.*$/, '$1 [redacted]') : text;
  }
  return out;
}

function recordedBody(ctx: RouteContext): unknown {
  switch (ctx.body.kind) {
    case 'empty':
      return null;
    case 'form': {
      const form = { ...ctx.body.value };
      if (form.client_secret !== undefined) form.client_secret = '[redacted]';
      return form;
    }
    default:
      return ctx.body.value;
  }
}

function faultMatches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? path.includes(fault.path) : fault.path.test(path);
}

export async function startGoogleStandin(opts: GoogleStandinOptions = {}): Promise<GoogleStandin> {
  const host = opts.host ?? '127.0.0.1';
  const log = (line: string) => opts.log?.(`[google-standin] ${line}`);
  let baseUrl = '';
  const faults: (Fault & { remaining: number })[] = [];
  const requests: RecordedRequest[] = [];

  const push = createPushChannels({ baseUrl: () => baseUrl, log });
  const store = createCalendarStore({
    baseUrl: () => baseUrl,
    defaultPageSize: opts.pageSize ?? 250,
    onChange: (email) => push.notifyLater(email),
  });
  const tokens = createOAuthTokens({
    clients: opts.clients ?? [{ ...DEMO_CLIENT }],
    accessTokenTtlSec: opts.accessTokenTtlSec ?? 3600,
    account: store.account,
  });

  function requireAccount(email: string) {
    const account = store.account(email);
    if (!account) throw new Error(`google stand-in: no account ${email} (addAccount first)`);
    return account;
  }

  function answerFault(ctx: RouteContext): boolean {
    const index = faults.findIndex((f) => faultMatches(f, ctx.method, ctx.path));
    if (index < 0) return false;
    const fault = faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.splice(index, 1);
    const headers: Record<string, string> = fault.retryAfterSec !== undefined ? { 'retry-after': String(fault.retryAfterSec) } : {};
    const oauthPath = TOKEN_PATHS.includes(ctx.path) || REVOKE_PATHS.includes(ctx.path);
    const body = oauthPath
      ? oauthErrorBody(fault.reason ?? (fault.status >= 500 ? 'server_error' : 'temporarily_unavailable'), fault.message)
      : calendarErrorBody(fault.status, fault.reason ?? defaultReason(fault.status), fault.message);
    sendJson(ctx.res, fault.status, body, headers);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://standin.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const text = await readBody(req);
    const ctx: RouteContext = {
      req,
      res,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parseBody(text, req.headers['content-type']),
    };
    const isControl = ctx.path.startsWith(CONTROL_PREFIX) || ctx.path === '/_standin';
    if (!isControl) {
      const entry: RecordedRequest = {
        at: new Date().toISOString(),
        method,
        path: ctx.path,
        query: ctx.query,
        headers: redactedHeaders(req),
        body: recordedBody(ctx),
        status: 0,
      };
      requests.push(entry);
      if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);
      res.on('finish', () => {
        entry.status = res.statusCode;
        log(`${method} ${ctx.path} -> ${res.statusCode}`);
      });
      if (answerFault(ctx)) return;
    }
    try {
      if (await routeControl(ctx, standin)) return;
      if (routeOAuth(ctx, { tokens, addAccount: store.addAccount })) return;
      if (routeCalendar(ctx, { store, tokens, push })) return;
      throw new CalendarApiError(404, 'notFound', 'Not Found');
    } catch (error) {
      if (!(error instanceof CalendarApiError)) throw error;
      sendJson(res, error.status, calendarErrorBody(error.status, error.reason, error.message, error.detail), error.headers);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof BodyTooLargeError ? 413 : 500;
      log(`${req.method} ${req.url} failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendJson(res, status, calendarErrorBody(status, status === 413 ? 'uploadTooLarge' : 'backendError', (error as Error).message));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  log(`listening on ${baseUrl}`);

  const standin: GoogleStandin = {
    url: baseUrl,
    authUrl: `${baseUrl}o/oauth2/v2/auth`,
    tokenUrl: `${baseUrl}token`,
    revokeUrl: `${baseUrl}revoke`,
    async close() {
      await push.settled();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    addAccount: (a) => store.addAccount(a),
    account: (email) => store.account(email),
    accounts: () => store.accounts(),
    upsertEvent(email, event) {
      requireAccount(email);
      return store.upsertEvent(email, event as Record<string, unknown>);
    },
    deleteEvent(email, eventId) {
      requireAccount(email);
      store.deleteEvent(email, eventId);
    },
    events: (email, o) => store.events(email, o).map((e) => structuredClone(e)),
    getEvent(email, eventId) {
      const event = store.getEvent(email, eventId);
      return event && (structuredClone(event) as GoogleEvent);
    },
    inject(fault) {
      faults.push({ ...fault, remaining: fault.times ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    expireSyncTokens: (email) => store.expireSyncTokens(email),
    revokeRefreshTokens(email) {
      requireAccount(email);
      tokens.revokeRefreshTokens(email);
    },
    expireAccessTokens: (email) => tokens.expireAccessTokens(email),
    channels: (email) => push.live(email).map((c) => ({ ...c })),
    notify(email, o) {
      requireAccount(email);
      return push.notify(email, o);
    },
    dropNotifications(email, count) {
      requireAccount(email);
      push.drop(email, count);
    },
    settled: () => push.settled(),
    requests,
  };
  return standin;
}
