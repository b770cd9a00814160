import { describe, expect, it } from 'vitest';
import { formatExact, formatRelative, pickRelativeUnit, resolveTimeZone } from './format-time.ts';

const now = new Date('2025-11-23T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;

describe('pickRelativeUnit', () => {
  it.each([
    [10_000, { value: 0, unit: 'second' }],
    [5 * MIN, { value: -5, unit: 'minute' }],
    [3 * 60 * MIN, { value: -3, unit: 'hour' }],
    [2 * 24 * 60 * MIN, { value: -2, unit: 'day' }],
    [60 * 24 * 60 * MIN, { value: -2, unit: 'month' }],
    [800 * 24 * 60 * MIN, { value: -2, unit: 'year' }],
  ])('%i ms ago -> %o', (ms, expected) => {
    expect(pickRelativeUnit(ago(ms), now)).toEqual(expected);
  });

  it('handles the future too', () => {
    expect(pickRelativeUnit(new Date(now.getTime() + 90 * MIN), now)).toEqual({ value: 2, unit: 'hour' });
  });
});

describe('formatRelative', () => {
  it('speaks the UI language', () => {
    expect(formatRelative(ago(5 * MIN), now, 'en')).toBe('5 minutes ago');
    expect(formatRelative(ago(5 * MIN), now, 'tr')).toBe('5 dakika önce');
    expect(formatRelative(ago(24 * 60 * MIN), now, 'en')).toBe('yesterday');
  });
});

describe('time zones', () => {
  it('shows the exact time in the viewer zone, naming the zone', () => {
    const text = formatExact(now, { locale: 'en-GB', timeZone: 'Europe/Istanbul' });
    expect(text).toContain('15:00:00');
    expect(text).toContain('(Europe/Istanbul)');
  });

  it('falls back to the browser zone for an unknown profile zone', () => {
    expect(resolveTimeZone('Mars/Olympus_Mons')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(resolveTimeZone('Europe/Istanbul')).toBe('Europe/Istanbul');
  });
});
