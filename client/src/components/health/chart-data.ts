// Shapes integrations.timeseries answers into chart rows. Pure, so the rules are unit-tested:
// gaps stay gaps (null, never 0%), counts ride along with rates for the tooltip and the table,
// and dense series draw without dots or animation (Recharts slows down past a few thousand points).
import type { TSeriesPoint, TTimeseriesOutput } from '../../../../shared/integration-health.ts';

export type Counts = { errors: number; total: number };

export type OverviewRow = {
  t: number;
  /** Error rate per provider key; null where the provider had no traffic in the bucket. */
  rates: Record<string, number | null>;
  counts: Record<string, Counts>;
};

export function overviewRows(series: TTimeseriesOutput['series']): OverviewRow[] {
  const length = Math.max(0, ...series.map((s) => s.points.length));
  return Array.from({ length }, (_, i) => {
    const row: OverviewRow = { t: 0, rates: {}, counts: {} };
    for (const s of series) {
      const p = s.points[i];
      if (!p) continue;
      row.t = p.t;
      row.rates[s.key] = p.errorRate;
      row.counts[s.key] = { errors: p.errors, total: p.total };
    }
    return row;
  });
}

/**
 * Which providers the overview chart shows at first: the worst few that had traffic, in the
 * summary's order (worst first). The legend turns the others on; few lines stay readable.
 */
export function defaultVisibleKeys(order: readonly { provider: string; volume: number }[], seriesKeys: readonly string[], max = 5): string[] {
  const present = new Set(seriesKeys);
  return order.filter((p) => p.volume > 0 && present.has(p.provider)).slice(0, max).map((p) => p.provider);
}

export type Density = { dots: boolean; animate: boolean };

/**
 * Dots only when there are few enough to see one by one (≤ 40 per series, ≤ 120 in the chart);
 * animation only for small charts. Isolated points get a dot regardless (isolated-dot.tsx).
 */
export function chartDensity(pointsPerSeries: number, visibleSeries: number): Density {
  const total = pointsPerSeries * Math.max(1, visibleSeries);
  // Charts that refresh every 30 s would replay an animation each time: only small ones animate.
  return { dots: pointsPerSeries <= 40 && total <= 120, animate: pointsPerSeries <= 60 && total <= 120 };
}

/**
 * A value with no neighbour on either side: a line draws nothing for it, so without a dot a
 * provider with one busy minute would vanish from the chart.
 */
export function isIsolated(values: readonly (number | null | undefined)[], i: number): boolean {
  const v = values[i];
  return v !== null && v !== undefined && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null;
}

export type ProviderRow = {
  t: number;
  rate: number | null;
  errors: number;
  total: number;
  p50Ms: number | null;
  p95Ms: number | null;
  /** The same offset in the previous period (undefined when it was not asked for). */
  prevT?: number;
  prevRate?: number | null;
  prevErrors?: number;
  prevTotal?: number;
};

const EMPTY: Omit<TSeriesPoint, 't'> = { total: 0, errors: 0, errorRate: null, p50Ms: null, p95Ms: null };

/**
 * One provider's rows, the previous period laid over the current one bucket for bucket. A
 * provider with no traffic has no series at all: its rows are the window's empty buckets.
 */
export function providerRows(ts: Pick<TTimeseriesOutput, 'from' | 'to' | 'bucketMs' | 'series' | 'previous'>, key: string): ProviderRow[] {
  const current = ts.series.find((s) => s.key === key)?.points ?? emptyPoints(ts.from, ts.to, ts.bucketMs);
  const previous = ts.previous ? (ts.previous.series.find((s) => s.key === key)?.points ?? null) : undefined;
  const span = ts.to.getTime() - ts.from.getTime();
  return current.map((p, i) => {
    const row: ProviderRow = { t: p.t, rate: p.errorRate, errors: p.errors, total: p.total, p50Ms: p.p50Ms, p95Ms: p.p95Ms };
    if (previous !== undefined) {
      const q = previous?.[i] ?? { ...EMPTY, t: p.t - span };
      Object.assign(row, { prevT: q.t, prevRate: q.errorRate, prevErrors: q.errors, prevTotal: q.total });
    }
    return row;
  });
}

function emptyPoints(from: Date, to: Date, bucketMs: number): TSeriesPoint[] {
  const first = Math.floor(from.getTime() / bucketMs) * bucketMs;
  const count = Math.max(1, Math.ceil((to.getTime() - first) / bucketMs));
  return Array.from({ length: count }, (_, i) => ({ ...EMPTY, t: first + i * bucketMs }));
}

/** The event-list range of one chart bucket: [start, start + bucket). */
export function bucketRange(t: number, bucketMs: number): { from: Date; to: Date } {
  return { from: new Date(t), to: new Date(t + bucketMs) };
}

/** The highest value worth a y-axis: at least 1% so a quiet provider's 0.2% is not a cliff. */
export function rateAxisMax(rows: readonly { rates?: Record<string, number | null>; rate?: number | null; prevRate?: number | null }[], keys?: readonly string[]): number {
  let max = 0;
  for (const r of rows) {
    const values = r.rates ? (keys ?? Object.keys(r.rates)).map((k) => r.rates![k]) : [r.rate, r.prevRate];
    for (const v of values) if (typeof v === 'number' && v > max) max = v;
  }
  if (max <= 0.01) return 0.01;
  // Round up to a tidy step: 5%, 10%, 20%, 50%, 100%.
  return [0.02, 0.05, 0.1, 0.2, 0.5, 1].find((step) => max <= step) ?? 1;
}

/** Series colours keep clear of the status colours (green, amber, red, grey mean status). */
export const SERIES_COLORS = ['indigo', 'cyan', 'grape', 'orange', 'pink', 'blue', 'violet', 'teal'] as const;

export function seriesColor(index: number): string {
  return `var(--mantine-color-${SERIES_COLORS[index % SERIES_COLORS.length]}-6)`;
}

/** Buckets labelled by what a viewer needs at that scale: minutes for a day, dates beyond. */
export function tickFormat(bucketMs: number, spanMs: number): Intl.DateTimeFormatOptions {
  if (spanMs <= 36 * 3_600_000) return { hour: '2-digit', minute: '2-digit' };
  if (bucketMs < 86_400_000) return { weekday: 'short', hour: '2-digit', minute: '2-digit' };
  return { month: 'short', day: 'numeric' };
}
