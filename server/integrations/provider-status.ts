// A provider's status from its numbers. Never from fewer failures than minErrors (no
// 1-of-1 = 100% outage), never "failing" for NON_BLOCKING providers (IH-6), and no traffic is
// "no data", not healthy (IH-1: we do not ping, so silence proves nothing).
import type { TProviderStatus } from '../../shared/integration-health.ts';
import type { TProviderTier } from '../../shared/integrations.ts';

export type Thresholds = { degradedErrorRate: number; failingErrorRate: number; minErrors: number };

export function providerStatus(opts: { tier: TProviderTier; volume: number; errors: number; thresholds: Thresholds }): TProviderStatus {
  const { volume, errors, thresholds } = opts;
  if (volume === 0) return 'no_data';
  const rate = errors / volume;
  if (errors < thresholds.minErrors) return 'healthy';
  if (opts.tier !== 'NON_BLOCKING' && rate >= thresholds.failingErrorRate) return 'failing';
  if (rate >= thresholds.degradedErrorRate) return 'degraded';
  return 'healthy';
}

const STATUS_ORDER: Record<TProviderStatus, number> = { failing: 0, degraded: 1, healthy: 2, no_data: 3 };

/** Worst first; within a status, higher error rate first, then more traffic. */
export function compareByHealth(
  a: { status: TProviderStatus; errorRate: number | null; volume: number; provider: string },
  b: { status: TProviderStatus; errorRate: number | null; volume: number; provider: string },
): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    (b.errorRate ?? -1) - (a.errorRate ?? -1) ||
    b.volume - a.volume ||
    a.provider.localeCompare(b.provider)
  );
}
