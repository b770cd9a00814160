// The alert rules as pure functions over rollup numbers (issue 8), so tests drive them with
// synthetic sums and the job only reads rollups and applies the verdicts.
import type { TProviderTier } from '../../shared/integrations.ts';
import {
  severityRank,
  type TAlertRuleKind,
  type TBurnRateParams,
  type TFinding,
  type TLatencyParams,
  type TRuleParams,
  type TSeverity,
  type TSilenceParams,
  type TThresholdParams,
} from '../../shared/alerts.ts';
import { histogramQuantile } from '../integrations/latency-histogram.ts';

/** Sums of one provider's rollups over one window: operations, failed operations, latencies. */
export type WindowSums = { total: number; errors: number; hist: readonly number[] };

/** Hour-of-week baseline of successes for the silence window; null when not judged. */
export type SilenceBaseline = { weeks: number; expected: number };

export type ProviderRules = { [K in TAlertRuleKind]?: { enabled: boolean; params: TRuleParams[K] } };

const pct = (r: number) => `${(r * 100).toFixed(r < 0.1 ? 1 : 0)}%`;
const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Lower bound of the Wilson score interval for failures/total (z = 1.96: 95%). */
export function wilsonLowerBound(failures: number, total: number, z = 1.96): number {
  if (total === 0) return 0;
  const p = failures / total;
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p) + z2 / (4 * total)) / total);
  return Math.max(0, (centre - margin) / (1 + z2 / total));
}

export function evaluateThreshold(p: TThresholdParams, w: WindowSums): TFinding | null {
  if (w.total === 0 || w.errors < p.minErrors) return null;
  const observed = w.errors / w.total;
  const judged = p.wilson ? wilsonLowerBound(w.errors, w.total) : observed;
  if (judged < p.warningRate) return null;
  const severity: TSeverity = judged >= p.criticalRate ? 'CRITICAL' : 'WARNING';
  return {
    kind: 'THRESHOLD',
    severity,
    summary: `${pct(observed)} errors (${w.errors} of ${w.total}) in ${p.windowMinutes} min${p.wilson ? `, at least ${pct(judged)} (Wilson)` : ''}`,
    numbers: { windowMinutes: p.windowMinutes, errors: w.errors, total: w.total, errorRate: round(observed), judgedRate: round(judged), threshold: judged >= p.criticalRate ? p.criticalRate : p.warningRate },
  };
}

const burn = (w: WindowSums, budget: number) => (w.total === 0 ? 0 : w.errors / w.total / budget);

/**
 * Multi-window burn rate: a pair fires only when its long window (enough budget spent to
 * matter) and its short window (still burning now) both exceed the factor, so a short spike
 * does not page and recovery is seen within the short window.
 */
export function evaluateBurnRate(p: TBurnRateParams, windows: (minutes: number) => WindowSums): TFinding | null {
  const budget = 1 - p.slo;
  const pairs = [
    { name: 'fast', pair: p.fast, severity: 'CRITICAL' as const },
    { name: 'slow', pair: p.slow, severity: 'WARNING' as const },
  ];
  for (const { name, pair, severity } of pairs) {
    const short = windows(pair.shortMinutes);
    const long = windows(pair.longMinutes);
    if (long.errors < p.minErrors) continue;
    const shortBurn = burn(short, budget);
    const longBurn = burn(long, budget);
    if (shortBurn >= pair.factor && longBurn >= pair.factor) {
      return {
        kind: 'BURN_RATE',
        severity,
        summary: `Error budget burning ${longBurn.toFixed(1)}x over ${pair.longMinutes} min and ${shortBurn.toFixed(1)}x over ${pair.shortMinutes} min (${name} pair, limit ${pair.factor}x, SLO ${(p.slo * 100).toFixed(2)}%)`,
        numbers: {
          slo: p.slo,
          factor: pair.factor,
          shortMinutes: pair.shortMinutes,
          longMinutes: pair.longMinutes,
          shortBurn: round(shortBurn, 2),
          longBurn: round(longBurn, 2),
          shortErrors: short.errors,
          shortTotal: short.total,
          longErrors: long.errors,
          longTotal: long.total,
        },
      };
    }
  }
  return null;
}

export function evaluateLatency(p: TLatencyParams, w: WindowSums): TFinding | null {
  const samples = w.hist.reduce((a, b) => a + b, 0);
  if (samples < p.minSamples) return null;
  const p95 = histogramQuantile(w.hist, 0.95);
  if (p95 === null || p95 <= p.p95Ms) return null;
  return {
    kind: 'LATENCY',
    severity: p.severity,
    summary: `p95 latency ${p95} ms over ${p.windowMinutes} min (limit ${p.p95Ms} ms, ${samples} calls)`,
    numbers: { windowMinutes: p.windowMinutes, p95Ms: p95, limitMs: p.p95Ms, samples },
  };
}

export function evaluateSilence(p: TSilenceParams, observedSuccesses: number, baseline: SilenceBaseline | null, successEvents: string): TFinding | null {
  if (!baseline || baseline.weeks < p.minHistoryWeeks || baseline.expected < p.minExpected) return null;
  if (observedSuccesses > baseline.expected * p.maxRatio) return null;
  return {
    kind: 'SILENCE',
    severity: p.severity,
    summary: `${observedSuccesses} ${successEvents} in ${p.windowMinutes} min, ~${Math.round(baseline.expected)} expected (hour-of-week baseline of ${baseline.weeks} weeks)`,
    numbers: { windowMinutes: p.windowMinutes, observed: observedSuccesses, expected: round(baseline.expected, 1), weeks: baseline.weeks, maxRatio: p.maxRatio },
  };
}

export type ProviderEvaluationInput = {
  tier: TProviderTier;
  rules: ProviderRules;
  windows: (minutes: number) => WindowSums;
  silence: { observedSuccesses: (minutes: number) => number; baseline: SilenceBaseline | null; successEvents: string };
};

/**
 * Every enabled rule of one provider; the findings, worst first. NON_BLOCKING providers (IH-6)
 * are capped at WARNING and say "soft failures": their failures never page as an outage.
 */
export function evaluateProvider(input: ProviderEvaluationInput): TFinding[] {
  const { rules, windows } = input;
  const findings: TFinding[] = [];
  const add = (f: TFinding | null) => f && findings.push(f);
  if (rules.THRESHOLD?.enabled) add(evaluateThreshold(rules.THRESHOLD.params, windows(rules.THRESHOLD.params.windowMinutes)));
  if (rules.BURN_RATE?.enabled) add(evaluateBurnRate(rules.BURN_RATE.params, windows));
  if (rules.LATENCY?.enabled) add(evaluateLatency(rules.LATENCY.params, windows(rules.LATENCY.params.windowMinutes)));
  if (rules.SILENCE?.enabled) {
    const p = rules.SILENCE.params;
    add(evaluateSilence(p, input.silence.observedSuccesses(p.windowMinutes), input.silence.baseline, input.silence.successEvents));
  }
  const capped =
    input.tier === 'NON_BLOCKING'
      ? findings.map((f) => ({ ...f, severity: 'WARNING' as const, summary: f.kind === 'THRESHOLD' ? `Soft failures: ${f.summary.replace(' errors ', ' failed ')} (no user is blocked)` : f.summary }))
      : findings;
  return capped.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

export function worstSeverity(findings: readonly TFinding[]): TSeverity | null {
  if (findings.length === 0) return null;
  return findings.some((f) => f.severity === 'CRITICAL') ? 'CRITICAL' : 'WARNING';
}

/**
 * Hour-of-week baseline for a window ending at `now`: for each hour the window overlaps, the
 * mean successes of that hour in the weeks that had traffic then, weighted by the overlap.
 * `weeksByHour` maps an hour's start (ms, this week) to its past weeks' success counts.
 */
export function silenceBaseline(opts: { now: Date; windowMinutes: number; pastWeeks: (hourStartMs: number) => number[] }): SilenceBaseline | null {
  const HOUR = 3_600_000;
  const end = opts.now.getTime();
  const start = end - opts.windowMinutes * 60_000;
  let expected = 0;
  let weeks = Infinity;
  for (let hour = Math.floor(start / HOUR) * HOUR; hour < end; hour += HOUR) {
    const overlap = Math.min(end, hour + HOUR) - Math.max(start, hour);
    if (overlap <= 0) continue;
    const counts = opts.pastWeeks(hour);
    weeks = Math.min(weeks, counts.length);
    if (counts.length === 0) return { weeks: 0, expected: 0 };
    expected += (counts.reduce((a, b) => a + b, 0) / counts.length) * (overlap / HOUR);
  }
  return weeks === Infinity ? null : { weeks, expected };
}
