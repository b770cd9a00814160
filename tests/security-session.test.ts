// Issue 10, "Security": session rotation on sign-in, over real HTTP with real cookies. The cookie a
// browser had before signing in (its own, or one planted by someone else: session fixation) is
// dead afterwards, and the new one is a fresh random token.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/http/app.ts';
import { createSession, SESSION_COOKIE } from '../server/auth/sessions.ts';
import { getDb } from '../server/db.ts';
import { createTestUser, TEST_PASSWORD } from './support/factories.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function signIn(email: string, cookie?: string) {
  const res = await fetch(`${base}/api/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json: { email, password: TEST_PASSWORD } }),
  });
  expect(res.status).toBe(200);
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  expect(set, 'sign-in sets the session cookie').toBeDefined();
  return { token: decodeURIComponent(set!.split(';')[0]!.slice(SESSION_COOKIE.length + 1)), setCookie: set! };
}

const cookieOf = (token: string) => `${SESSION_COOKIE}=${encodeURIComponent(token)}`;

async function me(token: string): Promise<{ id: string } | null> {
  const res = await fetch(`${base}/api/trpc/auth.me`, { headers: { cookie: cookieOf(token) } });
  expect(res.status).toBe(200);
  return (await res.json()).result.data.json;
}

describe('[SECURITY][SESSION] rotation on sign-in', () => {
  it('signing in again with the old cookie ends the old session and hands out a different token', async () => {
    const user = await createTestUser();
    const first = await signIn(user.email);
    expect(first.setCookie).toMatch(/HttpOnly/i);
    expect(first.setCookie).toMatch(/SameSite=Lax/i);
    expect(await me(first.token)).toMatchObject({ id: user.id });

    const second = await signIn(user.email, cookieOf(first.token));
    expect(second.token).not.toBe(first.token);
    expect(second.token.length).toBeGreaterThanOrEqual(32);

    // The old cookie is now anonymous for queries and refused for anything protected.
    expect(await me(first.token)).toBeNull();
    const withOld = await fetch(`${base}/api/trpc/auth.signOut`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookieOf(first.token) }, body: '{}' });
    expect(withOld.status).toBe(401);
    expect(await me(second.token)).toMatchObject({ id: user.id });
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(1);
  });

  it('a planted session of another account is ended when the victim signs in (session fixation)', async () => {
    const attacker = await createTestUser();
    const victim = await createTestUser();
    const planted = (await createSession({ userId: attacker.id })).token;
    const fresh = await signIn(victim.email, cookieOf(planted));
    expect(fresh.token).not.toBe(planted);
    expect(await me(planted)).toBeNull();
    expect(await me(fresh.token)).toMatchObject({ id: victim.id });
  });

  it('a made-up cookie value is never adopted as the new session', async () => {
    const user = await createTestUser();
    const madeUp = 'attacker-chosen-session-value-0123456789abcdef';
    const fresh = await signIn(user.email, cookieOf(madeUp));
    expect(fresh.token).not.toBe(madeUp);
    expect(await me(madeUp)).toBeNull();
  });
});
