// Simulated traffic (traffic model, demo back-fill) and the write path's merging of concurrent
// batches: realistic and deterministic events, and rollups that equal the raw rows.
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../server/api-keys/create-api-key.ts';
import { getPool } from '../server/db.ts';
import { createApp } from '../server/http/app.ts';
import { backfillIntegrationEvents, demoIncidents, DEMO_SOURCE } from '../server/dev/backfill-integration-events.ts';
import { classifyError } from '../server/integrations/classify-error.ts';
import { prepareIntegrationEvent, type PreparedEvent } from '../server/integrations/prepare-integration-event.ts';
import { redactText } from '../server/integrations/redact.ts';
import { PROVIDER_PROFILES, providerProfile } from '../server/integrations/simulate/provider-profiles.ts';
import { createRng } from '../server/integrations/simulate/seeded-random.ts';
import {
  generateProviderEvents,
  generateTraffic,
  istanbulClock,
  parseIncident,
  sampleLatency,
  trafficAt,
  type SimulatedEvent,
} from '../server/integrations/simulate/traffic-model.ts';
import { writeIntegrationEvents } from '../server/integrations/write-integration-events.ts';
import { ZIntegrationEventInput } from '../shared/integrations.ts';
import { PROVIDER_CATALOG } from '../shared/provider-catalog.ts';
import { createTestUser } from './support/factories.ts';
import { buildRollupTiers } from '../server/integrations/build-rollup-tiers.ts';

// Wednesday 25 November 2026, 15:00 in Istanbul (UTC+3); the Saturday after; a night hour.
const WEDNESDAY_AFTERNOON = new Date('2026-11-25T12:00:00Z');
const SATURDAY_AFTERNOON = new Date('2026-11-28T12:00:00Z');
const WEDNESDAY_NIGHT = new Date('2026-11-25T01:00:00Z');
const hours = (h: number) => h * 3_600_000;

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
const firstAttempts = (events: SimulatedEvent[]) => events.filter((e) => e.attempt === 1);
const errorShare = (events: SimulatedEvent[]) => firstAttempts(events).filter((e) => e.outcome === 'error').length / firstAttempts(events).length;

describe('[IH][SIMULATE] traffic model', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const window = { from: WEDNESDAY_AFTERNOON, to: new Date(WEDNESDAY_AFTERNOON.getTime() + 10 * 60_000) };
    const a = generateTraffic({ ...window, rng: createRng('seed-1') });
    const b = generateTraffic({ ...window, rng: createRng('seed-1') });
    const c = generateTraffic({ ...window, rng: createRng('seed-2') });
    expect(a.length).toBeGreaterThan(1000);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
    // Merged in time order.
    expect(a.every((e, i) => i === 0 || a[i - 1]!.occurredAt <= e.occurredAt)).toBe(true);
  });

  it('covers every catalog provider, using only its known event names, and produces valid API input', () => {
    expect(PROVIDER_PROFILES.map((p) => p.provider).sort()).toEqual(PROVIDER_CATALOG.map((p) => p.key).sort());
    // The last Wednesday afternoon (Istanbul), not "now": at night the quietest providers may
    // draw no call at all in two hours, and the test must not depend on when it runs.
    let at = new Date();
    at.setUTCHours(12, 0, 0, 0);
    while (at.getUTCDay() !== 3 || at.getTime() > Date.now()) at = new Date(at.getTime() - 86_400_000);
    const now = at.getTime();
    const events = generateTraffic({ from: new Date(now - hours(2)), to: new Date(now), rng: createRng('names'), rate: 0.2, minPeakPerMinute: 2, nextKey: ((n = 0) => () => `k${n++}`)() });
    const known = new Map(PROVIDER_CATALOG.map((p) => [p.key, new Set(p.knownEvents)]));
    expect(new Set(events.map((e) => e.provider)).size).toBe(PROVIDER_CATALOG.length);
    for (const e of events) expect(known.get(e.provider)!.has(e.event)).toBe(true);
    const invalid = events.map((e) => ZIntegrationEventInput.safeParse(JSON.parse(JSON.stringify(e)))).filter((r) => !r.success);
    expect(invalid).toEqual([]);
    expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(events.length);
  });

  it('follows the Istanbul day: quiet at night, busy in the afternoon, quieter at the weekend', () => {
    expect(istanbulClock(WEDNESDAY_AFTERNOON)).toMatchObject({ hour: 15, weekend: false });
    expect(istanbulClock(SATURDAY_AFTERNOON)).toMatchObject({ hour: 15, weekend: true });
    expect(istanbulClock(WEDNESDAY_NIGHT)).toMatchObject({ hour: 4 });
    const volume = (provider: string, at: Date) => trafficAt(provider, at).operationsPerMinute;
    for (const { provider } of PROVIDER_PROFILES) {
      expect(volume(provider, WEDNESDAY_NIGHT)).toBeLessThan(volume(provider, WEDNESDAY_AFTERNOON) * 0.2);
    }
    expect(volume('supabase', SATURDAY_AFTERNOON)).toBeLessThan(volume('supabase', WEDNESDAY_AFTERNOON));
    // The legal CRM's calendar sync is an office-hours provider.
    expect(volume('google_calendar', SATURDAY_AFTERNOON)).toBeLessThan(volume('google_calendar', WEDNESDAY_AFTERNOON) * 0.5);
    // 10:00–22:00 is high for the consumer app.
    for (let h = 10; h < 22; h++) expect(volume('mapbox', new Date(WEDNESDAY_NIGHT.getTime() + hours(h - 4)))).toBeGreaterThan(volume('mapbox', WEDNESDAY_AFTERNOON) * 0.8);
  });

  it('ranks provider volumes as a small app would: Supabase highest, PayTR and iDenfy lowest', () => {
    const day = generateTraffic({ from: WEDNESDAY_AFTERNOON, to: new Date(WEDNESDAY_AFTERNOON.getTime() + hours(1)), rng: createRng('volumes') });
    const count = (p: string) => day.filter((e) => e.provider === p).length;
    expect(count('supabase')).toBeGreaterThan(count('mapbox'));
    expect(count('mapbox')).toBeGreaterThan(count('sendgrid'));
    for (const medium of ['sendgrid', 'twilio', 'openai', 'aws_rekognition']) {
      expect(count(medium)).toBeGreaterThan(count('paytr'));
      expect(count(medium)).toBeGreaterThan(count('idenfy'));
      expect(count(medium)).toBeLessThan(count('mapbox'));
    }
  });

  it('draws latencies around each profile p50/p95', () => {
    const rng = createRng('latency');
    for (const [provider, p50, p95] of [
      ['supabase', 40, 150],
      ['mapbox', 80, 300],
      ['paytr', 400, 1500],
      ['openai', 700, 3000],
    ] as const) {
      const samples = Array.from({ length: 20_000 }, () => sampleLatency(providerProfile(provider), rng));
      expect(quantile(samples, 0.5)).toBeGreaterThan(p50 * 0.9);
      expect(quantile(samples, 0.5)).toBeLessThan(p50 * 1.1);
      expect(quantile(samples, 0.95)).toBeGreaterThan(p95 * 0.85);
      expect(quantile(samples, 0.95)).toBeLessThan(p95 * 1.15);
    }
  });

  it('fails rarely, with the provider\'s own codes, classified as the provider means them', () => {
    for (const profile of PROVIDER_PROFILES) {
      expect(profile.errorRate).toBeGreaterThanOrEqual(0.001);
      expect(profile.errorRate).toBeLessThanOrEqual(0.02);
      const tier = PROVIDER_CATALOG.find((p) => p.key === profile.provider)!.tier;
      for (const t of profile.errors) {
        const cls = classifyError({ provider: profile.provider, tier, errorClass: t.errorClass, errorCode: t.code, errorMessage: t.message });
        if (tier === 'NON_BLOCKING') expect(cls).toBe('soft_fail');
        // What a caller retries is transient: rate limits, provider failures, timeouts.
        else if (t.retryable) expect(['rate_limit', 'provider_5xx', 'timeout_network']).toContain(cls);
      }
    }
    const day = generateProviderEvents('supabase', { from: WEDNESDAY_AFTERNOON, to: new Date(WEDNESDAY_AFTERNOON.getTime() + hours(12)), rng: createRng('errors') });
    expect(errorShare(day)).toBeGreaterThan(0.001);
    expect(errorShare(day)).toBeLessThan(0.004);
    const codes = new Set(day.filter((e) => e.outcome === 'error').map((e) => e.errorCode));
    expect([...codes].every((c) => providerProfile('supabase').errors.some((t) => t.code === c))).toBe(true);
    const twilio = generateProviderEvents('twilio', { from: WEDNESDAY_AFTERNOON, to: new Date(WEDNESDAY_AFTERNOON.getTime() + hours(48)), rng: createRng('twilio') });
    expect(twilio.filter((e) => e.errorCode === '21211').length).toBeGreaterThan(0);
    expect(twilio.filter((e) => e.errorCode === '30003').length).toBeGreaterThan(0);
  });

  it('retries some transient failures as attempt 2 with the same correlation id, a few seconds later', () => {
    const events = generateProviderEvents('mapbox', { from: WEDNESDAY_AFTERNOON, to: new Date(WEDNESDAY_AFTERNOON.getTime() + hours(24)), rng: createRng('retries'), rate: 3 });
    const retries = events.filter((e) => e.attempt === 2);
    expect(retries.length).toBeGreaterThan(10);
    const firstByCorrelation = new Map(events.filter((e) => e.attempt === 1).map((e) => [e.correlationId, e]));
    for (const retry of retries) {
      const first = firstByCorrelation.get(retry.correlationId)!;
      expect(first.outcome).toBe('error');
      expect(providerProfile('mapbox').errors.find((t) => t.code === first.errorCode)!.retryable).toBe(true);
      const delay = retry.occurredAt.getTime() - first.occurredAt.getTime();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
    // Most retries succeed outside an incident.
    expect(retries.filter((e) => e.outcome === 'ok').length / retries.length).toBeGreaterThan(0.7);
  });

  it('names subjects with fake user ids that redaction leaves alone, shared across providers', () => {
    const events = generateTraffic({ from: WEDNESDAY_AFTERNOON, to: new Date(WEDNESDAY_AFTERNOON.getTime() + hours(1)), rng: createRng('subjects') });
    const subjects = events.map((e) => e.subject).filter((s): s is string => !!s);
    expect(subjects.length).toBeGreaterThan(events.length / 2);
    for (const s of new Set(subjects)) {
      expect(s).toMatch(/^usr_[0-9a-z]{7}$/);
      expect(redactText(s)).toBe(s);
    }
    const providersOf = new Map<string, Set<string>>();
    for (const e of events) if (e.subject) providersOf.set(e.subject, (providersOf.get(e.subject) ?? new Set()).add(e.provider));
    expect(Math.max(...[...providersOf.values()].map((p) => p.size))).toBeGreaterThan(3);
    // Sentry and Vercel calls are not made for one user.
    expect(events.filter((e) => e.provider === 'sentry' || e.provider === 'vercel').every((e) => e.subject === undefined)).toBe(true);
  });

  it('runs an incident: the chosen provider at the chosen error rate and slowdown, for its period only', () => {
    const incident = parseIncident('mapbox:35:60:4', WEDNESDAY_AFTERNOON);
    expect(incident).toMatchObject({ provider: 'mapbox', errorRate: 0.35, latencyMultiplier: 4 });
    expect(incident.to.getTime() - incident.from.getTime()).toBe(hours(1));
    const opts = { rng: createRng('incident'), incidents: [incident] };
    const during = generateProviderEvents('mapbox', { ...opts, from: incident.from, to: incident.to });
    const after = generateProviderEvents('mapbox', { ...opts, from: incident.to, to: new Date(incident.to.getTime() + hours(1)) });
    const supabase = generateProviderEvents('supabase', { ...opts, from: incident.from, to: incident.to });
    expect(errorShare(during)).toBeGreaterThan(0.31);
    expect(errorShare(during)).toBeLessThan(0.39);
    expect(errorShare(after)).toBeLessThan(0.02);
    expect(errorShare(supabase)).toBeLessThan(0.01);
    const okLatency = (events: SimulatedEvent[]) => quantile(events.filter((e) => e.outcome === 'ok').map((e) => e.latencyMs), 0.5);
    expect(okLatency(during)).toBeGreaterThan(okLatency(after) * 3);
    // The outage's own failures (503s, timeouts) dominate, not the everyday 422s.
    const outageCodes = new Set(providerProfile('mapbox').errors.filter((t) => t.incident).map((t) => t.code));
    const failures = during.filter((e) => e.outcome === 'error');
    expect(failures.filter((e) => outageCodes.has(e.errorCode!)).length / failures.length).toBeGreaterThan(0.8);
  });

  it('reads incident specs as shares or percentages and explains bad ones', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(parseIncident('twilio:0.2', now)).toMatchObject({ errorRate: 0.2, latencyMultiplier: 3 });
    expect(parseIncident('twilio:20%:5', now).to).toEqual(new Date('2026-11-25T12:05:00Z'));
    expect(() => parseIncident('nosuch:20', now)).toThrow(/unknown provider "nosuch"/);
    expect(() => parseIncident('twilio', now)).toThrow(/give an error rate/);
    expect(() => parseIncident('twilio:20:-1', now)).toThrow(/minutes must be a positive number/);
  });
});

describe('[IH][SIMULATE] demo back-fill', () => {
  it('writes days of traffic through the write path once, with rollups equal to the raw rows and the past incident visible', async () => {
    const now = new Date();
    const count = async (sql: string) => Number((await getPool().query<{ n: string }>(sql)).rows[0]!.n);
    const result = await backfillIntegrationEvents({ days: 3, now, seed: 'test', rate: 0.02 });
    expect(result.skipped).toBe(false);
    expect(result.events).toBeGreaterThan(10_000);
    expect(result.accepted).toBe(result.events);
    expect(await count(`SELECT count(*) n FROM integration_events WHERE source = '${DEMO_SOURCE}'`)).toBe(result.events);
    expect(await count('SELECT min(occurred_at) >= now() - interval \'3 days 1 minute\' AS n FROM integration_events')).toBe(1);

    // The back-fill's older hours went to the hour rollups as late events; the rest are built
    // by the rollup-tiers job, run here as if two hours had passed.
    await buildRollupTiers({ now: new Date(now.getTime() + 2 * 3_600_000), latenessMs: 0 });
    for (const table of ['integration_rollup_minutes', 'integration_rollup_hours']) {
      expect(await count(`SELECT sum(total + retries) n FROM ${table}`)).toBe(result.events);
      expect(await count(`SELECT sum(latency_count) n FROM ${table}`)).toBe(result.events);
    }
    expect(await count('SELECT sum(errors) n FROM integration_rollup_minutes')).toBe(await count('SELECT count(*) n FROM integration_events WHERE NOT ok AND attempt = 1'));
    expect(await count('SELECT sum(count) n FROM integration_error_groups')).toBe(await count('SELECT count(*) n FROM integration_events WHERE NOT ok'));
    expect(await count('SELECT count(*) n FROM provider_states')).toBe(PROVIDER_CATALOG.length);

    const [incident] = demoIncidents(now);
    expect(istanbulClock(incident!.from).hour).toBe(14);
    const rate = async (from: Date, to: Date) => {
      const { rows } = await getPool().query<{ total: string; errors: string }>(
        `SELECT sum(total) total, sum(errors) errors FROM integration_rollup_minutes WHERE provider = 'mapbox' AND bucket >= $1 AND bucket < $2`,
        [from, to],
      );
      return Number(rows[0]!.errors) / Number(rows[0]!.total);
    };
    expect(await rate(incident!.from, incident!.to)).toBeGreaterThan(0.25);
    expect(await rate(new Date(incident!.to.getTime() + hours(1)), new Date(incident!.to.getTime() + hours(5)))).toBeLessThan(0.03);

    const again = await backfillIntegrationEvents({ days: 3, now, seed: 'test', rate: 0.02 });
    expect(again).toMatchObject({ skipped: true, events: 0 });
    expect(await count('SELECT count(*) n FROM integration_events')).toBe(result.events);
  });
});

describe('[IH][WRITE] concurrent batches', () => {
  const event = (provider: string, key: string | null, extra: Partial<Parameters<typeof prepareIntegrationEvent>[0]> = {}): PreparedEvent =>
    prepareIntegrationEvent(
      { provider, event: `${provider}_error`, outcome: 'ok', occurredAt: new Date(Date.now() - 60_000), latencyMs: 50, ...(key ? { idempotencyKey: key } : {}), ...extra },
      { key: provider, tier: 'STANDARD', displayName: provider },
    );

  it('answers each caller for its own batch when batches are merged, and fails only a bad batch', async () => {
    const run = `merge-${Date.now()}`;
    const batch = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => event('posthog', `${run}-${prefix}-${i}`, { correlationId: run }));
    const writes = [
      writeIntegrationEvents(batch(50, 'a'), 'source-1'),
      writeIntegrationEvents(batch(50, 'a'), 'source-1'), // the same keys, same sender: duplicates
      writeIntegrationEvents(batch(50, 'a'), 'source-2'), // the same keys, another sender: new events
      // PostgreSQL refuses \u0000 in jsonb: this batch fails, and only this one.
      writeIntegrationEvents([...batch(3, 'bad'), event('posthog', `${run}-nul`, { correlationId: run, metadata: { note: 'a\u0000b' } })], 'source-1'),
      writeIntegrationEvents([...batch(20, 'b'), event('posthog', null, { correlationId: run }), event('posthog', null, { correlationId: run })], 'source-1'),
    ];
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const values = results.map((r) => (r.status === 'fulfilled' ? r.value : null));
    expect(values[0]!.accepted + values[1]!.accepted).toBe(50);
    expect(values[0]!.duplicate + values[1]!.duplicate).toBe(50);
    expect(values[2]).toEqual({ accepted: 50, duplicate: 0 });
    expect(values[4]).toEqual({ accepted: 22, duplicate: 0 });
    const stored = await getPool().query<{ n: string }>('SELECT count(*) n FROM integration_events WHERE correlation_id = $1', [run]);
    expect(Number(stored.rows[0]!.n)).toBe(50 + 50 + 22);
  });

  it('stores text with quotes, backslashes, braces, commas and line breaks exactly', async () => {
    const run = `escape-${Date.now()}`;
    const message = 'He said "no" \\ C:\\temp\\{a,b} NULL, "NULL"\nline 2\ttab – ünïcode';
    await writeIntegrationEvents(
      [
        event('sendgrid', null, { correlationId: run, outcome: 'error', errorCode: '500 "x"', errorMessage: message, subject: 'usr_{a,"b"}\\', jobId: 'NULL', metadata: { q: '"\\' } }),
        event('sendgrid', null, { correlationId: run, subject: '', jobId: '' }),
      ],
      'internal',
    );
    const { rows } = await getPool().query('SELECT error_message, error_code, subject, job_id, metadata FROM integration_events WHERE correlation_id = $1 ORDER BY id', [run]);
    expect(rows).toEqual([
      { error_message: message, error_code: '500 "x"', subject: 'usr_{a,"b"}\\', job_id: 'NULL', metadata: { q: '"\\' } },
      { error_message: null, error_code: null, subject: null, job_id: '', metadata: null },
    ]);
  });
});

describe('[IH][INGEST] rate limit under concurrent batches', () => {
  it('gives concurrent batches of one key the verdicts they would get one after another', async () => {
    const server = createApp().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const admin = await createTestUser({ role: 'ADMIN' });
      const { key } = await createApiKey({ input: { name: 'limit', ratePerMinute: 60 }, actorId: admin.id });
      const events = Array.from({ length: 30 }, () => ({ provider: 'twilio', event: 'twilio_sms_sent', outcome: 'ok' }));
      const post = () =>
        fetch(`${base}/api/integration-events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ events }) });
      const statuses = (await Promise.all(Array.from({ length: 5 }, post))).map((r) => r.status).sort();
      // 60 events a minute: two batches of 30 fit, the other three do not.
      expect(statuses).toEqual([202, 202, 429, 429, 429]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
