// The Express app over real HTTP: cookies, headers, health, SPA fallback.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/http/app.ts';
import { createTestUser, TEST_PASSWORD } from './support/factories.ts';

let server: Server;
let base: string;
let clientDir: string;

beforeAll(async () => {
  clientDir = mkdtempSync(path.join(tmpdir(), 'opsdeck-client-'));
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>opsdeck</title><div id="root"></div>');
  writeFileSync(path.join(clientDir, 'app.js'), 'console.log(1)');
  server = createApp({ clientDir }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const trpcPost = (proc: string, input: unknown, cookie?: string) =>
  fetch(`${base}/api/trpc/${proc}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json: input }),
  });
const trpcGet = (proc: string, cookie?: string) =>
  fetch(`${base}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: cookie ? { cookie } : {} });

describe('[HTTP] server', () => {
  it('answers /healthz without the database and /readyz once migrations are applied', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'applied' });
  });

  it('signs in over HTTP with an HttpOnly SameSite cookie that then authenticates tRPC calls', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const res = await trpcPost('auth.signIn', { email: admin.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^opsdeck_session=[\w-]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;

    const me = await trpcGet('auth.me', cookie);
    expect((await me.json()).result.data.json).toMatchObject({ id: admin.id, role: 'ADMIN' });
    const list = await trpcGet('users.list', cookie);
    expect(list.status).toBe(200);
    expect((await list.json()).result.data.json.map((u: { id: string }) => u.id)).toContain(admin.id);
  });

  it('sends field errors found by a service (a merged update) in the same shape as schema errors', async () => {
    const user = await createTestUser();
    const login = await trpcPost('auth.signIn', { email: user.email, password: TEST_PASSWORD });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const created = await trpcPost(
      'calendarEvents.create',
      { title: 'Standup', timezone: 'Europe/Istanbul', start: '2026-12-01T09:00', end: '2026-12-01T09:15' },
      cookie,
    );
    expect(created.status).toBe(200);
    const id = (await created.json()).result.data.json.id;
    const res = await trpcPost('calendarEvents.update', { id, patch: { start: '2026-12-01T10:00' } }, cookie);
    expect(res.status).toBe(400);
    const data = (await res.json()).error.json.data;
    expect(data.code).toBe('BAD_REQUEST');
    expect(data.zodError).toEqual({ formErrors: [], fieldErrors: { end: ['The end must be after the start'] } });
  });

  it('maps errors to HTTP statuses and tRPC codes, with zod field errors for forms', async () => {
    const user = await createTestUser();
    const bad = await trpcPost('auth.signIn', { email: 'nope', password: '' });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.json.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(body.error.json.data.zodError.fieldErrors).sort()).toEqual(['email', 'password']);
    expect(body.error.json.data.stack).toBeUndefined();

    const wrong = await trpcPost('auth.signIn', { email: user.email, password: 'wrong' });
    expect(wrong.status).toBe(401);
    const login = await trpcPost('auth.signIn', { email: user.email, password: TEST_PASSWORD });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const forbidden = await trpcGet('users.list', cookie);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.json.data.code).toBe('FORBIDDEN');
    expect((await trpcGet('users.list')).status).toBe(401);
  });

  it('sends security headers and a request id on every response', async () => {
    const res = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    const generated = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the SPA shell for client-side routes but 404s unknown API paths', async () => {
    const page = await fetch(`${base}/admin/users`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const asset = await fetch(`${base}/app.js`);
    expect(await asset.text()).toBe('console.log(1)');
    const api = await fetch(`${base}/api/nope`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
  });

  it('serves a shell replaced on disk (a new build copied in place) without a restart', async () => {
    const shell = async () => (await fetch(`${base}/calendar`, { headers: { accept: 'text/html' } })).text();
    expect(await shell()).toContain('<title>opsdeck</title>');
    const file = path.join(clientDir, 'index.html');
    writeFileSync(file, '<!doctype html><title>opsdeck v2</title><div id="root"></div>');
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(await shell()).toContain('<title>opsdeck v2</title>');
  });
});
