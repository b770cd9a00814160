import { describe, expect, it } from 'vitest';
import { daysToRange, rangeToDays } from './custom-range.ts';

describe('custom window from picked days', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it('spans whole days in the viewer zone, end exclusive', () => {
    expect(daysToRange('2026-11-20', '2026-11-21', 'Europe/Istanbul', now)).toEqual({
      from: new Date('2026-11-19T21:00:00Z'),
      to: new Date('2026-11-21T21:00:00Z'),
    });
    expect(rangeToDays(new Date('2026-11-19T21:00:00Z'), new Date('2026-11-21T21:00:00Z'), 'Europe/Istanbul')).toEqual(['2026-11-20', '2026-11-21']);
  });
  it('stops at now and refuses an empty or future range', () => {
    expect(daysToRange('2026-11-24', '2026-11-25', 'UTC', now)).toEqual({ from: new Date('2026-11-24T00:00:00Z'), to: now });
    expect(daysToRange('2026-11-26', '2026-11-27', 'UTC', now)).toBeNull();
    expect(daysToRange('2026-11-22', '2026-11-21', 'UTC', now)).toBeNull();
    expect(daysToRange('nope', '2026-11-21', 'UTC', now)).toBeNull();
  });
});
