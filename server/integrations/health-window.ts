// Windows and buckets for the health console. Short windows read minute rollups; whole hours
// inside a window are read from hour rollups, so a 7-day question touches ~170 rows per
// provider and event instead of ~10,000 (issue 6: "minute rollups for short windows, hour
// rollups for 24h and 7d"). Whole five minutes between minutes and hours come from five-minute
// rollups, so a window's ragged edges cost at most 4 + 4 minute rows per series.
import { WINDOW_MS, ZHealthWindow, MAX_SERIES_POINTS, type THealthWindow } from '../../shared/integration-health.ts';

export const MINUTE_MS = 60_000;
export const FIVE_MINUTES_MS = 5 * MINUTE_MS;
export const HOUR_MS = 3_600_000;

export type TimeRange = { from: Date; to: Date };

export function resolveWindow(input: THealthWindow, now = new Date()): TimeRange {
  const w = ZHealthWindow.parse(input);
  if (w.window === 'custom') return { from: w.from!, to: w.to! };
  return { from: new Date(now.getTime() - WINDOW_MS[w.window]), to: now };
}

const STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * MINUTE_MS);

/** The smallest "round" bucket that keeps the series at or under maxPoints. */
export function chooseBucketMs(range: TimeRange, maxPoints = MAX_SERIES_POINTS): number {
  const span = range.to.getTime() - range.from.getTime();
  return STEPS_MS.find((step) => Math.ceil(span / step) <= maxPoints) ?? STEPS_MS.at(-1)!;
}

const floorTo = (t: number, ms: number) => Math.floor(t / ms) * ms;
const ceilTo = (t: number, ms: number) => Math.ceil(t / ms) * ms;

/**
 * Splits a range into whole hours (hour rollups) and the minute-level edges around them.
 * Edges are whole minutes: a rollup minute counts if it starts inside the range.
 */
export function splitRange(range: TimeRange): { hours: TimeRange | null; minutes: TimeRange[] } {
  const from = ceilTo(range.from.getTime(), MINUTE_MS);
  const to = ceilTo(range.to.getTime(), MINUTE_MS);
  const hFrom = ceilTo(from, HOUR_MS);
  const hTo = floorTo(to, HOUR_MS);
  if (hTo - hFrom < HOUR_MS) return { hours: null, minutes: [{ from: new Date(from), to: new Date(to) }] };
  const minutes: TimeRange[] = [];
  if (from < hFrom) minutes.push({ from: new Date(from), to: new Date(hFrom) });
  if (hTo < to) minutes.push({ from: new Date(hTo), to: new Date(to) });
  return { hours: { from: new Date(hFrom), to: new Date(hTo) }, minutes };
}

export type TierPart = {
  tierMs: number;
  from: Date;
  to: Date;
  /** Minutes only: every minute of the part lies below the five-minute watermark (see cutClosedMinutes). */
  closed?: boolean;
};

/**
 * Splits a range over rollup tiers (bucket sizes, ascending; minutes first): the coarsest tier
 * takes the whole buckets inside, finer tiers the edges, recursively. Same minute edges as
 * splitRange, so every tier mix counts exactly the minutes that start inside the range.
 * `builtUntil` (epoch ms per tier, from the rollup-tiers watermarks): a tier takes only buckets
 * below it; what lies above falls to the finer tiers, down to minutes, which are always complete.
 */
export function splitRangeIntoTiers(range: TimeRange, tiersMs: readonly number[], builtUntil?: (tierMs: number) => number): TierPart[] {
  const parts: TierPart[] = [];
  const split = (from: number, to: number, level: number) => {
    if (from >= to) return;
    const tierMs = tiersMs[level]!;
    if (level > 0) {
      const inFrom = ceilTo(from, tierMs);
      const inTo = Math.min(floorTo(to, tierMs), floorTo(builtUntil?.(tierMs) ?? Infinity, tierMs));
      if (inTo - inFrom < tierMs) return split(from, to, level - 1);
      split(from, inFrom, level - 1);
      parts.push({ tierMs, from: new Date(inFrom), to: new Date(inTo) });
      split(inTo, to, level - 1);
      return;
    }
    parts.push({ tierMs, from: new Date(from), to: new Date(to) });
  };
  split(ceilTo(range.from.getTime(), MINUTE_MS), ceilTo(range.to.getTime(), MINUTE_MS), tiersMs.length - 1);
  return parts;
}

/** Least common multiple of two whole numbers of milliseconds. */
export function lcm(a: number, b: number): number {
  let [x, y] = [a, b];
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}

/**
 * Cuts the minute parts of a split at `closedUntil` (epoch ms; the five-minute watermark):
 * below it, into pieces at multiples of `blockMs`, each marked closed; above it, one open part.
 * The pieces of a window's middle are the same from one call to the next as the window slides,
 * so their sums can be kept (read-rollups.ts); what lies above closedUntil still changes.
 */
export function cutClosedMinutes(parts: readonly TierPart[], closedUntil: number, blockMs: number): TierPart[] {
  const out: TierPart[] = [];
  for (const part of parts) {
    if (part.tierMs !== MINUTE_MS) {
      out.push(part);
      continue;
    }
    const from = part.from.getTime();
    const to = part.to.getTime();
    const closedTo = Math.min(to, floorTo(closedUntil, MINUTE_MS));
    for (let at = from; at < closedTo; ) {
      const next = Math.min(closedTo, floorTo(at, blockMs) + blockMs);
      out.push({ tierMs: MINUTE_MS, from: new Date(at), to: new Date(next), closed: true });
      at = next;
    }
    const openFrom = Math.max(from, closedTo);
    if (openFrom < to) out.push({ tierMs: MINUTE_MS, from: new Date(openFrom), to: new Date(to) });
  }
  return out;
}
