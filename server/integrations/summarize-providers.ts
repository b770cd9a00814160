// integrations.summary: one card per provider for a window, worst first. Three queries at once
// on the pool: the catalog with each provider's last success and error (one join, not two
// Prisma round trips), the window's totals with histograms, and the sparkline's counts.
import { getPool } from '../db.ts';
import type { THealthWindow, TSummaryOutput } from '../../shared/integration-health.ts';
import type { TProviderTier } from '../../shared/integrations.ts';
import { chooseBucketMs, resolveWindow } from './health-window.ts';
import { histogramQuantile } from './latency-histogram.ts';
import { compareByHealth, providerStatus } from './provider-status.ts';
import { netErrors, readRollups } from './read-rollups.ts';

const SPARKLINE_POINTS = 24;

type CatalogRow = {
  key: string;
  displayName: string;
  tier: TProviderTier;
  degradedErrorRate: number;
  failingErrorRate: number;
  minErrors: number;
  lastOkAt: Date | null;
  lastErrorAt: Date | null;
  lastErrorMessage: string | null;
  lastErrorClass: string | null;
};

async function readCatalogWithStates(): Promise<CatalogRow[]> {
  const { rows } = await getPool().query<CatalogRow>(
    `SELECT p.key, p.display_name AS "displayName", p.tier::text AS tier, p.degraded_error_rate AS "degradedErrorRate",
            p.failing_error_rate AS "failingErrorRate", p.min_errors AS "minErrors", s.last_ok_at AS "lastOkAt",
            s.last_error_at AS "lastErrorAt", s.last_error_message AS "lastErrorMessage", s.last_error_class AS "lastErrorClass"
     FROM providers p LEFT JOIN provider_states s ON s.provider = p.key`,
  );
  return rows;
}

export async function summarizeProviders(window: THealthWindow, now = new Date()): Promise<TSummaryOutput> {
  const range = resolveWindow(window, now);
  const sparkBucket = chooseBucketMs(range, SPARKLINE_POINTS);
  const [providers, totals, spark] = await Promise.all([
    readCatalogWithStates(),
    readRollups({ range, groupBy: 'provider' }),
    readRollups({ range, groupBy: 'provider', bucketMs: sparkBucket, histogram: false }),
  ]);
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
      lastOkAt: p.lastOkAt,
      lastErrorAt: p.lastErrorAt,
      lastErrorMessage: p.lastErrorMessage,
      lastErrorClass: p.lastErrorClass,
      sparkline,
      thresholds,
    };
  });
  return { from: range.from, to: range.to, providers: cards.sort(compareByHealth) };
}
