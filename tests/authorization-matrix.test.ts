// Issue 10, "Proving it": every tRPC procedure and every HTTP route, called as anonymous, USER,
// SUPPORT and ADMIN, checked against the one table in tests/support/authorization-matrix.ts.
// The procedures and routes are read from appRouter and the Express app, never listed here.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/http/app.ts';
import { createSession, SESSION_COOKIE } from '../server/auth/sessions.ts';
import { createApiKey } from '../server/api-keys/create-api-key.ts';
import { createIcsLink } from '../server/ics/create-ics-link.ts';
import { createContextInner, memoryCookieJar } from '../server/trpc/context.ts';
import { appRouter, createCaller } from '../server/trpc/routers/_app.ts';
import { createTestUser } from './support/factories.ts';
import {
  CALLER_KINDS,
  matrixFixtures,
  HTTP_MATRIX,
  PROCEDURE_MATRIX,
  type HttpCase,
  type HttpFixtures,
  type ProcedureEntry,
  type TCallerKind,
  type TestUser,
} from './support/authorization-matrix.ts';

const unique = () => randomUUID().slice(0, 8);
const userFor = (kind: TCallerKind) => (kind === 'anonymous' ? Promise.resolve(null) : createTestUser({ role: kind }));

/** Every procedure path of the router, as tRPC itself records them. */
function routerProcedures(): string[] {
  return Object.keys((appRouter._def as unknown as { procedures: Record<string, unknown> }).procedures).sort();
}

/** `METHOD path` of every route the Express app registers, read from its router stack. */
function appRoutes(): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const app = createApp() as unknown as { router: { stack: Layer[] } };
  const out = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.add(`${m === '_all' ? 'ALL' : m.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(app.router.stack);
  return [...out].sort();
}

type CallResult = { ok: true } | { ok: false; code: string };

const HOSTILE_INPUT = { '\u0000': 'not an input', id: 42 };

async function callProcedure(path: string, entry: ProcedureEntry, kind: TCallerKind, opts: { hostile?: boolean } = {}): Promise<CallResult> {
  const self = await userFor(kind);
  const input = opts.hostile ? HOSTILE_INPUT : entry.input ? await entry.input(matrixFixtures(self)) : undefined;
  const caller = createCaller(await createContextInner({ user: self, cookies: memoryCookieJar(), ip: `10.9.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}` }));
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (i: unknown) => Promise<unknown>;
  try {
    await fn(input);
    return { ok: true };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code };
    throw error;
  }
}

/** Empty when the outcome matches the table; otherwise what went wrong, for the failure message. */
function judgeProcedure(entry: ProcedureEntry, kind: TCallerKind, result: CallResult): string | null {
  const expected = entry.expect[kind];
  const got = result.ok ? 'success' : result.code;
  if (expected !== 'allowed') return got === expected ? null : `expected ${expected}, got ${got}`;
  if (result.ok) return null;
  const denials = new Set<string>(['UNAUTHORIZED', 'FORBIDDEN', ...Object.values(entry.expect).filter((o) => o !== 'allowed')]);
  if (denials.has(result.code)) return `expected allowed, got the denial ${result.code}`;
  if (!(entry.allowedFailures ?? []).includes(result.code)) {
    return `expected allowed (success${entry.allowedFailures?.length ? ` or ${entry.allowedFailures.join('/')}` : ''}), got ${result.code}`;
  }
  return null;
}

describe('[PROVING][AUTHZ] tRPC procedures', () => {
  it('the table has an entry for every procedure of appRouter, and none for a procedure that is gone', () => {
    const procedures = routerProcedures();
    const missing = procedures.filter((p) => !(p in PROCEDURE_MATRIX));
    const stale = Object.keys(PROCEDURE_MATRIX).filter((p) => !procedures.includes(p));
    expect(missing, `procedures without an entry in tests/support/authorization-matrix.ts: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `entries for procedures that no longer exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('a signed-in caller lacking a role is never told UNAUTHORIZED (convention 2)', () => {
    const wrong = Object.entries(PROCEDURE_MATRIX).filter(([, e]) => (['USER', 'SUPPORT', 'ADMIN'] as const).some((k) => e.expect[k] === 'UNAUTHORIZED'));
    expect(wrong.map(([p]) => p)).toEqual([]);
  });

  // One test per procedure: a failure names it and lists every caller kind that differs.
  for (const path of routerProcedures()) {
    const entry = PROCEDURE_MATRIX[path];
    if (!entry) continue;
    it(`${path}: ${CALLER_KINDS.map((k) => `${k} ${entry.expect[k]}`).join(', ')}`, async () => {
      const problems: string[] = [];
      for (const kind of CALLER_KINDS) {
        const verdict = judgeProcedure(entry, kind, await callProcedure(path, entry, kind));
        if (verdict) problems.push(`${kind}: ${verdict}`);
        // Role checks run before the input is read: garbage gets the same denial, never BAD_REQUEST.
        const expected = entry.expect[kind];
        if (expected === 'UNAUTHORIZED' || expected === 'FORBIDDEN') {
          const hostile = await callProcedure(path, entry, kind, { hostile: true });
          if (hostile.ok || hostile.code !== expected) problems.push(`${kind} with garbage input: expected ${expected}, got ${hostile.ok ? 'success' : hostile.code}`);
        }
      }
      expect(problems, `${path}`).toEqual([]);
    });
  }
});

describe('[PROVING][AUTHZ] HTTP routes', () => {
  let server: Server;
  let base: string;
  let admin: TestUser;

  beforeAll(async () => {
    server = createApp().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    admin = await createTestUser({ role: 'ADMIN' });
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const httpFixtures = (): HttpFixtures => ({
    base,
    unique,
    apiKey: async () => (await createApiKey({ input: { name: `matrix ${unique()}` }, actorId: admin.id })).key,
    async icsFeedPath() {
      const owner = await createTestUser();
      const { url } = await createIcsLink({ userId: owner.id, input: { name: 'Matrix feed', mode: 'FULL' } });
      return new URL(url).pathname;
    },
    strangerId: async () => (await createTestUser()).id,
  });

  async function cookieFor(kind: TCallerKind): Promise<Record<string, string>> {
    const user = await userFor(kind);
    if (!user) return {};
    const { token } = await createSession({ userId: user.id });
    return { cookie: `${SESSION_COOKIE}=${token}` };
  }

  async function send(c: HttpCase, kind: TCallerKind) {
    const { path, init = {} } = await c.request(httpFixtures());
    const headers = { ...(init.headers as Record<string, string> | undefined), ...(await cookieFor(kind)) };
    const res = await fetch(`${base}${path}`, { ...init, headers, redirect: 'manual' });
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location') };
  }

  function judgeHttp(c: HttpCase, kind: TCallerKind, got: { status: number; location: string | null }): string | null {
    const expected = c.expect[kind];
    const shown = `${got.status}${got.location ? ` -> ${got.location}` : ''}`;
    if (got.status >= 500) return `expected ${expected}, got ${shown}`;
    if (expected === 'allowed') {
      return (c.allowedStatuses ?? [200]).includes(got.status) ? null : `expected allowed (${(c.allowedStatuses ?? [200]).join('/')}), got ${shown}`;
    }
    if (expected === 'SIGN_IN_REDIRECT') return got.status === 303 && got.location?.startsWith('/sign-in') ? null : `expected a 303 to /sign-in, got ${shown}`;
    if (expected === 'REDIRECT_PAST_SIGN_IN') {
      return got.status === 303 && got.location && !got.location.startsWith('/sign-in') ? null : `expected a 303 past sign-in, got ${shown}`;
    }
    return got.status === expected ? null : `expected ${expected}, got ${shown}`;
  }

  it('the table has an entry for every route of the Express app, and none for a route that is gone', () => {
    const routes = appRoutes();
    const missing = routes.filter((r) => !HTTP_MATRIX[r]?.length);
    const stale = Object.keys(HTTP_MATRIX).filter((r) => !routes.includes(r));
    expect(missing, `routes without an entry in tests/support/authorization-matrix.ts: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `entries for routes that no longer exist: ${stale.join(', ')}`).toEqual([]);
  });

  for (const [route, cases] of Object.entries(HTTP_MATRIX)) {
    for (const c of cases) {
      it(`${route} (${c.name}): ${CALLER_KINDS.map((k) => `${k} ${c.expect[k]}`).join(', ')}`, async () => {
        const problems: string[] = [];
        for (const kind of CALLER_KINDS) {
          const verdict = judgeHttp(c, kind, await send(c, kind));
          if (verdict) problems.push(`${kind}: ${verdict}`);
        }
        expect(problems, `${route} (${c.name})`).toEqual([]);
      });
    }
  }

  // tRPC's own transport: the session cookie decides the same codes as the direct caller above.
  it('tRPC over HTTP maps the denials to 401 and 403 by cookie', async () => {
    const statuses: Record<string, number> = {};
    for (const kind of CALLER_KINDS) {
      const res = await fetch(`${base}/api/trpc/users.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: await cookieFor(kind) });
      await res.arrayBuffer();
      statuses[kind] = res.status;
    }
    expect(statuses).toEqual({ anonymous: 401, USER: 403, SUPPORT: 403, ADMIN: 200 });
  });
});
