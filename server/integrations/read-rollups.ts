// Sums of rollup rows, in SQL. Histograms are summed bucket by bucket with one sum() per
// array element: plain column arithmetic, far cheaper than unnesting arrays per row.
import { getPool } from '../db.ts';
import { HISTOGRAM_SIZE } from './latency-histogram.ts';
import { splitRange, HOUR_MS, type TimeRange } from './health-window.ts';

export type RollupSums = {
  key: string;
  /** Bucket start (ms) when grouped by time, else 0. */
  t: number;
  total: number;
  errors: number;
  softErrors: number;
  retries: number;
  retryOk: number;
  hist: number[];
};

const HIST_SUMS = Array.from({ length: HISTOGRAM_SIZE }, (_, i) => `sum(latency_hist[${i + 1}])::int8 AS h${i}`).join(', ');
const HIST_COLUMNS = Array.from({ length: HISTOGRAM_SIZE }, (_, i) => `h${i}`);

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

/**
 * Sums per `groupBy` key over a range, optionally per time bucket (bucketMs). Whole hours come
 * from hour rollups when the bucket is a whole number of hours or there are no buckets.
 */
export async function readRollups(opts: { range: TimeRange; groupBy: 'provider' | 'event'; bucketMs?: number; filter?: Filter }): Promise<RollupSums[]> {
  const { range, groupBy, bucketMs } = opts;
  const filter = opts.filter ?? {};
  const useHours = bucketMs === undefined || bucketMs % HOUR_MS === 0;
  const parts = useHours ? splitRange(range) : { hours: null, minutes: [{ from: range.from, to: range.to }] };

  const params: unknown[] = [];
  const selects: string[] = [];
  const source = (table: string, r: TimeRange) => {
    params.push(r.from, r.to);
    const cond = `bucket >= $${params.length - 1} AND bucket < $${params.length}${whereFilters(filter, params)}`;
    selects.push(`SELECT ${groupBy} AS key, bucket, total, errors, soft_errors, retries, retry_ok, latency_hist FROM ${table} WHERE ${cond}`);
  };
  if (parts.hours) source('integration_rollup_hours', parts.hours);
  for (const m of parts.minutes) source('integration_rollup_minutes', m);
  if (selects.length === 0) return [];

  let timeExpr = '0::int8';
  if (bucketMs !== undefined) {
    params.push(bucketMs);
    // Buckets aligned to the epoch, so the same time always falls in the same bucket.
    timeExpr = `(floor(extract(epoch FROM bucket) * 1000 / $${params.length}) * $${params.length})::int8`;
  }
  const sql = `SELECT key, ${timeExpr} AS t, sum(total)::int8 AS total, sum(errors)::int8 AS errors, sum(soft_errors)::int8 AS soft_errors,
      sum(retries)::int8 AS retries, sum(retry_ok)::int8 AS retry_ok, ${HIST_SUMS}
    FROM (${selects.join(' UNION ALL ')}) r GROUP BY 1, 2 ORDER BY 1, 2`;
  const { rows } = await getPool().query<Record<string, string>>(sql, params);
  return rows.map((r) => ({
    key: r.key!,
    t: Number(r.t),
    total: Number(r.total),
    errors: Number(r.errors),
    softErrors: Number(r.soft_errors),
    retries: Number(r.retries),
    retryOk: Number(r.retry_ok),
    hist: HIST_COLUMNS.map((c) => Number(r[c] ?? 0)),
  }));
}

/** Failed operations: first-attempt errors minus those a retry recovered. */
export function netErrors(s: Pick<RollupSums, 'errors' | 'retryOk'>): number {
  return Math.max(0, s.errors - s.retryOk);
}
