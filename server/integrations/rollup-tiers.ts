// The derived rollup tiers (issue 6): five minutes per event, hours per event, hours per provider.
// Only minute rollups are kept in the writer's transaction; the integrations.rollup-tiers job
// builds the coarser tiers from the minutes of closed buckets and records how far it got in
// integration_rollup_watermarks. The invariant every reader relies on: below a tier's watermark
// the tier holds exactly the sums of the minute rollups; at and above it, only minutes count.
//
// Late events (an occurredAt below a watermark) keep the invariant: the writer adds them to the
// tiers in the same transaction (write-integration-events.ts), so no tier bucket is ever stale.
// Writers and the job serialise on one advisory lock: every writer transaction holds it shared,
// the job exclusive while it builds and moves a watermark. So a writer either committed before
// the job's snapshot (its minutes are in the build) or saw the new watermark (it adds its late
// rows itself): each event is counted once.
import type pg from 'pg';
import { getPool } from '../db.ts';
import { FIVE_MINUTES_MS, HOUR_MS } from './health-window.ts';

/** pg_advisory_xact_lock key: writers take it shared, the tier job exclusive. */
export const ROLLUP_TIERS_LOCK_KEY = 7_305_117_002;

export type TierName = 'five_minutes' | 'hours';

export type TierTable = { table: string; perEvent: boolean };

/** Each watermark and the tables built with it ("hours" covers both hour tables). */
export const TIERS: readonly { tier: TierName; ms: number; interval: string; tables: readonly TierTable[] }[] = [
  { tier: 'five_minutes', ms: FIVE_MINUTES_MS, interval: '5 minutes', tables: [{ table: 'integration_rollup_five_minutes', perEvent: true }] },
  {
    tier: 'hours',
    ms: HOUR_MS,
    interval: '1 hour',
    tables: [
      { table: 'integration_rollup_hours', perEvent: true },
      { table: 'integration_rollup_provider_hours', perEvent: false },
    ],
  },
];

/** Built-until per tier, epoch ms; -Infinity for a tier with no row (nothing built: minutes only). */
export type Watermarks = Record<TierName, number>;

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export async function readWatermarks(db: Queryable = getPool()): Promise<Watermarks> {
  const { rows } = await db.query<{ tier: string; built_until: Date }>({ name: 'rollup-watermarks', text: 'SELECT tier, built_until FROM integration_rollup_watermarks' });
  const out: Watermarks = { five_minutes: -Infinity, hours: -Infinity };
  for (const r of rows) if (r.tier === 'five_minutes' || r.tier === 'hours') out[r.tier] = r.built_until.getTime();
  return out;
}

const COUNTERS = ['total', 'errors', 'soft_errors', 'retries', 'retry_ok', 'latency_count', 'latency_sum'] as const;

/**
 * INSERT of one tier's rows summed from minute-rollup-shaped rows (`source`: a FROM clause with
 * provider, event, bucket, the counters and latency_hist_packed). `add` for
 * the writer's late rows (they add to what is there), `replace` for the job (a rebuild from all
 * the bucket's minutes, so a rerun or a second worker writes the same numbers). Rows go in key
 * order, as the writer's, so concurrent upserts lock rows in one order.
 */
export function tierInsertSql(target: TierTable, interval: string, source: string, mode: 'add' | 'replace'): string {
  const keys = target.perEvent ? ['provider', 'event'] : ['provider'];
  const cols = [...keys, 'bucket', ...COUNTERS, 'latency_hist_packed'];
  const sums = [...COUNTERS.map((c) => `sum(${c})`), 'sum(latency_hist_packed)'];
  const set = [...COUNTERS, 'latency_hist_packed'].map((c) => (mode === 'add' ? `${c} = r.${c} + excluded.${c}` : `${c} = excluded.${c}`));
  return `INSERT INTO ${target.table} AS r (${cols.join(', ')})
    SELECT ${keys.join(', ')}, date_bin('${interval}', bucket, timestamptz 'epoch') AS tier_bucket, ${sums.join(', ')}
    FROM ${source}
    GROUP BY ${keys.join(', ')}, tier_bucket ORDER BY ${keys.join(', ')}, tier_bucket
    ON CONFLICT (${keys.join(', ')}, bucket) DO UPDATE SET ${set.join(', ')}`;
}
