// The integrations.rollup-tiers job's work: each derived tier (rollup-tiers.ts) built from the
// minute rollups of closed buckets, from its watermark up to floor(now - lateness), then the
// watermark moved, in one transaction under the exclusive tiers lock.
//
// Why a lateness margin: events of the last moments still arrive (in-process buffers, senders'
// batches); a bucket closed too early would send them down the writer's late path, which is
// correct but slower than the plain minute upsert. Two minutes covers the buffers and retries
// seen in this product. Why chunks: the exclusive lock makes writers wait while a chunk is
// built, so a job that was down for days catches up six hours at a time, letting writers in
// between, instead of holding ingestion for one long statement.
import { getPool } from '../db.ts';
import { ROLLUP_TIERS_LOCK_KEY, TIERS, tierInsertSql, type TierName } from './rollup-tiers.ts';
import { HOUR_MS } from './health-window.ts';

export const ROLLUP_TIERS_LATENESS_MS = 2 * 60_000;
const CHUNK_MS = 6 * HOUR_MS;

export type TierBuild = { tier: TierName; from: Date; to: Date };
export type BuildRollupTiersResult = { built: TierBuild[]; transactions: number; ms: number };

const floorTo = (t: number, ms: number) => Math.floor(t / ms) * ms;

/**
 * Builds every tier up to floor(now - latenessMs). Idempotent: tier rows are replaced by the sums
 * of their minutes, and a run that finds a tier already built (a rerun, a second worker that
 * waited for the lock) does nothing for it.
 */
export async function buildRollupTiers(opts: { now?: Date; latenessMs?: number } = {}): Promise<BuildRollupTiersResult> {
  const started = performance.now();
  const until = (opts.now ?? new Date()).getTime() - (opts.latenessMs ?? ROLLUP_TIERS_LATENESS_MS);
  const built = new Map<TierName, TierBuild>();
  let transactions = 0;
  for (;;) {
    const step = await buildChunk(until);
    transactions++;
    for (const b of step.built) {
      const seen = built.get(b.tier);
      built.set(b.tier, seen ? { ...seen, to: b.to } : b);
    }
    if (step.done) break;
  }
  return { built: [...built.values()], transactions, ms: Math.round(performance.now() - started) };
}

/** One transaction: each tier at most CHUNK_MS further. Returns what it built, and whether all is. */
async function buildChunk(until: number): Promise<{ built: TierBuild[]; done: boolean }> {
  const client = await getPool().connect();
  try {
    await client.query('BEGIN');
    // Waits for writers in flight (they hold the lock shared) and keeps new ones out until
    // COMMIT, so the minutes read below are all a writer will not add to the tiers itself.
    await client.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_TIERS_LOCK_KEY]);
    // A tier with no row (a database emptied by hand) is built from its first minute.
    for (const tier of TIERS) {
      await client.query(
        `INSERT INTO integration_rollup_watermarks (tier, built_until)
         SELECT $1, date_bin($2::interval, coalesce(min(bucket), $3), timestamptz 'epoch') FROM integration_rollup_minutes
         ON CONFLICT (tier) DO NOTHING`,
        [tier.tier, tier.interval, new Date(until)],
      );
    }
    const { rows } = await client.query<{ tier: TierName; built_until: Date }>('SELECT tier, built_until FROM integration_rollup_watermarks FOR UPDATE');
    const built: TierBuild[] = [];
    let done = true;
    for (const tier of TIERS) {
      const target = floorTo(until, tier.ms);
      const builtUntil = rows.find((r) => r.tier === tier.tier)!.built_until.getTime();
      if (builtUntil >= target) continue;
      // A stretch with no minutes at all (the job was off, nothing was sent) has nothing to build:
      // it is skipped rather than walked chunk by chunk.
      const next = (await client.query<{ b: Date | null }>('SELECT min(bucket) AS b FROM integration_rollup_minutes WHERE bucket >= $1', [new Date(builtUntil)])).rows[0]!.b;
      const from = Math.max(builtUntil, floorTo(next?.getTime() ?? target, tier.ms));
      const to = Math.min(target, from + CHUNK_MS);
      if (to < target) done = false;
      if (from < to) {
        for (const table of tier.tables) {
          await client.query(tierInsertSql(table, tier.interval, 'integration_rollup_minutes WHERE bucket >= $1 AND bucket < $2', 'replace'), [new Date(from), new Date(to)]);
        }
      }
      await client.query('UPDATE integration_rollup_watermarks SET built_until = $2 WHERE tier = $1', [tier.tier, new Date(to)]);
      built.push({ tier: tier.tier, from: new Date(builtUntil), to: new Date(to) });
    }
    await client.query('COMMIT');
    return { built, done };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
