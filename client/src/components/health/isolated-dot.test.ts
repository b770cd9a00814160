import { describe, expect, it } from 'vitest';
import { isolatedDot } from './isolated-dot.tsx';

describe('isolatedDot', () => {
  it('is false when every value has a neighbour or none is there, so Recharts draws no dot layer', () => {
    expect(isolatedDot([0.1, 0.2, 0.3])).toBe(false);
    expect(isolatedDot([null, 0.2, 0.3, null, undefined])).toBe(false);
    expect(isolatedDot([])).toBe(false);
  });

  it('draws a circle for an isolated point only', () => {
    const Dot = isolatedDot([0.1, 0.2, null, 0.5, null]);
    if (!Dot) throw new Error('expected a dot renderer');
    const at = (index: number) => Dot({ cx: 10 * index, cy: 5, index, stroke: '#f00' });
    expect(at(3)).toMatchObject({ type: 'circle', props: { cx: 30, cy: 5, fill: '#f00' } });
    expect(at(0).type).toBe('g');
    expect(at(1).type).toBe('g');
  });
});
