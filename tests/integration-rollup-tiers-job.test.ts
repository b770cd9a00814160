// Issue 6: the five-minute and hour tiers are built off the ingestion path by the
// integrations.rollup-tiers job, from the minute rollups of closed buckets. What must hold: every
// tier row equals the sums of its minutes after the job (replace, not add: reruns and concurrent
// runs change nothing), a late event lands in an already built tier, readers and the alert
// baseline give the same numbers before and after the job, and retention keeps minutes the job
// has not built yet.
import { describe, expect, it } from 'vitest';
import { getPool } from '../server/db.ts';
import { writeIntegrationEvents } from '../server/integrations/write-integration-events.ts';
import { prepareIntegrationEvent } from '../server/integrations/prepare-integration-event.ts';
import { buildRollupTiers, ROLLUP_TIERS_LATENESS_MS } from '../server/integrations/build-rollup-tiers.ts';
import { readWatermarks } from '../server/integrations/rollup-tiers.ts';
import { readRollups } from '../server/integrations/read-rollups.ts';
import { readAlertNumbers } from '../server/alerts/read-alert-numbers.ts';
import { purgeIntegrationData } from '../server/integrations/purge-integration-data.ts';
import { integrationsRollupTiersJob } from '../server/jobs/definitions/integrations-rollup-tiers.ts';
import { JOBS } from '../server/jobs/registry.ts';
import type { TIntegrationEvent } from '../shared/integrations.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const db = () => getPool();
const floorTo = (t: number, ms: number) => Math.floor(t / ms) * ms;

let seed = 11;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;

function events(provider: string, n: number, from: number, to: number) {
  return Array.from({ length: n }, (_, i) => {
    const failed = random() < 0.2;
    const e = {
      provider,
      event: failed ? `${provider}_error` : i % 2 ? `${provider}_ok` : `${provider}_slow`,
      outcome: failed ? 'error' : 'ok',
      occurredAt: new Date(from + Math.floor(random() * (to - from))),
      latencyMs: random() < 0.1 ? undefined : Math.floor(random() ** 3 * 40_000),
      attempt: random() < 0.1 ? 2 : 1,
      ...(failed ? { errorMessage: 'upstream said no' } : {}),
    } as TIntegrationEvent;
    return prepareIntegrationEvent(e, { key: provider, tier: 'STANDARD', displayName: provider });
  });
}

async function write(batch: ReturnType<typeof events>) {
  for (let i = 0; i < batch.length; i += 400) await writeIntegrationEvents(batch.slice(i, i + 400), 'internal');
}

const setWatermarks = (hours: number, fiveMinutes: number) =>
  db().query(`UPDATE integration_rollup_watermarks SET built_until = CASE tier WHEN 'hours' THEN $1::timestamptz ELSE $2::timestamptz END`, [new Date(hours), new Date(fiveMinutes)]);

const COUNTERS = ['total', 'errors', 'soft_errors', 'retries', 'retry_ok', 'latency_count', 'latency_sum'];

/** Every row of a tier next to the sums of its minutes (below `until`): they must be equal. */
async function tierVersusMinutes(provider: string, table: string, interval: string, perEvent: boolean, until: Date) {
  const keys = perEvent ? 'provider, event' : 'provider';
  const cols = `${keys}, bucket, ${COUNTERS.join(', ')}, latency_hist_packed::text AS packed`;
  const order = `ORDER BY ${keys}, bucket`;
  const tier = await db().query(`SELECT ${cols} FROM ${table} WHERE provider = $1 AND bucket < $2 ${order}`, [provider, until]);
  const fromMinutes = await db().query(
    `SELECT ${keys}, date_bin('${interval}', bucket, timestamptz 'epoch') AS bucket, ${COUNTERS.map((c) => `sum(${c})::${c === 'latency_sum' ? 'int8' : 'int'} AS ${c}`).join(', ')},
            sum(latency_hist_packed)::text AS packed
     FROM integration_rollup_minutes WHERE provider = $1 AND bucket < $2 GROUP BY ${keys}, ${perEvent ? 3 : 2} ${order}`,
    [provider, until],
  );
  return { tier: tier.rows, fromMinutes: fromMinutes.rows };
}

async function expectTiersEqualMinutes(provider: string, until: Date) {
  for (const [table, interval, perEvent] of [
    ['integration_rollup_five_minutes', '5 minutes', true],
    ['integration_rollup_hours', '1 hour', true],
    ['integration_rollup_provider_hours', '1 hour', false],
  ] as const) {
    const { tier, fromMinutes } = await tierVersusMinutes(provider, table, interval, perEvent, until);
    expect(fromMinutes.length, table).toBeGreaterThan(0);
    expect(tier, table).toEqual(fromMinutes);
  }
}

const countIn = async (table: string, provider: string) =>
  Number((await db().query<{ n: string }>(`SELECT coalesce(sum(total + retries), 0) n FROM ${table} WHERE provider = $1`, [provider])).rows[0]!.n);

describe('[IH][TIERS][JOB] rollup tiers built off the write path', () => {
  it('is a registered job that builds closed buckets only, up to now minus the lateness margin', async () => {
    expect(JOBS).toContain(integrationsRollupTiersJob);
    const now = Date.now();
    await setWatermarks(floorTo(now - 3 * HOUR, HOUR), floorTo(now - 3 * HOUR, 5 * MINUTE));
    const result = (await integrationsRollupTiersJob.handler({}, { jobId: 'test', attempt: 1 })) as { built: { tier: string; to: string }[] };
    const wm = await readWatermarks();
    expect(wm.hours).toBe(floorTo(now - ROLLUP_TIERS_LATENESS_MS, HOUR));
    expect(wm.five_minutes).toBeGreaterThanOrEqual(floorTo(now - ROLLUP_TIERS_LATENESS_MS, 5 * MINUTE));
    expect(wm.five_minutes).toBeLessThanOrEqual(Date.now() - ROLLUP_TIERS_LATENESS_MS);
    expect(result.built.map((b) => b.tier).sort()).toEqual(['five_minutes', 'hours']);
    // A rerun finds nothing to build.
    expect((await buildRollupTiers({ now: new Date(now) })).built).toEqual([]);
  });

  it('makes every tier row the sums of its minutes, and adds late events to built tiers in the same transaction', async () => {
    const provider = `late${Date.now().toString(36)}`;
    const now = Date.now();
    await setWatermarks(floorTo(now - 6 * HOUR, HOUR), floorTo(now - 6 * HOUR, 5 * MINUTE));
    // Events of the last six hours: above the watermarks, in minutes only.
    await write(events(provider, 1500, now - 6 * HOUR, now));
    expect(await countIn('integration_rollup_minutes', provider)).toBe(1500);
    expect(await countIn('integration_rollup_hours', provider)).toBe(0);
    expect(await countIn('integration_rollup_five_minutes', provider)).toBe(0);

    const later = new Date(now + 2 * HOUR);
    const run = await buildRollupTiers({ now: later, latenessMs: 0 });
    // Eight hours in chunks of at most six, so writers are never held for long.
    expect(run.transactions).toBe(2);
    await expectTiersEqualMinutes(provider, later);
    for (const table of ['integration_rollup_hours', 'integration_rollup_five_minutes', 'integration_rollup_provider_hours']) expect(await countIn(table, provider)).toBe(1500);

    // Late: occurredAt inside buckets the job has built (minutes ago, hours ago, days ago).
    await write([...events(provider, 300, now - 20 * MINUTE, now), ...events(provider, 200, now - 5 * HOUR, now - 4 * HOUR), ...events(provider, 100, now - 3 * DAY, now - 2 * DAY)]);
    for (const table of ['integration_rollup_minutes', 'integration_rollup_hours', 'integration_rollup_five_minutes', 'integration_rollup_provider_hours']) {
      expect(await countIn(table, provider), table).toBe(2100);
    }
    await expectTiersEqualMinutes(provider, later);
    // The job again (nothing new to build) and a forced rebuild of the same hours: same rows.
    await buildRollupTiers({ now: later, latenessMs: 0 });
    await setWatermarks(floorTo(now - 6 * HOUR, HOUR), floorTo(now - 6 * HOUR, 5 * MINUTE));
    await buildRollupTiers({ now: later, latenessMs: 0 });
    await expectTiersEqualMinutes(provider, later);
    expect(await countIn('integration_rollup_hours', provider)).toBe(2100);
  });

  it('gives the same tiers when job runs overlap each other and concurrent writers', async () => {
    const provider = `conc${Date.now().toString(36)}`;
    const now = Date.now();
    await setWatermarks(floorTo(now - 8 * HOUR, HOUR), floorTo(now - 8 * HOUR, 5 * MINUTE));
    const batches = Array.from({ length: 8 }, () => events(provider, 500, now - 8 * HOUR, now));
    // Writers (some rows above, some below the watermarks as they move) and three job runs at
    // once, each at a different "now", so watermarks move while batches are being written.
    await Promise.all([
      ...batches.map((b) => writeIntegrationEvents(b, 'internal')),
      buildRollupTiers({ now: new Date(now - 4 * HOUR), latenessMs: 0 }),
      buildRollupTiers({ now: new Date(now - 2 * HOUR), latenessMs: 0 }),
      buildRollupTiers({ now: new Date(now + HOUR), latenessMs: 0 }),
    ]);
    await Promise.all([buildRollupTiers({ now: new Date(now + 2 * HOUR), latenessMs: 0 }), buildRollupTiers({ now: new Date(now + 2 * HOUR), latenessMs: 0 })]);
    const until = new Date(now + 2 * HOUR);
    await expectTiersEqualMinutes(provider, until);
    for (const table of ['integration_rollup_minutes', 'integration_rollup_hours', 'integration_rollup_five_minutes', 'integration_rollup_provider_hours']) {
      expect(await countIn(table, provider), table).toBe(4000);
    }
  });

  it('answers readers and the alert baseline with the same numbers before and after the job', async () => {
    const provider = `read${Date.now().toString(36)}`;
    const now = Date.now();
    // The current week's last three hours and the same hours one and two weeks ago.
    const batches = [events(provider, 600, now - 3 * HOUR, now), events(provider, 400, now - WEEK - 3 * HOUR, now - WEEK), events(provider, 300, now - 2 * WEEK - 3 * HOUR, now - 2 * WEEK)];
    // Watermarks three weeks back: before the job, every reader works from minutes alone.
    await setWatermarks(floorTo(now - 3 * WEEK, HOUR), floorTo(now - 3 * WEEK, 5 * MINUTE));
    for (const b of batches) await write(b);
    const ask = async () => {
      const windows = await Promise.all(
        [15 * MINUTE, 6 * HOUR, DAY, WEEK, 3 * WEEK].map((span) =>
          Promise.all([undefined, 5 * MINUTE, HOUR].map((bucketMs) => readRollups({ range: { from: new Date(now - span), to: new Date(now) }, groupBy: 'event', bucketMs, filter: { providers: [provider] } }))),
        ),
      );
      const alerts = await readAlertNumbers({ now: new Date(now), windowMinutes: [5, 60, 360], silenceWindowMinutes: [180], lookbackWeeks: 3 });
      const hours = Array.from({ length: 4 }, (_, i) => floorTo(now - i * HOUR, HOUR));
      return {
        windows: windows.map((w) => w.map((rows) => [...rows].sort((a, b) => (a.key === b.key ? a.t - b.t : a.key < b.key ? -1 : 1)))),
        alertWindows: [5, 60, 360].map((m) => alerts.windows(provider, m)),
        pastWeeks: hours.map((h) => alerts.pastWeeks(provider, h)),
      };
    };
    const before = await ask();
    expect(before.pastWeeks.flat().length).toBeGreaterThan(0);
    expect(before.windows[4]![0]!.reduce((n, r) => n + r.total + r.retries, 0)).toBe(1300);
    await buildRollupTiers({ now: new Date(now + HOUR), latenessMs: 0 });
    expect((await readWatermarks()).hours).toBeGreaterThan(now);
    expect(await countIn('integration_rollup_provider_hours', provider)).toBe(1300);
    expect(await ask()).toEqual(before);
  });

  it('retention keeps minute rollups the job has not built yet, and purges every tier by age', async () => {
    const provider = `keep${Date.now().toString(36)}`;
    const now = Date.now();
    await setWatermarks(floorTo(now - 50 * DAY, HOUR), floorTo(now - 50 * DAY, 5 * MINUTE));
    await write([...events(provider, 20, now - 60 * DAY, now - 59 * DAY), ...events(provider, 30, now - 40 * DAY, now - 39 * DAY)]);
    await purgeIntegrationData({ rawDays: 30, minuteRollupDays: 30, hourRollupDays: 400, now: new Date(now) });
    // 60 days old: built (late) into the tiers, so its minutes went; 40 days old: not built yet.
    expect(await countIn('integration_rollup_minutes', provider)).toBe(30);
    expect(await countIn('integration_rollup_hours', provider)).toBe(20);
    await buildRollupTiers({ now: new Date(now), latenessMs: 0 });
    expect(await countIn('integration_rollup_hours', provider)).toBe(50);
    expect(await countIn('integration_rollup_provider_hours', provider)).toBe(50);
    await purgeIntegrationData({ rawDays: 30, minuteRollupDays: 30, hourRollupDays: 400, now: new Date(now) });
    expect(await countIn('integration_rollup_minutes', provider)).toBe(0);
    expect(await countIn('integration_rollup_five_minutes', provider)).toBe(0);
    expect(await countIn('integration_rollup_hours', provider)).toBe(50);
    await purgeIntegrationData({ rawDays: 30, minuteRollupDays: 30, hourRollupDays: 35, now: new Date(now) });
    expect(await countIn('integration_rollup_hours', provider)).toBe(0);
    expect(await countIn('integration_rollup_provider_hours', provider)).toBe(0);
  });
});
