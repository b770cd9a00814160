import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline-path.ts';

describe('sparkline path', () => {
  it('draws across the box with 0 at the bottom, scaled to the largest value', () => {
    expect(sparklinePath([0, 0.5, 1], 100, 20)).toBe('M0 20L50 10L100 0');
  });
  it('keeps a floor so that a quiet 1% is not drawn as a cliff', () => {
    expect(sparklinePath([0, 0.01], 10, 10)).toBe('M0 10L10 8');
  });
  it('breaks the line at buckets without traffic and marks a lone point', () => {
    expect(sparklinePath([0.1, 0.1, null, 0.1, null, 0.1, 0.1], 60, 10, 0.1)).toBe('M0 0L10 0M29 0H31M50 0L60 0');
    expect(sparklinePath([null, null], 10, 10)).toBe('');
  });
});
