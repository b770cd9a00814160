import type { Request, Response } from 'express';
import { parse as parseCookies, serialize } from 'cookie';
import { randomUUID } from 'node:crypto';
import { getConfig } from '../config.ts';
import { findSessionUser, SESSION_COOKIE } from '../auth/sessions.ts';
import { databaseUnavailableError } from './database-unavailable.ts';
import type { TSessionUser } from '../../shared/auth.ts';
import { assertSameOriginForTrpc } from '../http/csrf.ts';

export type CookieJar = {
  get(name: string): string | undefined;
  set(name: string, value: string, expires: Date): void;
  clear(name: string): void;
};

/** In tests there is no HTTP response: cookies land in a map that the test can read. */
export function memoryCookieJar(initial: Record<string, string> = {}): CookieJar & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: (name) => values.get(name),
    set: (name, value) => void values.set(name, value),
    clear: (name) => void values.delete(name),
  };
}

type InnerOptions = {
  user?: TSessionUser | null;
  sessionId?: string | null;
  requestId?: string;
  ip?: string;
  userAgent?: string | null;
  cookies?: CookieJar;
};

/** Everything a procedure needs that does not depend on Express: what router tests build directly. */
export async function createContextInner(opts: InnerOptions = {}) {
  return {
    user: opts.user ?? null,
    sessionId: opts.sessionId ?? null,
    requestId: opts.requestId ?? randomUUID(),
    ip: opts.ip ?? '127.0.0.1',
    userAgent: opts.userAgent ?? null,
    cookies: opts.cookies ?? memoryCookieJar(),
  };
}

export type Context = Awaited<ReturnType<typeof createContextInner>>;

function httpCookieJar(req: Request, res: Response): CookieJar {
  const parsed = parseCookies(req.headers.cookie ?? '');
  const secure = getConfig().publicBaseUrl.startsWith('https://');
  return {
    get: (name) => parsed[name],
    set: (name, value, expires) =>
      void res.append('Set-Cookie', serialize(name, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires })),
    clear: (name) =>
      void res.append('Set-Cookie', serialize(name, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 })),
  };
}

export async function createContext({ req, res }: { req: Request; res: Response }): Promise<Context> {
  // Before the cookie is even read: a forged mutation (sign-in included) runs no procedure.
  assertSameOriginForTrpc(req, res.locals.requestId);
  const cookies = httpCookieJar(req, res);
  // The session lookup is the first query of every call: an outage here must not read as a bug.
  const session = await findSessionUser(cookies.get(SESSION_COOKIE)).catch((error: unknown) => {
    throw databaseUnavailableError(error) ?? error;
  });
  return createContextInner({
    user: session?.user ?? null,
    sessionId: session?.sessionId ?? null,
    requestId: String(res.locals.requestId ?? randomUUID()),
    ip: req.ip ?? 'unknown',
    userAgent: req.get('user-agent') ?? null,
    cookies,
  });
}
