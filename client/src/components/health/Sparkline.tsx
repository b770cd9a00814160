import { sparklinePath } from './sparkline-path.ts';

const W = 100;
const H = 32;

/**
 * A card's error rate across the window, for shape only (the numbers are beside it). Gaps are
 * gaps: a bucket without traffic draws nothing rather than a reassuring zero.
 */
export function Sparkline({ values, color, label }: { values: readonly (number | null)[]; color: string; label: string }) {
  const d = sparklinePath(values, W, H);
  return (
    <div role="img" aria-label={label} style={{ height: 36, width: '100%' }} data-testid="sparkline" data-points={values.filter((v) => v !== null).length}>
      {d ? (
        <svg viewBox={`0 -2 ${W} ${H + 4}`} preserveAspectRatio="none" width="100%" height={36} aria-hidden>
          <path d={d} fill="none" stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" strokeLinejoin="round" strokeLinecap="round" />
        </svg>
      ) : (
        <div style={{ height: 1, marginTop: 18, borderTop: '1px dashed var(--mantine-color-default-border)' }} />
      )}
    </div>
  );
}
