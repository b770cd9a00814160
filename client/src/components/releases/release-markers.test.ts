import { describe, expect, it } from 'vitest';
import { markerBuckets } from './use-release-markers.ts';

describe('[IH-8][MARKERS] release markers on bucketed charts', () => {
  it('puts each release on the bucket it falls in, merges releases of one bucket, and drops those before the first', () => {
    const starts = [0, 60_000, 120_000];
    const at = (ms: number, version: string) => ({ id: version, version, releasedAt: new Date(ms) });
    expect(markerBuckets([at(-1, 'old'), at(61_000, 'a'), at(119_999, 'b'), at(500_000, 'late')], starts)).toEqual([
      { t: 60_000, label: 'b +1' },
      { t: 120_000, label: 'late' },
    ]);
  });

  it('merges releases closer than the gap into the latest one', () => {
    const starts = Array.from({ length: 100 }, (_, i) => i * 60_000);
    const at = (min: number, version: string) => ({ id: version, version, releasedAt: new Date(min * 60_000 + 1) });
    expect(markerBuckets([at(10, 'a'), at(12, 'b'), at(50, 'c')], starts, 3)).toEqual([
      { t: 12 * 60_000, label: 'b +1' },
      { t: 50 * 60_000, label: 'c' },
    ]);
  });
});
