// What the evaluator reads: rollup sums per provider for each window the rules name (one
// readRollups call per distinct window, all providers at once), and the hour-of-week success
// baseline from the per-provider hour rollups, or from minute rollups for an hour the
// rollup-tiers job has not built yet (at or above the "hours" watermark). Never raw events.
import { getPool } from '../db.ts';
import { netErrors, readRollups } from '../integrations/read-rollups.ts';
import { readWatermarks } from '../integrations/rollup-tiers.ts';
import type { WindowSums } from './evaluate-rules.ts';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
const EMPTY: WindowSums = { total: 0, errors: 0, hist: [] };
// No watermark row (-Infinity): nothing built, every hour from minutes.
const watermarkParam = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : '-infinity');

export type AlertNumbers = {
  windows: (provider: string, minutes: number) => WindowSums;
  /** Past weeks' successes of one provider in the hour that starts at hourStartMs, minus whole weeks. */
  pastWeeks: (provider: string, hourStartMs: number) => number[];
};

export async function readAlertNumbers(opts: { now: Date; windowMinutes: readonly number[]; silenceWindowMinutes: readonly number[]; lookbackWeeks: number }): Promise<AlertNumbers> {
  const { now } = opts;
  const distinct = [...new Set(opts.windowMinutes)].sort((a, b) => a - b);
  const watermarks = await readWatermarks();
  const sums = await Promise.all(
    distinct.map((minutes) => readRollups({ range: { from: new Date(now.getTime() - minutes * 60_000), to: now }, groupBy: 'provider', watermarks })),
  );
  const byWindow = new Map<number, Map<string, WindowSums>>();
  distinct.forEach((minutes, i) => {
    byWindow.set(minutes, new Map(sums[i]!.map((s) => [s.key, { total: s.total, errors: netErrors(s), hist: s.hist }])));
  });

  // The hours the silence windows overlap, this week, and the same hours in past weeks.
  const longest = Math.max(0, ...opts.silenceWindowMinutes);
  const hours: number[] = [];
  for (let h = Math.floor((now.getTime() - longest * 60_000) / HOUR_MS) * HOUR_MS; longest > 0 && h < now.getTime(); h += HOUR_MS) hours.push(h);
  const buckets = hours.flatMap((h) => Array.from({ length: opts.lookbackWeeks }, (_, w) => new Date(h - (w + 1) * WEEK_MS)));
  const past = new Map<string, number>();
  if (buckets.length) {
    // Sums of an hour's minutes are what its provider-hour row holds once built.
    const { rows } = await getPool().query<{ provider: string; t: string; successes: string }>(
      `SELECT provider, (date_part('epoch', bucket) * 1000)::int8 AS t, (total - greatest(0, errors - retry_ok))::int8 AS successes
       FROM (SELECT provider, bucket, total, errors, retry_ok FROM integration_rollup_provider_hours WHERE bucket = ANY($1::timestamptz[]) AND bucket < $2::timestamptz
             UNION ALL
             SELECT provider, date_bin('1 hour', bucket, timestamptz 'epoch'), sum(total), sum(errors), sum(retry_ok) FROM integration_rollup_minutes
             WHERE bucket >= greatest($2::timestamptz, $3::timestamptz) AND date_bin('1 hour', bucket, timestamptz 'epoch') = ANY($1::timestamptz[]) GROUP BY 1, 2) h`,
      [buckets, watermarkParam(watermarks.hours), new Date(Math.min(...buckets.map((b) => b.getTime())))],
    );
    for (const r of rows) past.set(`${r.provider}|${r.t}`, Number(r.successes));
  }

  return {
    windows: (provider, minutes) => byWindow.get(minutes)?.get(provider) ?? EMPTY,
    pastWeeks: (provider, hourStartMs) => {
      const out: number[] = [];
      for (let w = 1; w <= opts.lookbackWeeks; w++) {
        const v = past.get(`${provider}|${hourStartMs - w * WEEK_MS}`);
        // A week without a row had no traffic at that hour: no history, not a zero baseline.
        if (v !== undefined) out.push(v);
      }
      return out;
    },
  };
}
