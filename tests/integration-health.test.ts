// integrations.* read side: statuses from rollups, windows, series, search and error groups.
import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { writeIntegrationEvents } from '../server/integrations/write-integration-events.ts';
import { prepareIntegrationEvent } from '../server/integrations/prepare-integration-event.ts';
import { createProvider } from '../server/integrations/manage-providers.ts';
import { summarizeProviders } from '../server/integrations/summarize-providers.ts';
import { providerTimeseries } from '../server/integrations/provider-timeseries.ts';
import { splitRange, chooseBucketMs } from '../server/integrations/health-window.ts';
import { HEALTH_WINDOWS, WINDOW_MS } from '../shared/integration-health.ts';
import type { TIntegrationEvent, TProviderTier } from '../shared/integrations.ts';
import { callerFor, createTestUser } from './support/factories.ts';

const NOW = new Date();
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
let seq = 0;

async function provider(tier: TProviderTier = 'STANDARD') {
  const admin = await createTestUser({ role: 'ADMIN' });
  const key = `p${Date.now().toString(36)}${seq++}`;
  await createProvider({ input: { key, displayName: key.toUpperCase(), tier, knownEvents: [`${key}_ok`, `${key}_error`] }, actorId: admin.id });
  return { key, tier };
}

async function write(p: { key: string; tier: TProviderTier }, events: Partial<TIntegrationEvent>[]) {
  const prepared = events.map((e) =>
    prepareIntegrationEvent(
      { provider: p.key, event: e.outcome === 'error' ? `${p.key}_error` : `${p.key}_ok`, outcome: 'ok', occurredAt: minutesAgo(5), ...e } as TIntegrationEvent,
      { key: p.key, tier: p.tier, displayName: p.key },
    ),
  );
  await writeIntegrationEvents(prepared, 'internal');
}

const repeat = <T,>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

describe('[IH][SUMMARY] statuses', () => {
  it('healthy, failing, min-errors, no data, soft fail and recovered retries, worst first', async () => {
    const healthy = await provider();
    const failing = await provider();
    const oneOfOne = await provider();
    const silent = await provider();
    const soft = await provider('NON_BLOCKING');
    const retried = await provider('CORE');
    await write(healthy, repeat(40, (i) => ({ latencyMs: 10 + i * 10 })));
    await write(failing, [...repeat(70, () => ({})), ...repeat(30, () => ({ outcome: 'error' as const, errorCode: '503' }))]);
    await write(oneOfOne, [{ outcome: 'error', errorCode: '500' }]);
    await write(soft, [...repeat(20, () => ({})), ...repeat(20, () => ({ outcome: 'error' as const }))]);
    // Ten operations fail on the first attempt and all succeed on the second.
    await write(retried, [
      ...repeat(10, (i) => ({ outcome: 'error' as const, errorCode: '503', correlationId: `op${i}`, attempt: 1 })),
      ...repeat(10, (i) => ({ correlationId: `op${i}`, attempt: 2 })),
    ]);

    const { providers } = await summarizeProviders({ window: '1h' }, NOW);
    const card = (k: string) => providers.find((p) => p.provider === k)!;
    expect(card(healthy.key)).toMatchObject({ status: 'healthy', volume: 40, errors: 0, errorRate: 0 });
    expect(card(healthy.key).p50Ms).toBeGreaterThan(150);
    expect(card(healthy.key).p50Ms).toBeLessThan(260);
    expect(card(healthy.key).p95Ms).toBeGreaterThan(card(healthy.key).p50Ms!);
    expect(card(failing.key)).toMatchObject({ status: 'failing', volume: 100, errors: 30, errorRate: 0.3 });
    expect(card(failing.key).lastErrorAt).toBeInstanceOf(Date);
    expect(card(oneOfOne.key)).toMatchObject({ status: 'healthy', volume: 1, errors: 1, errorRate: 1 });
    expect(card(silent.key)).toMatchObject({ status: 'no_data', volume: 0, errorRate: null, p95Ms: null });
    expect(card(soft.key)).toMatchObject({ status: 'degraded', softErrors: 20, errorRate: 0.5 });
    expect(card(retried.key)).toMatchObject({ status: 'healthy', volume: 10, errors: 0, retries: 10 });

    const order = providers.map((p) => p.provider).filter((k) => [healthy.key, failing.key, silent.key, soft.key].includes(k));
    expect(order).toEqual([failing.key, soft.key, healthy.key, silent.key]);
    // Traffic 5 minutes ago lands in the last sparkline buckets, nothing in the first.
    expect(card(failing.key).sparkline.at(0)).toBeNull();
    expect(card(failing.key).sparkline.filter((v) => v !== null).length).toBeGreaterThanOrEqual(1);
  });

  it('windows count what happened inside them, reading whole hours from hour rollups', async () => {
    const p = await provider();
    await write(p, [
      { occurredAt: minutesAgo(10) },
      { occurredAt: minutesAgo(3 * 60) },
      { occurredAt: minutesAgo(3 * 24 * 60) },
      { occurredAt: minutesAgo(6 * 24 * 60 + 23 * 60) },
    ]);
    const volume = async (window: '15m' | '6h' | '24h' | '7d') => (await summarizeProviders({ window }, NOW)).providers.find((c) => c.provider === p.key)!.volume;
    expect(await volume('15m')).toBe(1);
    expect(await volume('6h')).toBe(2);
    expect(await volume('24h')).toBe(2);
    expect(await volume('7d')).toBe(4);
    const custom = await summarizeProviders({ window: 'custom', from: minutesAgo(4 * 24 * 60), to: minutesAgo(2 * 24 * 60) }, NOW);
    expect(custom.providers.find((c) => c.provider === p.key)!.volume).toBe(1);
  });

  it('splits a range into whole hours and minute edges, and keeps every series under 300 points', () => {
    const split = splitRange({ from: new Date('2026-11-23T10:37:20Z'), to: new Date('2026-11-23T14:05:00Z') });
    expect(split.hours).toEqual({ from: new Date('2026-11-23T11:00:00Z'), to: new Date('2026-11-23T14:00:00Z') });
    expect(split.minutes).toEqual([
      { from: new Date('2026-11-23T10:38:00Z'), to: new Date('2026-11-23T11:00:00Z') },
      { from: new Date('2026-11-23T14:00:00Z'), to: new Date('2026-11-23T14:05:00Z') },
    ]);
    for (const w of HEALTH_WINDOWS.filter((x) => x !== 'custom')) {
      const span = WINDOW_MS[w];
      expect(Math.ceil(span / chooseBucketMs({ from: new Date(0), to: new Date(span) }))).toBeLessThanOrEqual(300);
    }
  });
});

describe('[IH][TIMESERIES]', () => {
  it('gives one point per bucket with totals that add up and null where there was no traffic', async () => {
    const p = await provider();
    await write(p, [
      ...repeat(6, () => ({ occurredAt: minutesAgo(50) })),
      ...repeat(4, () => ({ occurredAt: minutesAgo(50), outcome: 'error' as const })),
      ...repeat(5, () => ({ occurredAt: minutesAgo(2) })),
    ]);
    const ts = await providerTimeseries({ window: '1h', providers: [p.key] }, NOW);
    expect(ts.bucketMs).toBe(60_000);
    expect(ts.series.map((s) => s.key)).toEqual([p.key]);
    const points = ts.series[0]!.points;
    expect(points.length).toBeLessThanOrEqual(61);
    expect(points.reduce((s, x) => s + x.total, 0)).toBe(15);
    expect(points.find((x) => x.total === 10)?.errorRate).toBe(0.4);
    expect(points.filter((x) => x.total === 0).every((x) => x.errorRate === null)).toBe(true);
    const byEvent = await providerTimeseries({ window: '24h', providers: [p.key], by: 'event' }, NOW);
    expect(byEvent.series.map((s) => s.key).sort()).toEqual([`${p.key}_error`, `${p.key}_ok`]);
    expect(byEvent.bucketMs).toBe(5 * 60_000);
    // The overview (every provider in one chart) shares a point budget across its series.
    const overview = await providerTimeseries({ window: '24h' }, NOW);
    expect(overview.bucketMs).toBe(3_600_000);
    expect(overview.series.every((s) => s.points.length <= 25)).toBe(true);
  });

  it('gives p50/p95 per point unless asked without latency, with the same counts either way', async () => {
    const p = await provider();
    await write(p, [
      ...repeat(20, (i) => ({ occurredAt: minutesAgo(30), latencyMs: 100 + i * 5 })),
      ...repeat(5, () => ({ occurredAt: minutesAgo(30), outcome: 'error' as const, latencyMs: 900 })),
    ]);
    const withLatency = await providerTimeseries({ window: '1h', providers: [p.key] }, NOW);
    const withoutLatency = await providerTimeseries({ window: '1h', providers: [p.key], latency: false }, NOW);
    const busy = withLatency.series[0]!.points.find((x) => x.total === 25)!;
    expect(busy.p50Ms).toBeGreaterThan(100);
    expect(busy.p50Ms).toBeLessThan(200);
    expect(busy.p95Ms).toBeGreaterThan(500);
    const same = withoutLatency.series[0]!.points.find((x) => x.t === busy.t)!;
    expect(same).toEqual({ ...busy, p50Ms: null, p95Ms: null });
    expect(withoutLatency.series[0]!.points.map((x) => [x.t, x.total, x.errors])).toEqual(withLatency.series[0]!.points.map((x) => [x.t, x.total, x.errors]));
  });

  it('answers the previous period bucket for bucket when asked, and only then', async () => {
    const p = await provider();
    await write(p, [
      // 10 and 70 minutes ago: the same offset (50 min into the hour) in the current and previous hour.
      ...repeat(3, () => ({ occurredAt: minutesAgo(10) })),
      ...repeat(2, () => ({ occurredAt: minutesAgo(70), outcome: 'error' as const })),
      ...repeat(6, () => ({ occurredAt: minutesAgo(70) })),
      // Before the previous period: in neither answer.
      ...repeat(4, () => ({ occurredAt: minutesAgo(150) })),
    ]);
    const plain = await providerTimeseries({ window: '1h', providers: [p.key] }, NOW);
    expect(plain.previous).toBeNull();

    const ts = await providerTimeseries({ window: '1h', providers: [p.key], previous: true }, NOW);
    const prev = ts.previous!;
    expect(prev.to).toEqual(ts.from);
    expect(prev.from.getTime()).toBe(ts.from.getTime() - 3_600_000);
    const cur = ts.series[0]!.points;
    const before = prev.series.find((s) => s.key === p.key)!.points;
    expect(before.length).toBe(cur.length);
    expect(before.every((x, i) => x.t === cur[i]!.t - 3_600_000)).toBe(true);
    expect(cur.reduce((s, x) => s + x.total, 0)).toBe(3);
    expect(before.reduce((s, x) => s + x.total, 0)).toBe(8);
    const i = before.findIndex((x) => x.total === 8);
    expect(before[i]!.errorRate).toBe(0.25);
    expect(cur[i]!.total).toBe(3);
  });
});

describe('[IH][EVENTS] search, groups and roles', () => {
  it('filters, pages newest first, and groups errors by masked message', async () => {
    const p = await provider();
    await write(p, [
      ...repeat(7, (i) => ({ outcome: 'error' as const, errorCode: '502', errorMessage: `gateway failed for order ${i}`, occurredAt: minutesAgo(30 - i) })),
      ...repeat(3, (i) => ({ outcome: 'error' as const, errorCode: '401', errorMessage: 'token expired', occurredAt: minutesAgo(20 - i), correlationId: 'corr-x' })),
      ...repeat(5, (i) => ({ occurredAt: minutesAgo(10 - i) })),
    ]);
    const support = await callerFor(await createTestUser({ role: 'SUPPORT' }));
    const first = await support.integrations.events({ provider: p.key, outcome: 'error', limit: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.items.every((e) => e.outcome === 'error')).toBe(true);
    const rest = await support.integrations.events({ provider: p.key, outcome: 'error', limit: 50, cursor: first.nextCursor });
    const all = [...first.items, ...rest.items];
    expect(all).toHaveLength(10);
    expect(new Set(all.map((e) => e.id)).size).toBe(10);
    const times = all.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await support.integrations.events({ provider: p.key, text: 'TOKEN exp' })).items).toHaveLength(3);
    expect((await support.integrations.events({ correlationId: 'corr-x', provider: p.key })).items.map((e) => e.errorClass)).toEqual(['auth', 'auth', 'auth']);

    const groups = await support.integrations.errorGroups({ window: '1h', provider: p.key });
    expect(groups.map((g) => [g.errorClass, g.count])).toEqual([
      ['provider_5xx', 7],
      ['auth', 3],
    ]);
    expect(groups[0]!.sampleMessage).toMatch(/^gateway failed for order \d$/);
    const inGroup = await support.integrations.events({ fingerprint: groups[0]!.fingerprint });
    expect(inGroup.items).toHaveLength(7);
  });

  it('is for staff; only admins add providers, and a new provider accepts events at once', async () => {
    const user = await callerFor(await createTestUser());
    await expect(user.integrations.summary({ window: '1h' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const support = await callerFor(await createTestUser({ role: 'SUPPORT' }));
    await expect(support.integrations.createProvider({ key: 'newthing', displayName: 'New', tier: 'STANDARD' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await callerFor(await createTestUser({ role: 'ADMIN' }));
    const created = await admin.integrations.createProvider({ key: 'newthing', displayName: 'New thing', tier: 'CRITICAL' });
    expect(created).toMatchObject({ key: 'newthing', tier: 'CRITICAL', degradedErrorRate: 0.02, builtIn: false });
    await expect(admin.integrations.createProvider({ key: 'newthing', displayName: 'Again', tier: 'CRITICAL' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const bad = await admin.integrations.summary({ window: 'custom' }).catch((e: TRPCError) => e);
    expect(bad).toBeInstanceOf(TRPCError);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    expect((await admin.integrations.providers()).map((p) => p.key)).toEqual(expect.arrayContaining(['supabase', 'aws_rekognition', 'ics_feed', 'newthing']));
  });
});
