// The read tiers of issue 6's health queries: five-minute and per-provider hour rollups and the
// packed histograms. Below their watermarks the tiers equal the minute rollups (the writer adds
// late events to them; the rollup-tiers job builds the rest), and readRollups gives the same
// sums from any mix of tiers and watermarks as from minute rollups alone, before and after the
// job has run.
import { describe, expect, it, vi } from 'vitest';
import { getPool } from '../server/db.ts';
import { writeIntegrationEvents } from '../server/integrations/write-integration-events.ts';
import { prepareIntegrationEvent } from '../server/integrations/prepare-integration-event.ts';
import { createProvider } from '../server/integrations/manage-providers.ts';
import { readRollups, type RollupSums } from '../server/integrations/read-rollups.ts';
import { cutClosedMinutes, lcm, splitRangeIntoTiers } from '../server/integrations/health-window.ts';
import { buildRollupTiers } from '../server/integrations/build-rollup-tiers.ts';
import { purgeIntegrationData } from '../server/integrations/purge-integration-data.ts';
import { packHistogram, unpackHistogram } from '../server/integrations/packed-histogram.ts';
import { HISTOGRAM_SIZE } from '../server/integrations/latency-histogram.ts';
import type { TIntegrationEvent } from '../shared/integrations.ts';
import { createTestUser } from './support/factories.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const NOW = new Date();

describe('[IH][TIERS] packed histograms', () => {
  it('packs and unpacks any counts up to 12 digits per bucket, and sums by adding', () => {
    const a = Array.from({ length: HISTOGRAM_SIZE }, (_, i) => (i % 4 === 0 ? 0 : i * 7919));
    const b = Array.from({ length: HISTOGRAM_SIZE }, (_, i) => (i === HISTOGRAM_SIZE - 1 ? 999_999_999_999 - a[i]! : i));
    expect(unpackHistogram(packHistogram(a))).toEqual(a);
    expect(packHistogram(new Array(HISTOGRAM_SIZE).fill(0))).toBe('0');
    expect(unpackHistogram('0')).toEqual(new Array(HISTOGRAM_SIZE).fill(0));
    const sum = (BigInt(packHistogram(a)) + BigInt(packHistogram(b))).toString();
    expect(unpackHistogram(sum)).toEqual(a.map((x, i) => x + b[i]!));
  });

  it('splits a range into whole hours, whole five minutes and minute edges', () => {
    const parts = splitRangeIntoTiers({ from: new Date('2026-11-23T10:37:20Z'), to: new Date('2026-11-23T14:08:00Z') }, [MINUTE, 5 * MINUTE, HOUR]);
    expect(parts.map((p) => [p.tierMs / MINUTE, p.from.toISOString().slice(11, 16), p.to.toISOString().slice(11, 16)])).toEqual([
      [1, '10:38', '10:40'],
      [5, '10:40', '11:00'],
      [60, '11:00', '14:00'],
      [5, '14:00', '14:05'],
      [1, '14:05', '14:08'],
    ]);
  });

  it('uses a tier only below its watermark, finer tiers and minutes above it', () => {
    const range = { from: new Date('2026-11-23T10:37:20Z'), to: new Date('2026-11-23T14:08:00Z') };
    const tiers = [MINUTE, 5 * MINUTE, HOUR];
    const builtUntil = (hours: string, fiveMinutes: string) => (ms: number) => new Date(`2026-11-23T${ms === HOUR ? hours : fiveMinutes}:00Z`).getTime();
    const show = (parts: ReturnType<typeof splitRangeIntoTiers>) => parts.map((p) => [p.tierMs / MINUTE, p.from.toISOString().slice(11, 16), p.to.toISOString().slice(11, 16)]);
    expect(show(splitRangeIntoTiers(range, tiers, builtUntil('13:00', '13:55')))).toEqual([
      [1, '10:38', '10:40'],
      [5, '10:40', '11:00'],
      [60, '11:00', '13:00'],
      [5, '13:00', '13:55'],
      [1, '13:55', '14:08'],
    ]);
    // Nothing built in the range: minutes only, whatever the tiers.
    expect(show(splitRangeIntoTiers(range, tiers, builtUntil('09:00', '09:00')))).toEqual([[1, '10:38', '14:08']]);
    expect(show(splitRangeIntoTiers(range, tiers, () => -Infinity))).toEqual([[1, '10:38', '14:08']]);
  });
});

describe('[IH][TIERS] writer and reader', () => {
  it('keeps every tier equal to the minute rollups, and reads the same sums from any tier mix', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const keys = [`tiera${Date.now().toString(36)}`, `tierb${Date.now().toString(36)}`];
    for (const key of keys) await createProvider({ input: { key, displayName: key, tier: 'STANDARD', knownEvents: [`${key}_ok`, `${key}_slow`, `${key}_error`] }, actorId: admin.id });
    // Three days of events at odd times, with retries, errors and latencies in many buckets.
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const events = Array.from({ length: 3000 }, () => {
      const key = keys[Math.floor(random() * 2)]!;
      const kind = ['_ok', '_slow', '_error'][Math.floor(random() * 3)]!;
      return {
        provider: key,
        event: `${key}${kind}`,
        outcome: kind === '_error' ? 'error' : 'ok',
        occurredAt: new Date(NOW.getTime() - Math.floor(random() * 3 * 24 * HOUR)),
        latencyMs: random() < 0.05 ? undefined : Math.floor(random() ** 3 * 70_000),
        attempt: random() < 0.1 ? 2 : 1,
      } as TIntegrationEvent;
    });
    const prepared = events.map((e) => prepareIntegrationEvent(e, { key: e.provider, tier: 'STANDARD', displayName: e.provider }));
    const db = getPool();
    // As if the job had last run 30 (hours) and 20 hours (five minutes) ago: older events are
    // late (the writer adds them to the tiers), newer ones are in minutes only until the job runs.
    const hoursBuilt = new Date(Math.floor((NOW.getTime() - 30 * HOUR) / HOUR) * HOUR);
    const fiveBuilt = new Date(Math.floor((NOW.getTime() - 20 * HOUR) / (5 * MINUTE)) * 5 * MINUTE);
    await db.query(`UPDATE integration_rollup_watermarks SET built_until = CASE tier WHEN 'hours' THEN $1::timestamptz ELSE $2::timestamptz END`, [hoursBuilt, fiveBuilt]);
    for (let i = 0; i < prepared.length; i += 500) await writeIntegrationEvents(prepared.slice(i, i + 500), 'internal');

    const sums = async (table: string, by: string) =>
      (
        await db.query(
          `SELECT ${by} AS k, sum(total + retries)::int AS n, sum(errors)::int AS e, sum(latency_count)::int AS l, sum(latency_hist_packed)::text AS h
           FROM ${table} WHERE provider = ANY($1) GROUP BY 1 ORDER BY 1`,
          [keys],
        )
      ).rows;
    async function compareReaders(when: string) {
      // The reference: minute rollups only, summed here.
      const { rows: minutes } = await db.query<{ provider: string; event: string; bucket: Date; total: number; errors: number; soft_errors: number; retries: number; retry_ok: number; packed: string }>(
        `SELECT provider, event, bucket, total, errors, soft_errors, retries, retry_ok, latency_hist_packed::text AS packed FROM integration_rollup_minutes WHERE provider = ANY($1)`,
        [keys],
      );
      const reference = (range: { from: Date; to: Date }, groupBy: 'provider' | 'event', bucketMs: number | undefined, filter: { providers: readonly string[]; event?: string }) => {
        const from = Math.ceil(range.from.getTime() / MINUTE) * MINUTE;
        const to = Math.ceil(range.to.getTime() / MINUTE) * MINUTE;
        const out = new Map<string, RollupSums>();
        for (const m of minutes) {
          const at = m.bucket.getTime();
          if (at < from || at >= to || !filter.providers.includes(m.provider) || (filter.event && m.event !== filter.event)) continue;
          const key = groupBy === 'provider' ? m.provider : m.event;
          const t = bucketMs ? Math.floor(at / bucketMs) * bucketMs : 0;
          const id = `${key}@${t}`;
          const s = out.get(id) ?? { key, t, total: 0, errors: 0, softErrors: 0, retries: 0, retryOk: 0, hist: new Array(HISTOGRAM_SIZE).fill(0) };
          s.total += m.total;
          s.errors += m.errors;
          s.softErrors += m.soft_errors;
          s.retries += m.retries;
          s.retryOk += m.retry_ok;
          unpackHistogram(m.packed).forEach((n, i) => (s.hist[i] += n));
          out.set(id, s);
        }
        return [...out.values()];
      };
      const sorted = (rows: RollupSums[]) => [...rows].sort((a, b) => (a.key === b.key ? a.t - b.t : a.key < b.key ? -1 : 1));
      const ranges = [
        { from: new Date(NOW.getTime() - 15 * MINUTE), to: NOW },
        { from: new Date(NOW.getTime() - 6 * HOUR), to: NOW },
        { from: new Date(NOW.getTime() - 24 * HOUR), to: NOW },
        { from: new Date(NOW.getTime() - 7 * 24 * HOUR), to: NOW },
        { from: new Date(NOW.getTime() - 50 * HOUR - 7 * MINUTE - 13_000), to: new Date(NOW.getTime() - 3 * HOUR - 2 * MINUTE - 500) },
      ];
      let compared = 0;
      for (const range of ranges) {
        for (const bucketMs of [undefined, MINUTE, 2 * MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 12 * HOUR]) {
          for (const [groupBy, filter] of [
            ['provider', { providers: keys }],
            ['event', { providers: [keys[0]!] }],
            ['event', { providers: keys }],
            ['provider', { providers: keys, event: `${keys[1]}_slow` }],
          ] as const) {
            const got = await readRollups({ range, groupBy, bucketMs, filter: { ...filter, providers: [...filter.providers] } });
            expect(sorted(got), `${when}: ${groupBy} by ${bucketMs} from ${range.from.toISOString()}`).toEqual(sorted(reference(range, groupBy, bucketMs, filter)));
            compared += got.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(5000);
    }
    const below = (table: string, until?: Date) => (until ? `(SELECT * FROM ${table} WHERE bucket < '${until.toISOString()}') AS t` : table);
    // Before the job: each tier holds exactly the minutes below its watermark, nothing above.
    expect(await sums('integration_rollup_five_minutes', 'event')).toEqual(await sums(below('integration_rollup_minutes', fiveBuilt), 'event'));
    expect(await sums('integration_rollup_hours', 'event')).toEqual(await sums(below('integration_rollup_minutes', hoursBuilt), 'event'));
    expect(await sums('integration_rollup_provider_hours', 'provider')).toEqual(await sums(below('integration_rollup_minutes', hoursBuilt), 'provider'));
    expect((await sums('integration_rollup_minutes', 'event')).reduce((n, r) => n + r.n, 0)).toBe(3000);
    await compareReaders('before the job');

    // The job as if two hours had passed: every bucket closed, every tier equal to the minutes.
    const run = await buildRollupTiers({ now: new Date(NOW.getTime() + 2 * HOUR), latenessMs: 0 });
    expect(run.built.map((b) => b.tier).sort()).toEqual(['five_minutes', 'hours']);
    const minutesByEvent = await sums('integration_rollup_minutes', 'event');
    expect(await sums('integration_rollup_five_minutes', 'event')).toEqual(minutesByEvent);
    expect(await sums('integration_rollup_hours', 'event')).toEqual(minutesByEvent);
    expect(await sums('integration_rollup_provider_hours', 'provider')).toEqual(await sums('integration_rollup_minutes', 'provider'));
    await compareReaders('after the job');

    // The watermarks moved back (tiers rebuilt from an earlier point, or a restore), while this
    // process last saw them higher: each read learns it from its own snapshot and reads again.
    await db.query('DELETE FROM integration_rollup_five_minutes WHERE bucket >= $1', [fiveBuilt]);
    for (const table of ['integration_rollup_hours', 'integration_rollup_provider_hours']) await db.query(`DELETE FROM ${table} WHERE bucket >= $1`, [hoursBuilt]);
    await db.query(`UPDATE integration_rollup_watermarks SET built_until = CASE tier WHEN 'hours' THEN $1::timestamptz ELSE $2::timestamptz END`, [hoursBuilt, fiveBuilt]);
    await compareReaders('after the watermarks moved back');
  });
});

describe('[IH][TIERS] closed minutes in blocks', () => {
  it('cuts minute parts below the five-minute watermark at block boundaries and leaves the rest open', () => {
    const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00Z`);
    const show = (parts: ReturnType<typeof cutClosedMinutes>) =>
      parts.map((p) => [p.tierMs / MINUTE, p.from.toISOString().slice(11, 16), p.to.toISOString().slice(11, 16), p.tierMs !== MINUTE ? 'tier' : p.closed ? 'closed' : 'open']);
    const range = { from: at('10:37'), to: at('11:34') };
    // 2-minute buckets: minutes only; blocks of lcm(2, 5) = 10 minutes.
    expect(lcm(2 * MINUTE, 5 * MINUTE)).toBe(10 * MINUTE);
    expect(lcm(15 * MINUTE, 5 * MINUTE)).toBe(15 * MINUTE);
    expect(show(cutClosedMinutes(splitRangeIntoTiers(range, [MINUTE]), at('11:25').getTime(), 10 * MINUTE))).toEqual([
      [1, '10:37', '10:40', 'closed'],
      [1, '10:40', '10:50', 'closed'],
      [1, '10:50', '11:00', 'closed'],
      [1, '11:00', '11:10', 'closed'],
      [1, '11:10', '11:20', 'closed'],
      [1, '11:20', '11:25', 'closed'],
      [1, '11:25', '11:34', 'open'],
    ]);
    // With tiers: their parts pass through; a minute edge below the watermark is closed, above it open.
    const tiered = splitRangeIntoTiers(range, [MINUTE, 5 * MINUTE], () => at('11:25').getTime());
    expect(show(cutClosedMinutes(tiered, at('11:25').getTime(), 5 * MINUTE))).toEqual([
      [1, '10:37', '10:40', 'closed'],
      [5, '10:40', '11:25', 'tier'],
      [1, '11:25', '11:34', 'open'],
    ]);
    // Nothing built: nothing closed.
    expect(show(cutClosedMinutes(splitRangeIntoTiers(range, [MINUTE]), -Infinity, 10 * MINUTE))).toEqual([[1, '10:37', '11:34', 'open']]);
  });
});

describe('[IH][TIERS] cached tier parts', () => {
  it('reads built tier buckets once, and again after a late event, a deletion or a watermark moved back', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const key = `tierc${Date.now().toString(36)}`;
    await createProvider({ input: { key, displayName: key, tier: 'STANDARD', knownEvents: [`${key}_ok`] }, actorId: admin.id });
    const event = (hoursAgo: number, outcome: 'ok' | 'error' = 'ok') =>
      prepareIntegrationEvent({ provider: key, event: `${key}_ok`, outcome, occurredAt: new Date(NOW.getTime() - hoursAgo * HOUR), latencyMs: 40 } as TIntegrationEvent, { key, tier: 'STANDARD', displayName: key });
    await writeIntegrationEvents([1.5, 3.2, 30, 50, 70.1].map((h) => event(h)), 'internal');
    await buildRollupTiers({ now: NOW, latenessMs: 0 });

    const pool = getPool();
    const spy = vi.spyOn(pool, 'query');
    const tierTables = /integration_rollup_(five_minutes|hours|provider_hours) WHERE/;
    const read = async () => {
      spy.mockClear();
      const rows = await readRollups({ range: { from: new Date(NOW.getTime() - 7 * 24 * HOUR), to: NOW }, groupBy: 'provider', filter: { providers: [key] } });
      const sql = spy.mock.calls.map(([q]) => (typeof q === 'string' ? q : (q as { text: string }).text)).join('\n');
      return { total: rows.reduce((n, r) => n + r.total, 0), errors: rows.reduce((n, r) => n + r.errors, 0), readTiers: tierTables.test(sql) };
    };
    try {
      // Any read learns the live watermarks; a split at older ones reads minutes and keeps nothing.
      await readRollups({ range: { from: new Date(NOW.getTime() - HOUR), to: NOW }, groupBy: 'provider' });
      expect(await read()).toEqual({ total: 5, errors: 0, readTiers: true });
      // The same question again: only the minute edges are read; the built buckets come from memory.
      expect(await read()).toEqual({ total: 5, errors: 0, readTiers: false });

      // A late event (below the watermarks): the writer adds it to the tiers and moves changed_at.
      await writeIntegrationEvents([event(40, 'error')], 'internal');
      expect(await read()).toEqual({ total: 6, errors: 1, readTiers: true });
      expect(await read()).toEqual({ total: 6, errors: 1, readTiers: false });

      // Retention deleting tier rows (any DELETE of a tier table): the trigger moves changed_at.
      await purgeIntegrationData({ rawDays: 60, minuteRollupDays: 60, hourRollupDays: 2, now: NOW });
      expect(await read()).toMatchObject({ total: 4, readTiers: true });

      expect(await read()).toMatchObject({ total: 4, readTiers: false });

      // Watermarks moved back (a trigger moves changed_at), events meanwhile in minutes only, and
      // the job rebuilding the same buckets: the same split as before, with other sums.
      await pool.query(`UPDATE integration_rollup_watermarks SET built_until = built_until - interval '3 days'`);
      await writeIntegrationEvents([event(50), event(50)], 'internal');
      await buildRollupTiers({ now: NOW, latenessMs: 0 });
      // From the minutes (kept 60 days): all eight events, the two purged from the hour tiers too.
      expect(await read()).toMatchObject({ total: 8, readTiers: true });
      expect(await read()).toMatchObject({ total: 8, readTiers: false });
    } finally {
      spy.mockRestore();
    }
  });
  it('keeps closed minutes in blocks: a sliding window of 2-minute buckets reads its open minutes and ragged head only, and sees a late event or deleted minutes at once', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const key = `minc${Date.now().toString(36)}`;
    await createProvider({ input: { key, displayName: key, tier: 'STANDARD', knownEvents: [`${key}_ok`] }, actorId: admin.id });
    const at = (minutesAgo: number, outcome: 'ok' | 'error' = 'ok') =>
      prepareIntegrationEvent({ provider: key, event: `${key}_ok`, outcome, occurredAt: new Date(NOW.getTime() - minutesAgo * MINUTE), latencyMs: 40 } as TIntegrationEvent, { key, tier: 'STANDARD', displayName: key });
    const pool = getPool();
    // Tiers built up to five minutes ago, whatever earlier tests built: minutes below are closed.
    const floorTo = (t: number, ms: number) => Math.floor(t / ms) * ms;
    const fiveBuilt = new Date(floorTo(NOW.getTime() - 5 * MINUTE, 5 * MINUTE));
    const hoursBuilt = new Date(floorTo(NOW.getTime() - 5 * MINUTE, HOUR));
    await pool.query(`UPDATE integration_rollup_watermarks SET built_until = least(built_until, CASE tier WHEN 'hours' THEN $1::timestamptz ELSE $2::timestamptz END)`, [hoursBuilt, fiveBuilt]);
    await pool.query('DELETE FROM integration_rollup_five_minutes WHERE bucket >= $1', [fiveBuilt]);
    for (const table of ['integration_rollup_hours', 'integration_rollup_provider_hours']) await pool.query(`DELETE FROM ${table} WHERE bucket >= $1`, [hoursBuilt]);
    await writeIntegrationEvents([58, 50, 31, 30, 22, 1].map((m) => at(m)), 'internal');
    await buildRollupTiers({ now: NOW, latenessMs: 5 * MINUTE });

    const spy = vi.spyOn(pool, 'query');
    // Minutes of integration_rollup_minutes each read scanned: the (from, to) pairs it was given.
    const read = async (to: Date) => {
      spy.mockClear();
      const rows = await readRollups({ range: { from: new Date(to.getTime() - HOUR), to }, groupBy: 'provider', bucketMs: 2 * MINUTE, filter: { providers: [key] } });
      let scanned = 0;
      for (const [q] of spy.mock.calls) {
        const { text, values = [] } = q as unknown as { text: string; values?: unknown[] };
        if (!text.includes('integration_rollup_minutes WHERE')) continue;
        const dates = values.filter((v): v is Date => v instanceof Date);
        for (let i = 0; i < dates.length; i += 2) scanned += (dates[i + 1]!.getTime() - dates[i]!.getTime()) / MINUTE;
      }
      const points = rows.filter((r) => r.total > 0).map((r) => [r.t, r.total, r.errors]).sort((a, b) => a[0]! - b[0]!);
      return { total: rows.reduce((n, r) => n + r.total, 0), errors: rows.reduce((n, r) => n + r.errors, 0), points, scanned };
    };
    const openMinutes = (to: Date) => Math.ceil(to.getTime() / MINUTE) - fiveBuilt.getTime() / MINUTE;
    try {
      await readRollups({ range: { from: new Date(NOW.getTime() - HOUR), to: NOW }, groupBy: 'provider' }); // learns the live watermarks
      const first = await read(NOW);
      expect(first).toMatchObject({ total: 6, errors: 0, scanned: 60 });
      // The same window again: every closed block from memory; only the open minutes are read.
      const again = await read(NOW);
      expect(again).toEqual({ ...first, scanned: openMinutes(NOW) });
      // A minute later the window has slid: its new head (at most one 10-minute block) and the open minutes.
      const later = new Date(NOW.getTime() + MINUTE);
      const slid = await read(later);
      expect(slid.total).toBe(6);
      expect(slid.scanned).toBeLessThanOrEqual(openMinutes(later) + 10);
      expect(slid.scanned).toBeGreaterThan(openMinutes(later));

      // A late event in a closed minute: the writer moves changed_at. The read finds that in its
      // own snapshot (having read just the open minutes) and reads the whole window again.
      await writeIntegrationEvents([at(40, 'error')], 'internal');
      expect(await read(NOW)).toMatchObject({ total: 7, errors: 1, scanned: openMinutes(NOW) + 60 });
      expect((await read(NOW)).scanned).toBe(openMinutes(NOW));

      // Closed minutes deleted (retention, or by hand): the minutes table's trigger moves changed_at.
      await pool.query('DELETE FROM integration_rollup_minutes WHERE provider = $1 AND bucket < $2', [key, new Date(NOW.getTime() - 45 * MINUTE)]);
      expect(await read(NOW)).toMatchObject({ total: 5, errors: 1, scanned: openMinutes(NOW) + 60 });
      // What was read cold and what is read warm are the same sums.
      const cold = await readRollups({ range: { from: new Date(NOW.getTime() - HOUR), to: NOW }, groupBy: 'provider', bucketMs: 2 * MINUTE, filter: { providers: [key] }, watermarks: { five_minutes: fiveBuilt.getTime(), hours: hoursBuilt.getTime() } });
      expect((await read(NOW)).points).toEqual(cold.filter((r) => r.total > 0).map((r) => [r.t, r.total, r.errors]).sort((a, b) => a[0]! - b[0]!));
    } finally {
      spy.mockRestore();
    }
  });
});
