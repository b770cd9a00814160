// tRPC during a database outage: SERVICE_UNAVAILABLE (503) with Retry-After and a retry hint in
// the error data, not INTERNAL_SERVER_ERROR, whether the outage hits the session lookup (the
// first query of every signed-in call) or a public procedure's own query. The outage is real:
// the app's pool is pointed at a port where nothing listens.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../server/auth/sessions.ts';
import { DATABASE_RETRY_AFTER_SEC } from '../server/db.ts';
import { createApp } from '../server/http/app.ts';
import { createTestUser } from './support/factories.ts';
import { freePort, useDatabase } from './support/faults.ts';
import { testDatabaseUrl } from './support/per-file-database.ts';

let server: Server;
let base: string;
let cookie: string;

beforeAll(async () => {
  const admin = await createTestUser({ role: 'ADMIN' });
  const { token } = await createSession({ userId: admin.id });
  cookie = `${SESSION_COOKIE}=${token}`;
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const down = new URL(testDatabaseUrl);
  down.port = String(await freePort());
  await useDatabase(down.toString());
});

afterAll(async () => {
  server.close();
  await useDatabase(testDatabaseUrl); // per-file-database's afterAll disconnects it
});

type TrpcErrorBody = { error: { json: { message: string; data: { code: string; httpStatus: number; retryAfterSeconds: number | null } } } };

describe('[FAULTS][TRPC] a database outage answers 503, not 500', () => {
  it('a signed-in query whose session lookup cannot reach PostgreSQL', async () => {
    const res = await fetch(`${base}/api/trpc/auth.me`, { headers: { cookie } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(String(DATABASE_RETRY_AFTER_SEC));
    const body = (await res.json()) as TrpcErrorBody;
    expect(body.error.json.data.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.error.json.data.retryAfterSeconds).toBe(DATABASE_RETRY_AFTER_SEC);
    expect(body.error.json.message).toMatch(/database is unavailable/);
  });

  it('a public mutation whose own query cannot reach PostgreSQL (sign-in checks its rate limit first)', async () => {
    const res = await fetch(`${base}/api/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: 'someone@example.com', password: 'whatever-it-is' } }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(String(DATABASE_RETRY_AFTER_SEC));
    const body = (await res.json()) as TrpcErrorBody;
    expect(body.error.json.data.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('an anonymous call that needs no query still answers normally', async () => {
    const res = await fetch(`${base}/api/trpc/auth.me`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { data: { json: unknown } } }).result.data.json).toBeNull();
  });
});
