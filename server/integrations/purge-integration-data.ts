// Retention (issue 6): raw events for 30 days, minute rollups as long (they only serve short
// windows), hour rollups for 400 days. Deleted in bounded batches so a backlog never holds a
// long lock or one huge transaction against live ingestion.
import { getPool } from '../db.ts';
import { readWatermarks } from './rollup-tiers.ts';

const BATCH = 10_000;
const DAY_MS = 86_400_000;

async function deleteBatched(sql: string, cutoff: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await getPool().query(sql, [cutoff, BATCH]);
    deleted += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < BATCH) return deleted;
  }
}

export async function purgeIntegrationData(opts: { rawDays: number; minuteRollupDays: number; hourRollupDays: number; now?: Date }) {
  const now = (opts.now ?? new Date()).getTime();
  const events = await deleteBatched(
    `DELETE FROM integration_events WHERE id IN (SELECT id FROM integration_events WHERE occurred_at < $1 LIMIT $2)`,
    new Date(now - opts.rawDays * DAY_MS),
  );
  // Minutes the rollup-tiers job has not built into the coarser tiers yet (it was down for
  // longer than the minute retention) are kept until it has: they are the tiers' only source.
  const watermarks = await readWatermarks();
  const minuteRollups = await deleteBatched(
    `DELETE FROM integration_rollup_minutes WHERE ctid IN (SELECT ctid FROM integration_rollup_minutes WHERE bucket < $1 LIMIT $2)`,
    new Date(Math.max(0, Math.min(now - opts.minuteRollupDays * DAY_MS, watermarks.five_minutes, watermarks.hours))),
  );
  const hourRollups = await deleteBatched(
    `DELETE FROM integration_rollup_hours WHERE ctid IN (SELECT ctid FROM integration_rollup_hours WHERE bucket < $1 LIMIT $2)`,
    new Date(now - opts.hourRollupDays * DAY_MS),
  );
  // The read tiers age with the rollups they sum (five minutes with minutes, per-provider hours
  // with hours); the counts above stay those of the minute and hour tables.
  await deleteBatched(
    `DELETE FROM integration_rollup_five_minutes WHERE ctid IN (SELECT ctid FROM integration_rollup_five_minutes WHERE bucket < $1 LIMIT $2)`,
    new Date(now - opts.minuteRollupDays * DAY_MS),
  );
  await deleteBatched(
    `DELETE FROM integration_rollup_provider_hours WHERE ctid IN (SELECT ctid FROM integration_rollup_provider_hours WHERE bucket < $1 LIMIT $2)`,
    new Date(now - opts.hourRollupDays * DAY_MS),
  );
  // A group whose every occurrence has aged out of the raw table has nothing left to show.
  const errorGroups = await deleteBatched(
    `DELETE FROM integration_error_groups WHERE fingerprint IN (SELECT fingerprint FROM integration_error_groups WHERE last_seen_at < $1 LIMIT $2)`,
    new Date(now - opts.rawDays * DAY_MS),
  );
  return { events, minuteRollups, hourRollups, errorGroups };
}
