// integrations.timeseries: error rate, volume and latency per bucket (≤ 300 points for any
// window; fewer per series when many providers share one chart), one series per provider (overview) or per event name (provider page). Buckets
// without traffic are present with zero volume and a null rate, so charts show gaps honestly.
import type { TTimeseriesInput, TTimeseriesOutput } from '../../shared/integration-health.ts';
import { MAX_SERIES_POINTS, ZTimeseriesInput } from '../../shared/integration-health.ts';
import { chooseBucketMs, resolveWindow, type TimeRange } from './health-window.ts';
import { histogramQuantile } from './latency-histogram.ts';
import { netErrors, readRollups } from './read-rollups.ts';
import { getProviderCatalog } from './provider-catalog.ts';

/**
 * Points across all series of one answer. The overview chart draws every provider at once:
 * 18 series × 300 points is more than a chart can show and (measured at 10M events) more rows
 * than 5 ms can carry, so each of n series gets budget / n points (at least 24). A provider page
 * (one provider, split by event) keeps the full 300.
 */
export const OVERVIEW_POINT_BUDGET = 600;
const MIN_POINTS = 24;

type Series = TTimeseriesOutput['series'];

/** Reads one range in `count` buckets of bucketMs starting at `first` (ms), gaps included. */
async function readSeries(opts: {
  range: TimeRange;
  first: number;
  count: number;
  bucketMs: number;
  by: 'provider' | 'event';
  filter: { providers?: string[]; event?: string };
  latency: boolean;
}): Promise<Series> {
  const { first, count, bucketMs } = opts;
  const rows = await readRollups({ range: opts.range, groupBy: opts.by, bucketMs, filter: opts.filter, histogram: opts.latency });
  const byKey = new Map<string, Map<number, (typeof rows)[number]>>();
  for (const r of rows) {
    if (!byKey.has(r.key)) byKey.set(r.key, new Map());
    byKey.get(r.key)!.set(r.t, r);
  }
  const series = [...byKey.entries()].map(([key, buckets]) => ({
    key,
    points: Array.from({ length: count }, (_, i) => {
      const t = first + i * bucketMs;
      const r = buckets.get(t);
      const total = r?.total ?? 0;
      const errors = r ? netErrors(r) : 0;
      return {
        t,
        total,
        errors,
        errorRate: total ? errors / total : null,
        // Without latency the rows carry no histogram, and a quantile of none is null.
        p50Ms: r ? histogramQuantile(r.hist, 0.5) : null,
        p95Ms: r ? histogramQuantile(r.hist, 0.95) : null,
      };
    }),
  }));
  return series.sort((a, b) => a.key.localeCompare(b.key));
}

export async function providerTimeseries(input: TTimeseriesInput, now = new Date()): Promise<TTimeseriesOutput> {
  const parsed = ZTimeseriesInput.parse(input);
  const range = resolveWindow(parsed, now);
  let maxPoints: number | undefined;
  if (parsed.by === 'provider') {
    const series = parsed.providers?.length || (await getProviderCatalog()).size;
    maxPoints = Math.min(MAX_SERIES_POINTS, Math.max(MIN_POINTS, Math.floor(OVERVIEW_POINT_BUDGET / series)));
  }
  const bucketMs = chooseBucketMs(range, maxPoints);
  const first = Math.floor(range.from.getTime() / bucketMs) * bucketMs;
  const count = Math.max(1, Math.ceil((range.to.getTime() - first) / bucketMs));
  const common = { count, bucketMs, by: parsed.by, filter: { providers: parsed.providers, event: parsed.event }, latency: parsed.latency };

  // The previous period is the same span just before, bucket-aligned, so point i of both answers
  // sits at the same offset in its window and a chart can draw one over the other.
  const span = range.to.getTime() - range.from.getTime();
  const prevRange = { from: new Date(range.from.getTime() - span), to: range.from };
  const prevFirst = Math.floor(prevRange.from.getTime() / bucketMs) * bucketMs;
  const [series, previous] = await Promise.all([
    readSeries({ ...common, range, first }),
    parsed.previous ? readSeries({ ...common, range: prevRange, first: prevFirst }) : null,
  ]);
  return {
    from: range.from,
    to: range.to,
    bucketMs,
    series,
    previous: previous ? { ...prevRange, series: previous } : null,
  };
}
