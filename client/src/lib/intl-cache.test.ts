import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat, relativeTimeFormat } from './intl-cache.ts';

describe('intl-cache', () => {
  it('hands out one formatter per locale and options', () => {
    expect(numberFormat('en', { maximumFractionDigits: 1 })).toBe(numberFormat('en', { maximumFractionDigits: 1 }));
    expect(numberFormat('en', { maximumFractionDigits: 1 })).not.toBe(numberFormat('en', { maximumFractionDigits: 0 }));
    expect(numberFormat('en', { maximumFractionDigits: 1 })).not.toBe(numberFormat('tr', { maximumFractionDigits: 1 }));
  });

  it('formats as a freshly built formatter would', () => {
    const at = new Date('2026-11-20T14:05:00Z');
    const opts = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Istanbul' } as const;
    expect(dateTimeFormat('tr', opts).format(at)).toBe(new Intl.DateTimeFormat('tr', opts).format(at));
    expect(dateTimeFormat('en', { ...opts, timeZone: 'UTC' }).format(at)).toBe(new Intl.DateTimeFormat('en', { ...opts, timeZone: 'UTC' }).format(at));
    expect(numberFormat('tr', { style: 'percent', maximumFractionDigits: 1 }).format(0.025)).toBe('%2,5');
    expect(relativeTimeFormat('en', { numeric: 'auto' }).format(-1, 'day')).toBe('yesterday');
  });

  it('does not keep a formatter the runtime refused (an unknown zone throws every time)', () => {
    expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
