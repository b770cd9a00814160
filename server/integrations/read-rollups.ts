// Sums of rollup rows, in SQL, from the coarsest rollups that fit: hours (per provider when
// the question is per provider), then five minutes, then minutes for the edges. Histograms are
// summed as packed numbers (packed-histogram.ts): one sum() per row instead of one per bucket.
// At 10M events this keeps every window's summary and series in a few milliseconds
// (bench/README.md, "Health queries at 10M events"). The coarser tiers are built by a job
// (rollup-tiers.ts): each is read only below its watermark, minutes above it, so the sums are
// the same whether or not the job has run.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { getPool } from '../db.ts';
import { unpackHistogram } from './packed-histogram.ts';
import { readWatermarks, type Watermarks } from './rollup-tiers.ts';
import { cutClosedMinutes, lcm, splitRangeIntoTiers, FIVE_MINUTES_MS, HOUR_MS, MINUTE_MS, type TierPart, type TimeRange } from './health-window.ts';

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
type Known = { watermarks: Watermarks; changed: string | null };
let lastSeen: { known: Promise<Known>; at: number } | undefined;

function lastSeenWatermarks(): Promise<Known> {
  if (!lastSeen || Date.now() - lastSeen.at > LAST_SEEN_FOR_MS) {
    const read = readWatermarks().then((watermarks) => ({ watermarks, changed: null }));
    lastSeen = { known: read, at: Date.now() };
    // A failed read is not kept: the next call reads again.
    read.catch(() => {
      if (lastSeen?.known === read) lastSeen = undefined;
    });
  }
  return lastSeen.known;
}

// Built tier buckets change only through late events, retention, a watermark moved back or a
// tier table emptied, and each of those moves a watermark row's changed_at (the writer and
// triggers, migration 20261204030100_tier_changes). So the sums of a tier part (one tier, one
// stretch of its buckets, one question) are kept per process with the changed_at they were read
// at, and a later query reads only its minute edges, checking in its own snapshot that
// changed_at has not moved. A dashboard that refreshes asks the same tier parts for minutes on
// end; the middle of a 7-day window (3,168 provider hours) is then never read twice.
const partCache = new LRUCache<string, { changed: string; rows: RollupSums[] }>({ maxSize: 50_000, sizeCalculation: (v) => Math.max(1, v.rows.length) });

/** Empties the part cache: the health bench's cold runs (the first read after a process start). */
export function forgetCachedTierParts(): void {
  partCache.clear();
}

// One more row of the UNION ALL, told apart by its part: a row of sums always has one. One scan
// of the two-row table gives both watermarks and the changed_at of both rows.
const LIVE_WATERMARKS = `SELECT NULL::int AS part, NULL::text AS key, NULL::int8 AS t, w.five_minutes AS total, w.hours AS errors,
    NULL::int8 AS soft_errors, NULL::int8 AS retries, NULL::int8 AS retry_ok, w.changed AS hist
  FROM (SELECT max((extract(epoch FROM built_until) * 1000)::int8) FILTER (WHERE tier = 'five_minutes') AS five_minutes,
               max((extract(epoch FROM built_until) * 1000)::int8) FILTER (WHERE tier = 'hours') AS hours,
               string_agg(tier || ' ' || changed_at::text, ',' ORDER BY tier) AS changed
        FROM integration_rollup_watermarks) w`;

function tableFor(tierMs: number, perProvider: boolean): string {
  if (tierMs === HOUR_MS) return perProvider ? 'integration_rollup_provider_hours' : 'integration_rollup_hours';
  return tierMs === FIVE_MINUTES_MS ? 'integration_rollup_five_minutes' : 'integration_rollup_minutes';
}

/** Sums per key and time bucket, the parts' rows added together; cached rows are never changed. */
function mergeParts(lists: readonly (readonly RollupSums[])[]): RollupSums[] {
  if (lists.length === 1) return [...lists[0]!];
  const merged = new Map<string, RollupSums>();
  const copies = new Set<RollupSums>();
  for (const list of lists) {
    for (const r of list) {
      // Keys never hold U+0000 (refused at the edge, find-unstorable-text.ts).
      const id = `${r.key}\u0000${r.t}`;
      let into = merged.get(id);
      if (!into) {
        merged.set(id, r);
        continue;
      }
      if (!copies.has(into)) {
        into = { ...into, hist: [...into.hist] };
        copies.add(into);
        merged.set(id, into);
      }
      into.total += r.total;
      into.errors += r.errors;
      into.softErrors += r.softErrors;
      into.retries += r.retries;
      into.retryOk += r.retryOk;
      for (let i = 0; i < r.hist.length; i++) into.hist[i] = (into.hist[i] ?? 0) + r.hist[i]!;
    }
  }
  return [...merged.values()];
}

type Row = { part: number | null; key: string; t: string; total: string | null; errors: string | null; soft_errors: string; retries: string; retry_ok: string; hist: string | null };

type ReadOptions = {
  range: TimeRange;
  groupBy: 'provider' | 'event';
  bucketMs?: number;
  filter?: Filter;
  histogram?: boolean;
  /** The split to use, read by the caller; then nothing is taken from or kept in the part cache. */
  watermarks?: Watermarks | Promise<Watermarks>;
};

/**
 * Sums per `groupBy` key over a range, optionally per time bucket (bucketMs, aligned to the
 * epoch). A tier is used when its buckets nest in bucketMs (or there are no buckets).
 * `histogram: false` skips the latency histogram (sparklines need only counts).
 */
export async function readRollups(opts: ReadOptions): Promise<RollupSums[]> {
  const known = opts.watermarks ? { watermarks: await opts.watermarks, changed: null } : await lastSeenWatermarks();
  return readSplit(opts, known, { cache: !opts.watermarks, reuse: true });
}

/** `cache`: tier parts may be kept; `reuse`: kept ones may be used (not on a read again). */
async function readSplit(opts: ReadOptions, known: Known, use: { cache: boolean; reuse: boolean }): Promise<RollupSums[]> {
  const { range, groupBy, bucketMs } = opts;
  const filter = opts.filter ?? {};
  const histogram = opts.histogram ?? true;
  // Per-provider hours hold no event names: only for per-provider questions about all events.
  const perProvider = groupBy === 'provider' && !filter.event;
  const tiers = TIERS_MS.filter((ms) => bucketMs === undefined || bucketMs % ms === 0);
  const { watermarks } = known;
  const tierParts = splitRangeIntoTiers(range, tiers, (ms) => (ms === HOUR_MS ? watermarks.hours : ms === FIVE_MINUTES_MS ? watermarks.five_minutes : Infinity));
  // Minutes below the five-minute watermark are closed: like built tier buckets they change only
  // through the writer's late path, retention or by hand, and each moves changed_at (the minutes
  // table has the same trigger as the tiers). They are kept in blocks that buckets nest in and
  // five-minute slots too, aligned to the epoch, so a sliding window finds its middle blocks
  // again; only the open minutes at the live end are read on every call.
  const blockMs = lcm(bucketMs ?? FIVE_MINUTES_MS, FIVE_MINUTES_MS);
  const parts = use.cache ? cutClosedMinutes(tierParts, watermarks.five_minutes, blockMs) : tierParts;
  if (parts.length === 0) return [];

  const question = `${groupBy}|${bucketMs ?? ''}|${histogram}|${filter.providers?.join(',') ?? ''}|${filter.event ?? ''}`;
  const cacheKey = (part: TierPart) => `${tableFor(part.tierMs, perProvider)}|${question}|${part.from.getTime()}|${part.to.getTime()}`;
  const cacheable = (part: TierPart) => use.cache && (part.tierMs !== MINUTE_MS || part.closed === true);
  const cached = new Map<number, RollupSums[]>();
  if (use.reuse && known.changed !== null) {
    parts.forEach((part, i) => {
      const hit = cacheable(part) ? partCache.get(cacheKey(part)) : undefined;
      if (hit?.changed === known.changed) cached.set(i, hit.rows);
    });
  }

  // What is read: a part, or a run of closed minute blocks next to each other, read by one scan
  // whose rows are told apart by block (a cold 6-hour read is one index scan, not 36).
  type Scan = { tierMs: number; from: Date; to: Date; first: number; count: number };
  const scans: Scan[] = [];
  parts.forEach((part, i) => {
    if (cached.has(i)) return;
    const last = scans.at(-1);
    if (last && part.closed && cacheable(part) && last.first + last.count === i && last.to.getTime() === part.from.getTime() && parts[last.first]!.closed) {
      last.to = part.to;
      last.count++;
      return;
    }
    scans.push({ tierMs: part.tierMs, from: part.from, to: part.to, first: i, count: 1 });
  });
  // Rows carry their part (-1 for open minutes, which are never kept) so each part can be kept.
  // In a run the part follows from the block: pieces are cut at block boundaries.
  const label = (scan: Scan) => {
    if (!cacheable(parts[scan.first]!)) return '-1';
    if (scan.count === 1) return String(scan.first);
    return `((date_part('epoch', bucket)::int8 * 1000 / ${blockMs})::int - ${Math.floor(scan.from.getTime() / blockMs) - scan.first})`;
  };
  const params: unknown[] = [];
  const source = (scan: Scan) => {
    params.push(scan.from, scan.to);
    const cond = `bucket >= $${params.length - 1} AND bucket < $${params.length}${whereFilters(filter, params)}`;
    return `${tableFor(scan.tierMs, perProvider)} WHERE ${cond}`;
  };
  const hist = histogram ? 'latency_hist_packed' : 'NULL::numeric AS latency_hist_packed';
  // A tier as coarse as the buckets, whose rows are one per key already (per-provider hours per
  // provider; one provider's rows per event name), is read as it is: no re-aggregation of
  // hundreds of rows that are each their own group. Its buckets are disjoint from the edges'.
  const oneRowPerGroup = (scan: Scan) =>
    scan.tierMs === bucketMs && (groupBy === 'event' ? filter.providers?.length === 1 : tableFor(scan.tierMs, perProvider) === 'integration_rollup_provider_hours');
  const selects = scans.filter(oneRowPerGroup).map(
    (scan) => `SELECT ${label(scan)} AS part, ${groupBy} AS key, (date_part('epoch', bucket) * 1000)::int8 AS t, total::int8 AS total, errors::int8 AS errors,
        soft_errors::int8 AS soft_errors, retries::int8 AS retries, retry_ok::int8 AS retry_ok,
        ${histogram ? 'latency_hist_packed::text' : 'NULL::text'} AS hist FROM ${source(scan)}`,
  );
  const groupedScans = scans.filter((scan) => !oneRowPerGroup(scan));
  // Grouped by part only when there are parts to tell apart: minutes alone need no part column.
  const byPart = groupedScans.length > 1 || groupedScans.some((scan) => scan.count > 1);
  const partExpr = byPart ? 'part' : `${groupedScans[0] ? label(groupedScans[0]) : '-1'} AS part`;
  const grouped = groupedScans.map(
    (scan) => `SELECT ${byPart ? `${label(scan)} AS part, ` : ''}${groupBy} AS key, bucket, total, errors, soft_errors, retries, retry_ok, ${hist} FROM ${source(scan)}`,
  );
  if (grouped.length) {
    let timeExpr = `timestamptz 'epoch'`;
    if (bucketMs !== undefined) {
      params.push(`${bucketMs} milliseconds`);
      // date_bin is integer arithmetic per row; epoch milliseconds are computed once per group.
      timeExpr = `date_bin($${params.length}::interval, bucket, timestamptz 'epoch')`;
    }
    selects.push(`SELECT ${partExpr}, key, (date_part('epoch', t) * 1000)::int8 AS t, sum(total)::int8 AS total, sum(errors)::int8 AS errors,
        sum(soft_errors)::int8 AS soft_errors, sum(retries)::int8 AS retries, sum(retry_ok)::int8 AS retry_ok, sum(latency_hist_packed)::text AS hist
      FROM (SELECT *, ${timeExpr} AS t FROM (${grouped.join(' UNION ALL ')}) u) r GROUP BY ${byPart ? 'part, ' : ''}key, r.t`);
  }
  selects.push(LIVE_WATERMARKS);
  const sql = selects.join(' UNION ALL ');
  // Named, so each pooled connection parses and plans a shape once: planning took 0.3-0.9 ms of
  // a 3-7 ms read at 10M events. A window has a handful of shapes (which tiers, which filters).
  const name = `rollups-${createHash('sha1').update(sql).digest('base64url').slice(0, 16)}`;
  const { rows } = await getPool().query<Row>({ name, text: sql, values: params });
  const guard = rows.splice(rows.findIndex((r) => r.part === null), 1)[0]!;
  const live: Watermarks = { five_minutes: guard.total === null ? -Infinity : Number(guard.total), hours: guard.errors === null ? -Infinity : Number(guard.errors) };
  const changed = guard.hist;
  lastSeen = { known: Promise.resolve({ watermarks: live, changed }), at: Date.now() };
  // Read again on the live watermarks when one is below what the split assumed (moved back by
  // hand or a restore: the tier held less than was read from it), or when tier rows changed
  // since the cached parts were read (then all parts are read, and kept).
  if (live.five_minutes < watermarks.five_minutes || live.hours < watermarks.hours || (cached.size && changed !== known.changed)) {
    return readSplit(opts, { watermarks: live, changed }, { cache: use.cache, reuse: false });
  }

  const fresh = new Map<number, RollupSums[]>();
  let list: RollupSums[] = [];
  let listPart: number | undefined;
  for (const r of rows) {
    // Rows come part by part (UNION ALL branches in turn): one map lookup per part, not per row.
    if (r.part !== listPart) {
      listPart = r.part!;
      list = fresh.get(listPart) ?? [];
      fresh.set(listPart, list);
    }
    list.push({
      key: r.key,
      t: Number(r.t),
      total: Number(r.total),
      errors: Number(r.errors),
      softErrors: Number(r.soft_errors),
      retries: Number(r.retries),
      retryOk: Number(r.retry_ok),
      hist: r.hist === null ? [] : unpackHistogram(r.hist),
    });
  }
  // Split at older watermarks, these parts are not the ones the next query (split at the live
  // ones) asks for: not kept.
  if (changed !== null && live.five_minutes === watermarks.five_minutes && live.hours === watermarks.hours) {
    // A tier part with no rows is kept too: "nothing there" is as costly to find again.
    for (const scan of scans) {
      for (let i = scan.first; i < scan.first + scan.count; i++) {
        if (cacheable(parts[i]!)) partCache.set(cacheKey(parts[i]!), { changed, rows: fresh.get(i) ?? [] });
      }
    }
  }
  // Nothing cached and one part read: its rows are the answer as they are.
  if (cached.size === 0 && fresh.size <= 1) return fresh.values().next().value ?? [];
  return mergeParts([...cached.values(), ...fresh.values()]);
}

/** Failed operations: first-attempt errors minus those a retry recovered. */
export function netErrors(s: Pick<RollupSums, 'errors' | 'retryOk'>): number {
  return Math.max(0, s.errors - s.retryOk);
}
