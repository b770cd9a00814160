import { isIsolated } from './chart-data.ts';

type DotProps = { cx?: number; cy?: number; index?: number; stroke?: string };

/**
 * Recharts' dot renderer for dense series: no dots, except where a point has no neighbours and
 * the line alone would leave it invisible.
 */
export function isolatedDot(values: readonly (number | null | undefined)[]) {
  return function IsolatedDot({ cx, cy, index, stroke }: DotProps) {
    if (index === undefined || cx === undefined || cy === undefined || !isIsolated(values, index)) return <g key={`d${index}`} />;
    return <circle key={`d${index}`} cx={cx} cy={cy} r={2.5} fill={stroke} stroke="none" className="isolated-dot" />;
  };
}
