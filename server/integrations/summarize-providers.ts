// integrations.summary: one card per provider for a window, worst first.
import { getDb } from '../db.ts';
import type { THealthWindow, TSummaryOutput } from '../../shared/integration-health.ts';
import { chooseBucketMs, resolveWindow } from './health-window.ts';
import { histogramQuantile } from './latency-histogram.ts';
import { compareByHealth, providerStatus } from './provider-status.ts';
import { netErrors, readRollups } from './read-rollups.ts';

const SPARKLINE_POINTS = 24;

export async function summarizeProviders(window: THealthWindow, now = new Date()): Promise<TSummaryOutput> {
  const range = resolveWindow(window, now);
  const sparkBucket = chooseBucketMs(range, SPARKLINE_POINTS);
  const [providers, states, totals, spark] = await Promise.all([
    getDb().provider.findMany({
      select: { key: true, displayName: true, tier: true, degradedErrorRate: true, failingErrorRate: true, minErrors: true },
    }),
    getDb().providerState.findMany(),
    readRollups({ range, groupBy: 'provider' }),
    readRollups({ range, groupBy: 'provider', bucketMs: sparkBucket }),
  ]);
  const stateBy = new Map(states.map((s) => [s.provider, s]));
  const totalsBy = new Map(totals.map((t) => [t.key, t]));
  const firstBucket = Math.floor(range.from.getTime() / sparkBucket) * sparkBucket;
  const bucketCount = Math.max(1, Math.ceil((range.to.getTime() - firstBucket) / sparkBucket));

  const cards = providers.map((p) => {
    const sums = totalsBy.get(p.key);
    const volume = sums?.total ?? 0;
    const errors = sums ? netErrors(sums) : 0;
    const thresholds = { degradedErrorRate: p.degradedErrorRate, failingErrorRate: p.failingErrorRate, minErrors: p.minErrors };
    const sparkline: (number | null)[] = new Array(bucketCount).fill(null);
    for (const s of spark) {
      if (s.key !== p.key) continue;
      const i = Math.round((s.t - firstBucket) / sparkBucket);
      if (i >= 0 && i < bucketCount && s.total > 0) sparkline[i] = netErrors(s) / s.total;
    }
    const state = stateBy.get(p.key);
    return {
      provider: p.key,
      displayName: p.displayName,
      tier: p.tier,
      status: providerStatus({ tier: p.tier, volume, errors, thresholds }),
      volume,
      errors,
      errorRate: volume ? errors / volume : null,
      softErrors: sums?.softErrors ?? 0,
      retries: sums?.retries ?? 0,
      p50Ms: sums ? histogramQuantile(sums.hist, 0.5) : null,
      p95Ms: sums ? histogramQuantile(sums.hist, 0.95) : null,
      lastOkAt: state?.lastOkAt ?? null,
      lastErrorAt: state?.lastErrorAt ?? null,
      lastErrorMessage: state?.lastErrorMessage ?? null,
      lastErrorClass: state?.lastErrorClass ?? null,
      sparkline,
      thresholds,
    };
  });
  return { from: range.from, to: range.to, providers: cards.sort(compareByHealth) };
}
