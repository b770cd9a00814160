// Issue 8: the alert rules over synthetic rollup numbers, and the alerts.evaluate job over real
// rollups (written by the one integration-event writer) moving incidents: open once, escalate,
// hold down, resolve, never two at a time, mute holds notifications back.
import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { writeIntegrationEvents } from '../server/integrations/write-integration-events.ts';
import { prepareIntegrationEvent } from '../server/integrations/prepare-integration-event.ts';
import { createProvider } from '../server/integrations/manage-providers.ts';
import { latencyBucket, HISTOGRAM_SIZE } from '../server/integrations/latency-histogram.ts';
import {
  evaluateBurnRate,
  evaluateLatency,
  evaluateProvider,
  evaluateSilence,
  evaluateThreshold,
  silenceBaseline,
  wilsonLowerBound,
  type WindowSums,
} from '../server/alerts/evaluate-rules.ts';
import { evaluateAlerts } from '../server/alerts/evaluate-alerts.ts';
import { updateAlertRule } from '../server/alerts/update-alert-rule.ts';
import { createMute } from '../server/alerts/manage-mutes.ts';
import { TIER_RULE_DEFAULTS, type TBurnRateParams, type TThresholdParams } from '../shared/alerts.ts';
import type { TIntegrationEvent, TProviderTier } from '../shared/integrations.ts';
import { createTestUser } from './support/factories.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const WEEK = 7 * 24 * HOUR;
const sums = (errors: number, total: number, hist: number[] = []): WindowSums => ({ errors, total, hist });

describe('[ALERTS][RULES] pure rules over rollup numbers', () => {
  const threshold: TThresholdParams = { windowMinutes: 5, warningRate: 0.05, criticalRate: 0.2, minErrors: 5, wilson: false };

  it('threshold: never below the minimum failure count (no 1-of-1 = 100%), warning and critical above it', () => {
    expect(evaluateThreshold(threshold, sums(1, 1))).toBeNull();
    expect(evaluateThreshold(threshold, sums(4, 4))).toBeNull();
    expect(evaluateThreshold(threshold, sums(0, 0))).toBeNull();
    expect(evaluateThreshold(threshold, sums(5, 1000))).toBeNull(); // 0.5%: below the warning rate
    expect(evaluateThreshold(threshold, sums(6, 100))).toMatchObject({ kind: 'THRESHOLD', severity: 'WARNING', numbers: { errors: 6, total: 100, errorRate: 0.06 } });
    const critical = evaluateThreshold(threshold, sums(30, 100))!;
    expect(critical).toMatchObject({ severity: 'CRITICAL', numbers: { errorRate: 0.3, threshold: 0.2 } });
    expect(critical.summary).toBe('30% errors (30 of 100) in 5 min');
  });

  it('threshold on the Wilson lower bound: the same rate needs more evidence from a small sample', () => {
    expect(wilsonLowerBound(0, 10)).toBe(0);
    expect(wilsonLowerBound(10, 40)).toBeCloseTo(0.1419, 3);
    expect(wilsonLowerBound(250, 1000)).toBeCloseTo(0.2242, 3);
    const wilson = { ...threshold, wilson: true };
    // 25% observed either way: critical from 1,000 calls, only a warning from 40.
    expect(evaluateThreshold(wilson, sums(250, 1000))!.severity).toBe('CRITICAL');
    const small = evaluateThreshold(wilson, sums(10, 40))!;
    expect(small.severity).toBe('WARNING');
    expect(small.summary).toContain('at least 14% (Wilson)');
    // 5 of 60 (8%): the bound (3.6%) is under the warning rate.
    expect(evaluateThreshold(wilson, sums(5, 60))).toBeNull();
  });

  it('burn rate: the fast pair pages only when both 5m and 1h burn, the slow pair warns, a lone spike or a recovery does not fire', () => {
    const p: TBurnRateParams = { slo: 0.99, fast: { shortMinutes: 5, longMinutes: 60, factor: 14.4 }, slow: { shortMinutes: 30, longMinutes: 360, factor: 6 }, minErrors: 5 };
    const windows = (by: Record<number, WindowSums>) => (m: number) => by[m] ?? sums(0, 0);
    const fast = evaluateBurnRate(p, windows({ 5: sums(20, 100), 60: sums(150, 1000), 30: sums(60, 500), 360: sums(150, 5000) }))!;
    expect(fast).toMatchObject({ kind: 'BURN_RATE', severity: 'CRITICAL', numbers: { shortBurn: 20, longBurn: 15, factor: 14.4, shortMinutes: 5, longMinutes: 60 } });
    // A five-minute spike: the hour has not burnt 14.4x (2% = 2x).
    expect(evaluateBurnRate(p, windows({ 5: sums(50, 100), 60: sums(60, 3000), 30: sums(50, 1500), 360: sums(60, 20000) }))).toBeNull();
    // Recovered: the hour still shows the burn, the last five minutes do not.
    expect(evaluateBurnRate(p, windows({ 5: sums(0, 100), 60: sums(150, 1000), 30: sums(20, 500), 360: sums(150, 6000) }))).toBeNull();
    // Slow burn: 8% over 30 min and 7% over 6 h = 8x and 7x the budget.
    const slow = evaluateBurnRate(p, windows({ 5: sums(4, 100), 60: sums(50, 1000), 30: sums(40, 500), 360: sums(420, 6000) }))!;
    expect(slow).toMatchObject({ severity: 'WARNING', numbers: { shortMinutes: 30, longMinutes: 360, shortBurn: 8, longBurn: 7 } });
    // Too few failures in the long window to judge.
    expect(evaluateBurnRate(p, windows({ 5: sums(2, 4), 60: sums(3, 10), 30: sums(3, 10), 360: sums(3, 10) }))).toBeNull();
  });

  it('latency: p95 from the histogram above the bound, only with enough samples', () => {
    const hist = (values: number[]) => {
      const h = new Array(HISTOGRAM_SIZE).fill(0);
      for (const v of values) h[latencyBucket(v)]++;
      return h;
    };
    const p = { windowMinutes: 10, p95Ms: 2000, minSamples: 50, severity: 'WARNING' as const };
    const slow = [...Array.from({ length: 80 }, () => 300), ...Array.from({ length: 20 }, () => 4500)];
    expect(evaluateLatency(p, sums(0, 100, hist(slow)))).toMatchObject({ kind: 'LATENCY', severity: 'WARNING', numbers: { samples: 100 } });
    expect(evaluateLatency(p, sums(0, 100, hist(slow)))!.numbers.p95Ms).toBeGreaterThan(4000);
    expect(evaluateLatency(p, sums(0, 100, hist(Array.from({ length: 100 }, () => 300))))).toBeNull();
    expect(evaluateLatency(p, sums(0, 20, hist(slow.slice(60))))).toBeNull();
  });

  it('silence: fires on far fewer successes than the hour-of-week baseline, never without enough history or expectation', () => {
    const p = TIER_RULE_DEFAULTS.STANDARD.params.SILENCE;
    // A 30-minute window from 10:15 to 10:45 lies in one hour; from 09:45 to 10:15 in two.
    const at = (h: number, m: number) => new Date(Date.UTC(2026, 10, 30, h, m));
    const past = (counts: Record<number, number[]>) => (hour: number) => counts[new Date(hour).getUTCHours()] ?? [];
    expect(silenceBaseline({ now: at(10, 45), windowMinutes: 30, pastWeeks: past({ 10: [80, 80] }) })).toEqual({ weeks: 2, expected: 40 });
    expect(silenceBaseline({ now: at(10, 15), windowMinutes: 30, pastWeeks: past({ 9: [40, 40, 40], 10: [120, 80] }) })).toEqual({ weeks: 2, expected: 10 + 25 });
    expect(silenceBaseline({ now: at(10, 15), windowMinutes: 30, pastWeeks: past({ 10: [120] }) })).toEqual({ weeks: 0, expected: 0 });

    const fired = evaluateSilence(p, 0, { weeks: 2, expected: 40 }, 'sendgrid_email_sent')!;
    expect(fired).toMatchObject({ kind: 'SILENCE', severity: 'WARNING', numbers: { observed: 0, expected: 40, weeks: 2 } });
    expect(fired.summary).toBe('0 sendgrid_email_sent in 30 min, ~40 expected (hour-of-week baseline of 2 weeks)');
    expect(evaluateSilence(p, 8, { weeks: 2, expected: 40 }, 'x')).not.toBeNull(); // 20% of expected
    expect(evaluateSilence(p, 9, { weeks: 2, expected: 40 }, 'x')).toBeNull();
    expect(evaluateSilence(p, 0, { weeks: 1, expected: 40 }, 'x')).toBeNull(); // one week of history is not enough
    expect(evaluateSilence(p, 0, { weeks: 4, expected: 10 }, 'x')).toBeNull(); // a quiet hour proves nothing
    expect(evaluateSilence(p, 0, null, 'x')).toBeNull();
  });

  it('NON_BLOCKING providers are capped at WARNING and say soft failures (IH-6)', () => {
    const rules = { THRESHOLD: { enabled: true, params: { ...TIER_RULE_DEFAULTS.NON_BLOCKING.params.THRESHOLD, criticalRate: 0.2 } } };
    const findings = evaluateProvider({ tier: 'NON_BLOCKING', rules, windows: () => sums(50, 100), silence: { observedSuccesses: () => 0, baseline: null, successEvents: 'x' } });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'WARNING' });
    expect(findings[0]!.summary).toMatch(/^Soft failures: 50% failed/);
    const core = evaluateProvider({ tier: 'CORE', rules, windows: () => sums(50, 100), silence: { observedSuccesses: () => 0, baseline: null, successEvents: 'x' } });
    expect(core[0]).toMatchObject({ severity: 'CRITICAL' });
  });
});

// ---- the job over real rollups --------------------------------------------------------------

const NOW = new Date(Math.floor(Date.now() / MIN) * MIN);
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
let seq = 0;

async function provider(tier: TProviderTier = 'STANDARD') {
  const admin = await createTestUser({ role: 'ADMIN' });
  const key = `a${Date.now().toString(36)}${seq++}`;
  await createProvider({ input: { key, displayName: key.toUpperCase(), tier, knownEvents: [`${key}_ok`, `${key}_error`] }, actorId: admin.id });
  return { key, tier, admin };
}

async function traffic(p: { key: string; tier: TProviderTier }, occurredAt: Date, ok: number, errors: number) {
  const events = [
    ...Array.from({ length: ok }, () => ({ outcome: 'ok' as const, event: `${p.key}_ok` })),
    ...Array.from({ length: errors }, () => ({ outcome: 'error' as const, event: `${p.key}_error`, errorCode: '503' })),
  ].map((e, i) => prepareIntegrationEvent({ provider: p.key, latencyMs: 100, occurredAt: new Date(occurredAt.getTime() + (i % 50) * 100), ...e } as TIntegrationEvent, { key: p.key, tier: p.tier, displayName: p.key }));
  await writeIntegrationEvents(events, 'internal');
}

async function incidentsOf(providerKey: string) {
  return getDb().incident.findMany({
    where: { provider: providerKey },
    orderBy: { openedAt: 'asc' },
    select: { id: true, status: true, severity: true, summary: true, trigger: true, resolvedAt: true, clearSince: true, timeline: { orderBy: { at: 'asc' }, select: { kind: true, body: true } }, deliveries: { select: { kind: true, status: true } } },
  });
}

const evaluate = (now: Date, holdDownSec = 600) => evaluateAlerts({ now, holdDownSec });

async function onlyThreshold(p: { key: string; admin: { id: string } }, params: Partial<TThresholdParams> = {}) {
  for (const kind of ['BURN_RATE', 'LATENCY', 'SILENCE'] as const) {
    const defaults = TIER_RULE_DEFAULTS.STANDARD.params[kind];
    await updateAlertRule({ input: { provider: p.key, kind, enabled: false, params: defaults } as never, actorId: p.admin.id });
  }
  await updateAlertRule({ input: { provider: p.key, kind: 'THRESHOLD', enabled: true, params: { ...TIER_RULE_DEFAULTS.STANDARD.params.THRESHOLD, ...params } }, actorId: p.admin.id });
}

describe('[ALERTS][EVALUATE] incidents from rollups', () => {
  it('opens one incident with its numbers and queued notifications, and never a second while it is unresolved', async () => {
    const p = await provider();
    await traffic(p, at(-2 * MIN), 60, 40);
    const first = await evaluate(NOW);
    expect(first.opened).toContain(p.key);

    const [incident] = await incidentsOf(p.key);
    expect(incident).toMatchObject({ status: 'OPEN', severity: 'CRITICAL' });
    expect(incident!.summary).toMatch(/40% errors \(40 of 100\) in 5 min/);
    const kinds = (incident!.trigger as { kind: string }[]).map((f) => f.kind);
    expect(kinds).toContain('THRESHOLD');
    expect(kinds).toContain('BURN_RATE');
    expect(incident!.timeline.map((t) => t.kind)).toEqual(['FIRED']);
    // The admins' e-mail channel is seeded by the migration.
    expect(incident!.deliveries).toEqual([{ kind: 'OPEN', status: 'PENDING' }]);

    await traffic(p, at(-MIN), 50, 50);
    const second = await evaluate(at(30_000));
    expect(second.firing).toContain(p.key);
    expect(second.opened).not.toContain(p.key);
    expect(await incidentsOf(p.key)).toHaveLength(1);

    // The database refuses a second unresolved incident even if two evaluators raced.
    await expect(getDb().incident.create({ data: { provider: p.key, severity: 'WARNING', summary: 'race', trigger: [] } })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('does not open on fewer failures than the minimum, however high the rate', async () => {
    const p = await provider();
    await traffic(p, at(-MIN), 0, 3);
    const result = await evaluate(NOW);
    expect(result.firing).not.toContain(p.key);
    expect(await incidentsOf(p.key)).toEqual([]);
  });

  it('escalates WARNING to CRITICAL once, notifying again', async () => {
    const p = await provider();
    await onlyThreshold(p);
    await traffic(p, at(-3 * MIN), 90, 10); // 10%: warning
    await evaluate(NOW);
    expect((await incidentsOf(p.key))[0]).toMatchObject({ severity: 'WARNING' });
    await traffic(p, at(-MIN), 0, 100); // now 110 of 200 = 55%
    const result = await evaluate(at(10_000));
    expect(result.escalated).toContain(p.key);
    const [incident] = await incidentsOf(p.key);
    expect(incident).toMatchObject({ severity: 'CRITICAL', status: 'OPEN' });
    expect(incident!.timeline.map((t) => t.kind)).toEqual(['FIRED', 'ESCALATED']);
    expect(incident!.deliveries.map((d) => d.kind).sort()).toEqual(['ESCALATE', 'OPEN']);
  });

  it('resolves only after the condition stayed clear for the hold-down; firing again in between keeps the same incident', async () => {
    const p = await provider();
    await onlyThreshold(p);
    await traffic(p, at(-MIN), 50, 50);
    await evaluate(NOW);

    // Six minutes later the burst has left the 5-minute window: clear, hold-down starts.
    const cleared = await evaluate(at(6 * MIN));
    expect(cleared.cleared).toContain(p.key);
    expect((await incidentsOf(p.key))[0]).toMatchObject({ status: 'OPEN', clearSince: at(6 * MIN) });

    // It flaps back before the hold-down ends: same incident, hold-down cancelled.
    await traffic(p, at(8 * MIN), 10, 20);
    await evaluate(at(9 * MIN));
    let [incident] = await incidentsOf(p.key);
    expect(incident).toMatchObject({ status: 'OPEN', clearSince: null });
    expect(incident!.timeline.map((t) => t.kind)).toEqual(['FIRED', 'CLEARED', 'RECURRED']);

    await evaluate(at(15 * MIN)); // clear again at 15 min
    expect((await evaluate(at(24 * MIN))).resolved).not.toContain(p.key); // 9 min < 10 min hold-down
    const resolved = await evaluate(at(25 * MIN));
    expect(resolved.resolved).toContain(p.key);
    [incident] = await incidentsOf(p.key);
    expect(incident).toMatchObject({ status: 'RESOLVED', resolvedAt: at(25 * MIN) });
    expect(incident!.timeline.map((t) => t.kind)).toEqual(['FIRED', 'CLEARED', 'RECURRED', 'CLEARED', 'RESOLVED']);
    expect(incident!.timeline.at(-1)!.body).toBe('Resolved automatically: clear for 10 min (hold-down 10 min)');
    expect(incident!.deliveries.map((d) => d.kind).sort()).toEqual(['OPEN', 'RESOLVE']);
    expect(await incidentsOf(p.key)).toHaveLength(1);

    // A new burst after the resolve is a new incident.
    await traffic(p, at(29 * MIN), 0, 30);
    expect((await evaluate(at(30 * MIN))).opened).toContain(p.key);
    expect((await incidentsOf(p.key)).map((i) => i.status)).toEqual(['RESOLVED', 'OPEN']);
  });

  it('a muted provider still gets its incident, but no notification is queued and the timeline says why', async () => {
    const p = await provider();
    await createMute({ input: { provider: p.key, minutes: 60, reason: 'Planned maintenance at the provider' }, actorId: p.admin.id, now: at(-5 * MIN) });
    await traffic(p, at(-MIN), 50, 50);
    await evaluate(NOW);
    const [incident] = await incidentsOf(p.key);
    expect(incident).toMatchObject({ status: 'OPEN', deliveries: [] });
    expect(incident!.timeline.map((t) => t.kind)).toEqual(['FIRED', 'MUTED']);
    expect(incident!.timeline[1]!.body).toContain('Planned maintenance at the provider');
  });

  it('NON_BLOCKING providers open a WARNING about soft failures, never a CRITICAL outage', async () => {
    const p = await provider('NON_BLOCKING');
    await traffic(p, at(-MIN), 50, 50);
    await evaluate(NOW);
    const [incident] = await incidentsOf(p.key);
    expect(incident).toMatchObject({ severity: 'WARNING' });
    expect(incident!.summary).toMatch(/^Soft failures: /);
  });

  it('silence: learns the hour-of-week baseline from hour rollups and fires on "0 successes, ~N expected"; not without two weeks of history', async () => {
    const judged = await provider('CRITICAL');
    const young = await provider('CRITICAL');
    // A moment 45 minutes into an hour two hours ago: the 30-minute window lies in that hour.
    const hour = Math.floor(NOW.getTime() / HOUR) * HOUR - 2 * HOUR;
    const now = new Date(hour + 45 * MIN);
    for (const weeks of [1, 2]) await traffic(judged, new Date(hour - weeks * WEEK + 5 * MIN), 100, 0);
    await traffic(young, new Date(hour - WEEK + 5 * MIN), 100, 0);
    const result = await evaluate(now);
    expect(result.firing).toContain(judged.key);
    expect(result.firing).not.toContain(young.key);
    const [incident] = await incidentsOf(judged.key);
    expect(incident).toMatchObject({ severity: 'CRITICAL' });
    expect(incident!.summary).toBe(`0 ${judged.key}_ok in 30 min, ~50 expected (hour-of-week baseline of 2 weeks)`);
  });
});
