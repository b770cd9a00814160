// GET /metrics (issue 10): Prometheus text with HTTP latency by route pattern (never a token or
// id from the URL), tRPC errors by code, job runs, ingestion counts; METRICS_TOKEN guards it.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/http/app.ts';
import { startJobs } from '../server/jobs/agenda.ts';
import { defineJob } from '../server/jobs/job.ts';
import { z } from 'zod';
import { testDatabaseUrl } from './support/per-file-database.ts';
import { createTestUser, TEST_PASSWORD } from './support/factories.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';
let server: Server;
let base: string;

beforeAll(async () => {
  // Read on first use of the config, which happens after this.
  process.env.METRICS_TOKEN = TOKEN;
  server = createApp({ clientDir: '/nonexistent' }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const scrape = async () => {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};

/** The value of one series, e.g. value(text, 'opsdeck_trpc_errors_total', { code: 'UNAUTHORIZED' }). */
function value(text: string, name: string, labels: Record<string, string>): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('[METRICS] /metrics', () => {
  it('refuses a scrape without the token', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-00' } })).status).toBe(401);
  });

  it('counts requests by route pattern and tRPC errors by code; URLs with secrets never become labels', async () => {
    const before = await scrape();
    const secretToken = 'a'.repeat(43);
    expect((await fetch(`${base}/api/calendar/ics/${secretToken}.ics`)).status).toBe(404);
    const anonymous = await fetch(`${base}/api/trpc/settings.get?input=${encodeURIComponent(JSON.stringify({ json: null }))}`);
    expect(anonymous.status).toBe(401);
    await fetch(`${base}/healthz`);
    const after = await scrape();

    expect(after).not.toContain(secretToken);
    expect(value(after, 'opsdeck_trpc_errors_total', { procedure: 'settings.get', code: 'UNAUTHORIZED' })).toBe(value(before, 'opsdeck_trpc_errors_total', { procedure: 'settings.get', code: 'UNAUTHORIZED' }) + 1);
    expect(value(after, 'opsdeck_http_request_duration_seconds_count', { route: '/api/trpc/settings.get', status: '401' })).toBeGreaterThanOrEqual(1);
    expect(value(after, 'opsdeck_http_request_duration_seconds_count', { route: '/healthz', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/opsdeck_http_request_duration_seconds_count\{[^}]*route="\/api\/calendar\/ics\/[^"]*:[^"]*"/);
    expect(after).toContain('opsdeck_process_cpu_seconds_total');
  });

  it('counts ingested events by outcome and job runs by name and outcome', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const signIn = await fetch(`${base}/api/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: { email: admin.email, password: TEST_PASSWORD } }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${base}/api/trpc/apiKeys.create`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ json: { name: 'metrics test' } }) });
    expect(created.status).toBe(200);
    const key = ((await created.json()) as { result: { data: { json: { key: string } } } }).result.data.json.key;
    const before = await scrape();
    const res = await fetch(`${base}/api/integration-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ events: [{ provider: 'mapbox', event: 'mapbox_geocode_ok', outcome: 'ok' }, { provider: 'nope', event: 'x', outcome: 'ok' }] }),
    });
    expect(res.status).toBe(202);

    let runs = 0;
    const job = defineJob({ id: 'metrics.test', schema: z.object({}).default({}), handler: async () => void runs++ });
    const runner = await startJobs({ databaseUrl: testDatabaseUrl, jobs: [job], processEvery: '1 second' });
    try {
      await runner.agenda.now('metrics.test', {});
      for (let i = 0; i < 100 && runs === 0; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await runner.stop();
    }
    const after = await scrape();
    expect(value(after, 'opsdeck_integration_events_ingested_total', { outcome: 'accepted' }) - value(before, 'opsdeck_integration_events_ingested_total', { outcome: 'accepted' })).toBe(1);
    expect(value(after, 'opsdeck_integration_events_ingested_total', { outcome: 'rejected' }) - value(before, 'opsdeck_integration_events_ingested_total', { outcome: 'rejected' })).toBe(1);
    expect(value(after, 'opsdeck_job_run_duration_seconds_count', { job: 'metrics.test', outcome: 'ok' })).toBe(1);
  });
});
