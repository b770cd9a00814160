import { useMemo } from 'react';
import { useTimeContext } from '../../app/session.tsx';
import { formatCount } from '../admin-integrations/integration-format.ts';
import { tickFormat } from './chart-data.ts';
import { formatLatency, formatRate } from './health-status.ts';
import { dateTimeFormat, numberFormat } from '../../lib/intl-cache.ts';

/** Axis ticks, tooltip times and numbers in the viewer's language and zone. */
export function useChartFormat(bucketMs: number, spanMs: number) {
  const ctx = useTimeContext();
  return useMemo(() => {
    const tick = new Intl.DateTimeFormat(ctx.locale, { ...tickFormat(bucketMs, spanMs), timeZone: ctx.timeZone });
    const full = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone });
    return {
      tick: (t: number) => tick.format(t),
      /** A bucket as "20 Nov 2026, 14:05 – 14:10" */
      bucket: (t: number) => {
        const end = dateTimeFormat(ctx.locale, { timeStyle: 'short', timeZone: ctx.timeZone }).format(t + bucketMs);
        return `${full.format(t)} – ${end}`;
      },
      rate: (r: number | null | undefined) => (r === null || r === undefined ? '—' : (formatRate(r, ctx.locale) ?? '—')),
      axisRate: (r: number) => numberFormat(ctx.locale, { style: 'percent', maximumFractionDigits: 1 }).format(r),
      count: (n: number) => formatCount(n, ctx.locale),
      latency: (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : (formatLatency(ms, ctx.locale) ?? '—')),
      timeZone: ctx.timeZone,
    };
  }, [ctx.locale, ctx.timeZone, bucketMs, spanMs]);
}

export type ChartFormat = ReturnType<typeof useChartFormat>;

/** Axis and grid colours from the theme, so dark mode needs nothing else. */
export const AXIS = {
  tick: { fill: 'var(--mantine-color-dimmed)', fontSize: 11 },
  line: { stroke: 'var(--mantine-color-default-border)' },
  grid: 'var(--mantine-color-default-border)',
} as const;
