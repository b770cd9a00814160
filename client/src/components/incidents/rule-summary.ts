// One line per rule for the settings table, from its params (as stored; unknown shapes say so).
import type { TAlertRuleKind } from '../../../../shared/alerts.ts';

type T = (key: string, values?: Record<string, unknown>) => string;
type P = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : NaN);

export function ruleSummary(kind: TAlertRuleKind, params: P, t: T, locale: string): string {
  const pct = (v: unknown) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(num(v));
  switch (kind) {
    case 'THRESHOLD':
      if (num(params.criticalRate) >= 1) return t('incidents.rules.summary.THRESHOLD_WARNING_ONLY', { warning: pct(params.warningRate), minutes: params.windowMinutes, minErrors: params.minErrors }) + (params.wilson ? ` · ${t('incidents.rules.summary.wilson')}` : '');
      return t('incidents.rules.summary.THRESHOLD', { warning: pct(params.warningRate), critical: pct(params.criticalRate), minutes: params.windowMinutes, minErrors: params.minErrors }) + (params.wilson ? ` · ${t('incidents.rules.summary.wilson')}` : '');
    case 'BURN_RATE': {
      const fast = params.fast as P;
      const slow = params.slow as P;
      return t('incidents.rules.summary.BURN_RATE', { slo: pct(params.slo), fast: `${fast?.factor}x ${fast?.shortMinutes}/${fast?.longMinutes}m`, slow: `${slow?.factor}x ${slow?.shortMinutes}/${slow?.longMinutes}m` });
    }
    case 'LATENCY':
      return t('incidents.rules.summary.LATENCY', { ms: params.p95Ms, minutes: params.windowMinutes });
    case 'SILENCE':
      return t('incidents.rules.summary.SILENCE', { ratio: pct(params.maxRatio), minutes: params.windowMinutes, weeks: params.minHistoryWeeks });
  }
}
