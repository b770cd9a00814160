import { isIsolated } from './chart-data.ts';

type DotProps = { cx?: number; cy?: number; index?: number; stroke?: string };

/**
 * Recharts' dot renderer for dense series: no dots, except where a point has no neighbours and
 * the line alone would leave it invisible. With no such point (the usual case) it is `false`, so
 * Recharts draws no dot layer at all rather than calling a renderer for every point.
 */
export function isolatedDot(values: readonly (number | null | undefined)[]) {
  if (!values.some((_, i) => isIsolated(values, i))) return false;
  return function IsolatedDot({ cx, cy, index, stroke }: DotProps) {
    if (index === undefined || cx === undefined || cy === undefined || !isIsolated(values, index)) return <g key={`d${index}`} />;
    return <circle key={`d${index}`} cx={cx} cy={cy} r={2.5} fill={stroke} stroke="none" className="isolated-dot" />;
  };
}
