// POST /api/integration-events over real HTTP and a real database: every status the API
// promises, partial acceptance, redaction, idempotency and rollups under concurrency.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/http/app.ts';
import { getPool } from '../server/db.ts';
import { createApiKey } from '../server/api-keys/create-api-key.ts';
import { revokeApiKey } from '../server/api-keys/revoke-api-key.ts';
import type { TIntegrationEventInput } from '../shared/integrations.ts';
import { createTestUser } from './support/factories.ts';
import { buildRollupTiers } from '../server/integrations/build-rollup-tiers.ts';
import { unpackHistogram } from '../server/integrations/packed-histogram.ts';

let server: Server;
let base: string;
let adminId: string;

beforeAll(async () => {
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  adminId = (await createTestUser({ role: 'ADMIN' })).id;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function newKey(opts: { providers?: string[]; ratePerMinute?: number } = {}) {
  return (await createApiKey({ input: { name: 'test', ...opts }, actorId: adminId })).key;
}

function post(key: string | null, body: unknown, raw?: string) {
  return fetch(`${base}/api/integration-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: raw ?? JSON.stringify(body),
  });
}

const ok = (provider: string, event: string, extra: Partial<TIntegrationEventInput> = {}): TIntegrationEventInput => ({
  provider,
  event,
  outcome: 'ok',
  latencyMs: 120,
  ...extra,
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await getPool().query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

describe('[IH][INGEST] HTTP contract', () => {
  it('401 without a key, with a malformed or unknown key, and after revocation', async () => {
    expect((await post(null, { events: [ok('sendgrid', 'sendgrid_email_sent')] })).status).toBe(401);
    expect((await post('nope', { events: [] })).status).toBe(401);
    const unknown = await post(`odk_${'A'.repeat(43)}`, { events: [] });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toMatch(/^Bearer/);

    const created = await createApiKey({ input: { name: 'to revoke' }, actorId: adminId });
    expect((await post(created.key, { events: [ok('sendgrid', 'sendgrid_email_sent')] })).status).toBe(202);
    await revokeApiKey({ id: created.apiKey.id, actorId: adminId });
    expect((await post(created.key, { events: [ok('sendgrid', 'sendgrid_email_sent')] })).status).toBe(401);
  });

  it('400 for malformed JSON, a body without events, and an empty batch; 413 over 1000 events or 1 MiB', async () => {
    const key = await newKey();
    const malformed = await post(key, null, '{"events": [');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'bad_request', message: 'The body is not valid JSON' });
    expect((await post(key, { items: [] })).status).toBe(400);
    expect((await post(key, { events: [] })).status).toBe(400);

    const tooMany = await post(key, { events: Array.from({ length: 1001 }, () => ok('sendgrid', 'sendgrid_email_sent')) });
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).message).toMatch(/At most 1000 events per request \(got 1001\)/);
    const huge = await post(key, { events: [ok('sendgrid', 'sendgrid_email_sent', { metadata: { blob: 'x'.repeat(1_100_000) } })] });
    expect(huge.status).toBe(413);
    expect(await count(`SELECT count(*) n FROM integration_events WHERE event = 'sendgrid_email_sent' AND metadata ? 'blob'`)).toBe(0);
  });

  it('429 with Retry-After once a key posts more events per minute than allowed, counted in events', async () => {
    const key = await newKey({ ratePerMinute: 60 });
    const batch = (n: number) => ({ events: Array.from({ length: n }, () => ok('twilio', 'twilio_sms_sent')) });
    expect((await post(key, batch(50))).status).toBe(202);
    const limited = await post(key, batch(20));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error).toBe('rate_limited');
  });

  it('202 with per-item field errors: the valid items are stored, the rest rejected by index', async () => {
    const key = await newKey({ providers: ['sendgrid', 'twilio'] });
    const correlationId = `partial-${Date.now()}`;
    const res = await post(key, {
      events: [
        ok('sendgrid', 'sendgrid_email_sent', { correlationId }),
        { provider: 'nosuch', event: 'x_y', outcome: 'ok', correlationId },
        ok('mapbox', 'mapbox_geocode_ok', { correlationId }),
        { provider: 'twilio', event: 'twilio_error', outcome: 'maybe', correlationId },
        { ...ok('twilio', 'twilio_sms_sent', { correlationId }), latencyMs: -5 },
        ok('twilio', 'twilio_sms_sent', { correlationId, occurredAt: new Date(Date.now() - 40 * 86_400_000).toISOString() as unknown as Date }),
      ],
    });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ accepted: 1, duplicate: 0, rejected: 5 });
    expect(body.errors.map((e: { index: number }) => e.index)).toEqual([1, 2, 3, 4, 5]);
    expect(body.errors[0].fieldErrors.provider[0]).toMatch(/^Unknown provider "nosuch"\. Known providers: .*sendgrid.*twilio/);
    expect(body.errors[1].fieldErrors.provider).toEqual(['This API key may post only for: sendgrid, twilio']);
    expect(Object.keys(body.errors[2].fieldErrors)).toEqual(['outcome']);
    expect(Object.keys(body.errors[3].fieldErrors)).toEqual(['latencyMs']);
    expect(body.errors[4].fieldErrors.occurredAt).toEqual(['occurredAt is older than 30 days']);
    expect(await count('SELECT count(*) n FROM integration_events WHERE correlation_id = $1', [correlationId])).toBe(1);
  });

  it('stores errors redacted, classified and grouped (IH-7)', async () => {
    const key = await newKey();
    const correlationId = `redact-${Date.now()}`;
    const res = await post(key, {
      events: [
        {
          provider: 'sendgrid',
          event: 'sendgrid_error',
          outcome: 'error',
          errorCode: '429',
          errorMessage: 'Too many requests for ayse@example.com using key SG.abcdefghijklmnop1234.qrstuvwxyzABCDEF5678',
          metadata: { to: 'ayse@example.com', authorization: 'Bearer abcdefghijklmnop', attempt: 1 },
          correlationId,
        },
      ],
    });
    expect(res.status).toBe(202);
    const { rows } = await getPool().query('SELECT error_message, error_class, metadata, fingerprint FROM integration_events WHERE correlation_id = $1', [correlationId]);
    expect(rows[0]).toMatchObject({
      error_message: 'Too many requests for [email] using key [api-key]',
      error_class: 'rate_limit',
      metadata: { to: '[email]', authorization: '[redacted]', attempt: 1 },
    });
    const group = await getPool().query('SELECT provider, error_class, sample_message, count FROM integration_error_groups WHERE fingerprint = $1', [rows[0].fingerprint]);
    expect(group.rows[0]).toMatchObject({ provider: 'sendgrid', error_class: 'rate_limit', sample_message: 'Too many requests for [email] using key [api-key]' });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('ayse@example.com');
    expect(stored).not.toContain('SG.abcdefghijklmnop');
  });
});

describe('[IH][INGEST] concurrency', () => {
  it('counts a repeated idempotency key once, even when the same batch is posted ten times at once', async () => {
    const key = await newKey();
    const run = `idem-${Date.now()}`;
    const events = Array.from({ length: 50 }, (_, i) => ok('supabase', 'supabase_rpc_ok', { idempotencyKey: `${run}-${i}`, correlationId: run }));
    // A key repeated inside one batch is a duplicate too.
    events.push(ok('supabase', 'supabase_rpc_ok', { idempotencyKey: `${run}-0`, correlationId: run }));
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(key, { events }).then((r) => r.json())));
    expect(responses.reduce((sum, r) => sum + r.accepted, 0)).toBe(50);
    expect(responses.reduce((sum, r) => sum + r.duplicate, 0)).toBe(10 * 51 - 50);
    expect(await count('SELECT count(*) n FROM integration_events WHERE correlation_id = $1', [run])).toBe(50);
    // The same key from another API key is another sender's event.
    const other = await (await post(await newKey(), { events: events.slice(0, 1) })).json();
    expect(other.accepted).toBe(1);
  });

  it('keeps minute and hour rollups, error groups and provider state equal to the raw rows under concurrent writers', async () => {
    const key = await newKey();
    const provider = 'paytr';
    const start = await count(`SELECT count(*) n FROM integration_events WHERE provider = $1`, [provider]);
    const startRollup = await count(`SELECT coalesce(sum(total + retries), 0) n FROM integration_rollup_minutes WHERE provider = $1`, [provider]);
    const now = Date.now();
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 500 }, (_, i): TIntegrationEventInput => {
        const failed = (b * 500 + i) % 7 === 0;
        return {
          provider,
          event: failed ? 'paytr_error' : i % 2 ? 'paytr_payment_ok' : 'paytr_withdraw_initiated',
          outcome: failed ? 'error' : 'ok',
          occurredAt: new Date(now - ((b * 500 + i) % 180) * 60_000).toISOString() as unknown as Date,
          latencyMs: (i * 37) % 2000,
          attempt: i % 25 === 0 ? 2 : 1,
          ...(failed ? { errorCode: i % 2 ? '502' : '401', errorMessage: `upstream failed for order ${i}` } : {}),
        };
      }),
    );
    const results = await Promise.all(batches.map((events) => post(key, { events }).then((r) => r.json())));
    expect(results.every((r) => r.accepted === 500)).toBe(true);

    const raw = (await count(`SELECT count(*) n FROM integration_events WHERE provider = $1`, [provider])) - start;
    expect(raw).toBe(4000);
    const minute = (await count(`SELECT sum(total + retries) n FROM integration_rollup_minutes WHERE provider = $1`, [provider])) - startRollup;
    expect(minute).toBe(4000);
    const q = (table: string, expr: string) => count(`SELECT coalesce(sum(${expr}), 0) n FROM ${table} WHERE provider = $1`, [provider]);
    // Hour rollups are built from the minutes by the rollup-tiers job (run here as if two hours
    // had passed, so the current hour is closed too); the writer adds only late events to them.
    await buildRollupTiers({ now: new Date(now + 2 * 3_600_000), latenessMs: 0 });
    expect(await q('integration_rollup_hours', 'total + retries')).toBe(await q('integration_rollup_minutes', 'total + retries'));
    expect(await q('integration_rollup_minutes', 'errors')).toBe(
      await count(`SELECT count(*) n FROM integration_events WHERE provider = $1 AND NOT ok AND attempt = 1`, [provider]),
    );
    expect(await q('integration_rollup_minutes', 'latency_count')).toBe(await count(`SELECT count(*) n FROM integration_events WHERE provider = $1 AND latency_ms IS NOT NULL`, [provider]));
    const packed = await getPool().query<{ h: string; n: number }>(`SELECT latency_hist_packed::text AS h, latency_count AS n FROM integration_rollup_minutes WHERE provider = $1`, [provider]);
    expect(packed.rows.length).toBeGreaterThan(0);
    for (const r of packed.rows) expect(unpackHistogram(r.h).reduce((a, b) => a + b, 0)).toBe(r.n);
    // Order numbers are masked, so one message shape per status is one group.
    const groups = await getPool().query(`SELECT error_class, count FROM integration_error_groups WHERE provider = $1 ORDER BY error_class`, [provider]);
    expect(groups.rows.map((g) => g.error_class)).toEqual(['auth', 'provider_5xx']);
    expect(groups.rows.reduce((s, g) => s + g.count, 0)).toBe(await count(`SELECT count(*) n FROM integration_events WHERE provider = $1 AND NOT ok`, [provider]));
    const state = await getPool().query(`SELECT last_ok_at, last_error_at FROM provider_states WHERE provider = $1`, [provider]);
    expect(state.rows[0].last_ok_at).toBeInstanceOf(Date);
    expect(state.rows[0].last_error_at).toBeInstanceOf(Date);
  });
});
