// integrations.timeseries: error rate, volume and latency per bucket (≤ 300 points for any
// window), one series per provider (overview) or per event name (provider page). Buckets
// without traffic are present with zero volume and a null rate, so charts show gaps honestly.
import type { TTimeseriesInput, TTimeseriesOutput } from '../../shared/integration-health.ts';
import { ZTimeseriesInput } from '../../shared/integration-health.ts';
import { chooseBucketMs, resolveWindow } from './health-window.ts';
import { histogramQuantile } from './latency-histogram.ts';
import { netErrors, readRollups } from './read-rollups.ts';

export async function providerTimeseries(input: TTimeseriesInput, now = new Date()): Promise<TTimeseriesOutput> {
  const parsed = ZTimeseriesInput.parse(input);
  const range = resolveWindow(parsed, now);
  const bucketMs = chooseBucketMs(range);
  const rows = await readRollups({ range, groupBy: parsed.by, bucketMs, filter: { providers: parsed.providers, event: parsed.event } });

  const first = Math.floor(range.from.getTime() / bucketMs) * bucketMs;
  const count = Math.max(1, Math.ceil((range.to.getTime() - first) / bucketMs));
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
        t: new Date(t),
        total,
        errors,
        errorRate: total ? errors / total : null,
        p50Ms: r ? histogramQuantile(r.hist, 0.5) : null,
        p95Ms: r ? histogramQuantile(r.hist, 0.95) : null,
      };
    }),
  }));
  return { from: range.from, to: range.to, bucketMs, series: series.sort((a, b) => a.key.localeCompare(b.key)) };
}
