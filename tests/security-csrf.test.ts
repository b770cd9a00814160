// Issue 10, "Security": CSRF protection (server/http/csrf.ts) over real HTTP. A browser on another
// site, holding a valid session cookie, is refused on every cookie-authenticated change and the
// change does not happen; our own origin and non-browser clients go on working; the routes that
// authenticate with an API key or Google's channel token are not in its way.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/http/app.ts';
import { crossOriginRefusal, type CrossOriginFacts } from '../server/http/csrf.ts';
import { createSession, findSessionUser, SESSION_COOKIE } from '../server/auth/sessions.ts';
import { createApiKey } from '../server/api-keys/create-api-key.ts';
import { createIcsLink } from '../server/ics/create-ics-link.ts';
import { getDb } from '../server/db.ts';
import { WEBHOOK_PATH } from '../server/google/google-endpoints.ts';
import { createTestUser, TEST_PASSWORD } from './support/factories.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const EVIL = 'https://evil.example';
/** What Chromium sends with a fetch or form post from a page on another site. */
const crossSite = () => ({ origin: EVIL, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' });
/** What Chromium sends from our own page. */
const sameOrigin = () => ({ origin: base, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' });

async function signedIn(role: 'USER' | 'ADMIN' = 'USER') {
  const user = await createTestUser({ role });
  const { token } = await createSession({ userId: user.id });
  return { user, token, cookie: `${SESSION_COOKIE}=${token}` };
}

const eventInput = (title: string) => {
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  return { title, timezone: 'UTC', start: `${day}T09:00`, end: `${day}T10:00` };
};

function createEvent(cookie: string, title: string, headers: Record<string, string>) {
  return fetch(`${base}/api/trpc/calendarEvents.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify({ json: eventInput(title) }),
  });
}

const eventsTitled = (title: string) => getDb().calendarEvent.count({ where: { title } });

async function trpcError(res: Response) {
  const body = await res.json();
  return (Array.isArray(body) ? body[0] : body).error.json as { message: string; data: { code: string; httpStatus: number } };
}

describe('[SECURITY][CSRF] tRPC mutations', () => {
  it('a cross-site POST with a valid session cookie is FORBIDDEN with a message, and creates nothing', async () => {
    const { cookie } = await signedIn();
    const title = `Forged ${randomUUID()}`;
    const res = await createEvent(cookie, title, crossSite());
    expect(res.status).toBe(403);
    const error = await trpcError(res);
    expect(error.data.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/^Cross-origin request refused/);
    expect(await eventsTitled(title)).toBe(0);
  });

  it('without Fetch Metadata (plain HTTP), a foreign Origin is refused the same way', async () => {
    const { cookie } = await signedIn();
    for (const origin of [EVIL, 'null', `http://127.0.0.1.evil.example:${new URL(base).port}`]) {
      const title = `Forged ${randomUUID()}`;
      const res = await createEvent(cookie, title, { origin });
      expect(res.status, origin).toBe(403);
      expect((await trpcError(res)).data.code).toBe('FORBIDDEN');
      expect(await eventsTitled(title)).toBe(0);
    }
  });

  it('a sibling subdomain (Sec-Fetch-Site: same-site, which SameSite=Lax lets the cookie through for) is refused', async () => {
    const { cookie } = await signedIn();
    const title = `Forged ${randomUUID()}`;
    const res = await createEvent(cookie, title, { origin: 'https://intranet.example', 'sec-fetch-site': 'same-site' });
    expect(res.status).toBe(403);
    expect(await eventsTitled(title)).toBe(0);
  });

  it('our own origin, and a client that is not a browser (no Origin, no Fetch Metadata), still create', async () => {
    const { cookie } = await signedIn();
    for (const headers of [sameOrigin(), { origin: base }, {}] as Record<string, string>[]) {
      const title = `Own ${randomUUID()}`;
      const res = await createEvent(cookie, title, headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(await eventsTitled(title)).toBe(1);
    }
  });

  it('every call in a forged batch is refused, and a query (GET) is not affected', async () => {
    const { cookie, token } = await signedIn();
    const res = await fetch(`${base}/api/trpc/auth.signOut,googleCalendar.disconnect?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, ...crossSite() },
      body: JSON.stringify({}),
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as Array<{ error: { json: { data: { code: string } } } }>;
    expect(body.map((r) => r.error.json.data.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(await findSessionUser(token)).not.toBeNull();

    const me = await fetch(`${base}/api/trpc/auth.me`, { headers: { cookie, ...crossSite() } });
    expect(me.status).toBe(200);
  });

  // The vector is real: tRPC accepts multipart/form-data, which a plain HTML <form> on any site can
  // send without a preflight, and a mutation without input (sign-out, Google disconnect) runs on it.
  it('an HTML form post from another site cannot sign the user out; the same form from our origin can', async () => {
    const form = () => {
      const data = new FormData();
      data.set('x', '1');
      return data;
    };
    const victim = await signedIn();
    const forged = await fetch(`${base}/api/trpc/auth.signOut`, { method: 'POST', headers: { cookie: victim.cookie, ...crossSite() }, body: form() });
    expect(forged.status).toBe(403);
    expect(await findSessionUser(victim.token)).not.toBeNull();

    const own = await fetch(`${base}/api/trpc/auth.signOut`, { method: 'POST', headers: { cookie: victim.cookie, ...sameOrigin() }, body: form() });
    expect(own.status).toBe(200);
    expect(await findSessionUser(victim.token)).toBeNull();
  });

  it('sign-in from another site is refused and sets no cookie (login CSRF)', async () => {
    const user = await createTestUser();
    const signIn = (headers: Record<string, string>) =>
      fetch(`${base}/api/trpc/auth.signIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ json: { email: user.email, password: TEST_PASSWORD } }),
      });
    const forged = await signIn(crossSite());
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie()).toEqual([]);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);

    const own = await signIn(sameOrigin());
    expect(own.status).toBe(200);
    expect(own.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
  });
});

describe('[SECURITY][CSRF] cookie-authenticated HTTP routes', () => {
  it('DELETE /api/calendar/ics/token from another site is a 403 and the feed keeps working', async () => {
    const { user, cookie } = await signedIn();
    const { url } = await createIcsLink({ userId: user.id, input: { name: 'CSRF feed', mode: 'FULL' } });
    const feedPath = new URL(url).pathname;

    const forged = await fetch(`${base}/api/calendar/ics/token`, { method: 'DELETE', headers: { cookie, ...crossSite() } });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: 'cross_origin_refused', message: expect.stringMatching(/^Cross-origin request refused/) });
    expect((await fetch(`${base}${feedPath}`)).status).toBe(200);

    const own = await fetch(`${base}/api/calendar/ics/token`, { method: 'DELETE', headers: { cookie, ...sameOrigin() } });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ revoked: 1 });
    expect((await fetch(`${base}${feedPath}`)).status).toBe(404);
  });

  it('POST /api/calendar/sync from another site is a 403 before the handler runs', async () => {
    const { cookie } = await signedIn();
    const forged = await fetch(`${base}/api/calendar/sync`, { method: 'POST', headers: { cookie, 'content-type': 'text/plain', ...crossSite() }, body: '' });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: 'cross_origin_refused' });
    // Our own page reaches the handler, which answers for a user without Google.
    const own = await fetch(`${base}/api/calendar/sync`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...sameOrigin() }, body: '{}' });
    expect([200, 404, 409, 412]).toContain(own.status);
  });

  it('a POST to a feed URL from another site is refused without the token reaching the log line', async () => {
    const res = await fetch(`${base}/api/calendar/ics/some-secret-token.ics`, { method: 'POST', headers: crossSite() });
    expect(res.status).toBe(403);
  });

  it('top-level navigations (GET) from other sites still reach Google connect and its callback', async () => {
    const { cookie } = await signedIn();
    const connect = await fetch(`${base}/api/calendar/google/connect`, { headers: { cookie, 'sec-fetch-site': 'cross-site' }, redirect: 'manual' });
    expect(connect.status).toBe(303);
  });
});

describe('[SECURITY][CSRF] routes that do not use the cookie', () => {
  it('the ingestion and releases APIs take a bearer key from anywhere', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const { key } = await createApiKey({ input: { name: `csrf ${randomUUID().slice(0, 8)}` }, actorId: admin.id });
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...crossSite() };
    const ingest = await fetch(`${base}/api/integration-events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ events: [{ provider: 'sendgrid', event: 'sendgrid_email_sent', outcome: 'ok' }] }),
    });
    expect(ingest.status).toBe(202);
    const release = await fetch(`${base}/api/releases`, { method: 'POST', headers, body: JSON.stringify({ version: `csrf-${randomUUID().slice(0, 8)}` }) });
    expect(release.status).toBe(201);
  });

  it("Google's webhook is answered whatever the origin", async () => {
    const res = await fetch(`${base}${WEBHOOK_PATH}`, { method: 'POST', headers: { ...crossSite(), 'x-goog-channel-id': randomUUID(), 'x-goog-resource-state': 'exists' } });
    expect(res.status).toBe(200);
  });
});

describe('[SECURITY][CSRF] crossOriginRefusal', () => {
  const facts = (over: Partial<CrossOriginFacts>): CrossOriginFacts => ({
    method: 'POST',
    path: '/api/trpc/calendarEvents.create',
    host: 'ops.example.com',
    secFetchSite: undefined,
    origin: undefined,
    trustedOrigins: ['https://ops.example.com'],
    ...over,
  });

  it('decides by Sec-Fetch-Site first, then Origin against the host, then lets non-browsers through', () => {
    expect(crossOriginRefusal(facts({ secFetchSite: 'same-origin', origin: 'https://ops.example.com' }))).toBeNull();
    expect(crossOriginRefusal(facts({ secFetchSite: 'none' }))).toBeNull();
    expect(crossOriginRefusal(facts({ secFetchSite: 'cross-site', origin: EVIL }))).toMatch(/Sec-Fetch-Site: cross-site/);
    expect(crossOriginRefusal(facts({ secFetchSite: 'same-site', origin: 'https://www.example.com' }))).toMatch(/same-site/);
    expect(crossOriginRefusal(facts({ origin: 'http://ops.example.com' }))).toBeNull();
    expect(crossOriginRefusal(facts({ origin: 'https://ops.example.com.evil.example' }))).toMatch(/came from https:\/\/ops\.example\.com\.evil\.example/);
    expect(crossOriginRefusal(facts({ origin: 'null' }))).toMatch(/came from null/);
    expect(crossOriginRefusal(facts({}))).toBeNull();
  });

  it('a proxy that rewrites Host is covered by the trusted PUBLIC_BASE_URL origin, even with Fetch Metadata saying cross-site', () => {
    expect(crossOriginRefusal(facts({ host: 'app:3000', origin: 'https://ops.example.com' }))).toBeNull();
    expect(crossOriginRefusal(facts({ host: 'app:3000', origin: 'https://other.example.com' }))).not.toBeNull();
  });

  it('safe methods and the exact key-authenticated routes are exempt; nothing else is', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(crossOriginRefusal(facts({ method, secFetchSite: 'cross-site' }))).toBeNull();
    expect(crossOriginRefusal(facts({ path: '/api/integration-events', secFetchSite: 'cross-site' }))).toBeNull();
    expect(crossOriginRefusal(facts({ method: 'DELETE', path: '/api/integration-events', secFetchSite: 'cross-site' }))).not.toBeNull();
    expect(crossOriginRefusal(facts({ path: '/api/integration-events/x', secFetchSite: 'cross-site' }))).not.toBeNull();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(crossOriginRefusal(facts({ method, secFetchSite: 'cross-site' }))).not.toBeNull();
  });
});
