// Sums of rollup rows, in SQL, from the coarsest rollups that fit: hours (per provider when
// the question is per provider), then five minutes, then minutes for the edges. Histograms are
// summed as packed numbers (packed-histogram.ts): one sum() per row instead of one per bucket.
// At 10M events this keeps every window's summary and series in a few milliseconds
// (bench/README.md, "Health queries at 10M events"). The coarser tiers are built by a job
// (rollup-tiers.ts): each is read only below its watermark, minutes above it, so the sums are
// the same whether or not the job has run.
import { createHash } from 'node:crypto';
import { getPool } from '../db.ts';
import { unpackHistogram } from './packed-histogram.ts';
import { readWatermarks, type Watermarks } from './rollup-tiers.ts';
import { splitRangeIntoTiers, FIVE_MINUTES_MS, HOUR_MS, MINUTE_MS, type TierPart, type TimeRange } from './health-window.ts';

export type RollupSums = {
  key: string;
  /** Bucket start (ms) when grouped by time, else 0. */
  t: number;
  total: number;
  errors: number;
  softErrors: number;
  retries: number;
  retryOk: number;
  /** Latency histogram; empty when read with histogram: false. */
  hist: number[];
};

type Filter = { providers?: string[]; event?: string };

function whereFilters(filter: Filter, params: unknown[]): string {
  const parts: string[] = [];
  if (filter.providers?.length) {
    params.push(filter.providers);
    parts.push(`provider = ANY($${params.length}::text[])`);
  }
  if (filter.event) {
    params.push(filter.event);
    parts.push(`event = $${params.length}`);
  }
  return parts.length ? ` AND ${parts.join(' AND ')}` : '';
}

const TIERS_MS = [MINUTE_MS, FIVE_MINUTES_MS, HOUR_MS];

// The watermarks are not read before each query (a round trip the query waited for: 0.4-0.9 ms of
// a 3-7 ms read at 10M events). A query splits its range at the watermarks this process saw last
// and brings the live ones back in one more row, from the same snapshot as its sums. Split at
// or below the live ones, the sums are exact: below a watermark a tier equals the minutes, and
// minutes are complete. Watermarks only move up, so an older split merely reads a few more
// minutes; one found above the live ones is read again on the live ones. A minute at most: older
// watermarks are read afresh, so a split never reaches minutes that retention has since deleted.
const LAST_SEEN_FOR_MS = 60_000;
let lastSeen: { watermarks: Promise<Watermarks>; at: number } | undefined;

function lastSeenWatermarks(): Promise<Watermarks> {
  if (!lastSeen || Date.now() - lastSeen.at > LAST_SEEN_FOR_MS) {
    const read = readWatermarks();
    lastSeen = { watermarks: read, at: Date.now() };
    // A failed read is not kept: the next call reads again.
    read.catch(() => {
      if (lastSeen?.watermarks === read) lastSeen = undefined;
    });
  }
  return lastSeen.watermarks;
}

const watermarkMs = (tier: string) => `(SELECT (extract(epoch FROM built_until) * 1000)::int8 FROM integration_rollup_watermarks WHERE tier = '${tier}')`;
// One more row of the UNION ALL, told apart by its key: a real row's key is never NULL.
const LIVE_WATERMARKS = `SELECT NULL::text AS key, NULL::int8 AS t, ${watermarkMs('five_minutes')} AS total, ${watermarkMs('hours')} AS errors,
    NULL::int8 AS soft_errors, NULL::int8 AS retries, NULL::int8 AS retry_ok, NULL::text AS hist`;

function tableFor(tierMs: number, perProvider: boolean): string {
  if (tierMs === HOUR_MS) return perProvider ? 'integration_rollup_provider_hours' : 'integration_rollup_hours';
  return tierMs === FIVE_MINUTES_MS ? 'integration_rollup_five_minutes' : 'integration_rollup_minutes';
}

/**
 * Sums per `groupBy` key over a range, optionally per time bucket (bucketMs, aligned to the
 * epoch). A tier is used when its buckets nest in bucketMs (or there are no buckets).
 * `histogram: false` skips the latency histogram (sparklines need only counts).
 */
export async function readRollups(opts: {
  range: TimeRange;
  groupBy: 'provider' | 'event';
  bucketMs?: number;
  filter?: Filter;
  histogram?: boolean;
  /** The split to try; when not given, the watermarks this process saw last (see lastSeen). */
  watermarks?: Watermarks | Promise<Watermarks>;
}): Promise<RollupSums[]> {
  const { range, groupBy, bucketMs } = opts;
  const filter = opts.filter ?? {};
  const histogram = opts.histogram ?? true;
  // Per-provider hours hold no event names: only for per-provider questions about all events.
  const perProvider = groupBy === 'provider' && !filter.event;
  const tiers = TIERS_MS.filter((ms) => bucketMs === undefined || bucketMs % ms === 0);

  const params: unknown[] = [];
  const source = (part: TierPart) => {
    params.push(part.from, part.to);
    const cond = `bucket >= $${params.length - 1} AND bucket < $${params.length}${whereFilters(filter, params)}`;
    return `${tableFor(part.tierMs, perProvider)} WHERE ${cond}`;
  };
  const hist = histogram ? 'latency_hist_packed' : 'NULL::numeric AS latency_hist_packed';
  const watermarks = await (opts.watermarks ?? lastSeenWatermarks());
  const parts = splitRangeIntoTiers(range, tiers, (ms) => (ms === HOUR_MS ? watermarks.hours : ms === FIVE_MINUTES_MS ? watermarks.five_minutes : Infinity));
  // A tier as coarse as the buckets, whose rows are one per key already (per-provider hours per
  // provider; one provider's rows per event name), is read as it is: no re-aggregation of
  // hundreds of rows that are each their own group. Its buckets are disjoint from the edges'.
  const oneRowPerGroup = (part: TierPart) =>
    part.tierMs === bucketMs && (groupBy === 'event' ? filter.providers?.length === 1 : tableFor(part.tierMs, perProvider) === 'integration_rollup_provider_hours');
  const asIs = parts.filter(oneRowPerGroup).map(
    (part) => `SELECT ${groupBy} AS key, (date_part('epoch', bucket) * 1000)::int8 AS t, total::int8 AS total, errors::int8 AS errors,
        soft_errors::int8 AS soft_errors, retries::int8 AS retries, retry_ok::int8 AS retry_ok,
        ${histogram ? 'latency_hist_packed::text' : 'NULL::text'} AS hist FROM ${source(part)}`,
  );
  const grouped = parts
    .filter((part) => !oneRowPerGroup(part))
    .map((part) => `SELECT ${groupBy} AS key, bucket, total, errors, soft_errors, retries, retry_ok, ${hist} FROM ${source(part)}`);
  if (grouped.length) {
    let timeExpr = `timestamptz 'epoch'`;
    if (bucketMs !== undefined) {
      params.push(`${bucketMs} milliseconds`);
      // date_bin is integer arithmetic per row; epoch milliseconds are computed once per group.
      timeExpr = `date_bin($${params.length}::interval, bucket, timestamptz 'epoch')`;
    }
    asIs.push(`SELECT key, (date_part('epoch', t) * 1000)::int8 AS t, sum(total)::int8 AS total, sum(errors)::int8 AS errors,
        sum(soft_errors)::int8 AS soft_errors, sum(retries)::int8 AS retries, sum(retry_ok)::int8 AS retry_ok, sum(latency_hist_packed)::text AS hist
      FROM (SELECT *, ${timeExpr} AS t FROM (${grouped.join(' UNION ALL ')}) u) r GROUP BY key, r.t`);
  }
  if (asIs.length === 0) return [];
  asIs.push(LIVE_WATERMARKS);
  const sql = asIs.join(' UNION ALL ');
  // Named, so each pooled connection parses and plans a shape once: planning took 0.3-0.9 ms of
  // a 3-7 ms read at 10M events. A window has a handful of shapes (which tiers, which filters).
  const name = `rollups-${createHash('sha1').update(sql).digest('base64url').slice(0, 16)}`;
  const { rows } = await getPool().query<{ key: string; t: string; total: string | null; errors: string | null; soft_errors: string; retries: string; retry_ok: string; hist: string | null }>({ name, text: sql, values: params });
  const guard = rows.splice(rows.findIndex((r) => r.key === null), 1)[0]!;
  const live: Watermarks = { five_minutes: guard.total === null ? -Infinity : Number(guard.total), hours: guard.errors === null ? -Infinity : Number(guard.errors) };
  lastSeen = { watermarks: Promise.resolve(live), at: Date.now() };
  // A watermark below the one the split assumed (moved back by hand or a restore): the tier held
  // less than was read from it. Read again on the live ones.
  if (live.five_minutes < watermarks.five_minutes || live.hours < watermarks.hours) return readRollups({ ...opts, watermarks: live });
  return rows.map((r) => ({
    key: r.key,
    t: Number(r.t),
    total: Number(r.total),
    errors: Number(r.errors),
    softErrors: Number(r.soft_errors),
    retries: Number(r.retries),
    retryOk: Number(r.retry_ok),
    hist: r.hist === null ? [] : unpackHistogram(r.hist),
  }));
}

/** Failed operations: first-attempt errors minus those a retry recovered. */
export function netErrors(s: Pick<RollupSums, 'errors' | 'retryOk'>): number {
  return Math.max(0, s.errors - s.retryOk);
}
