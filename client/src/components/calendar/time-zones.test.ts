import { describe, expect, it } from 'vitest';
import { formatUtcOffset, timeZoneOptions, zoneOffset } from './time-zones.ts';

describe('time-zone options', () => {
  it('labels offsets the way people read them', () => {
    expect(formatUtcOffset(180)).toBe('UTC+03:00');
    expect(formatUtcOffset(-300)).toBe('UTC−05:00');
    expect(formatUtcOffset(330)).toBe('UTC+05:30');
    expect(formatUtcOffset(0)).toBe('UTC');
  });

  it('uses the offset in force at the given instant', () => {
    expect(zoneOffset('America/New_York', new Date('2026-03-08T06:59:00Z'))).toBe(-300);
    expect(zoneOffset('America/New_York', new Date('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(zoneOffset('Europe/Istanbul', new Date('2026-07-01T00:00:00Z'))).toBe(180);
    expect(zoneOffset('Mars/Base', new Date())).toBeNull();
  });

  it('orders by offset, always includes UTC and the zones asked for, drops unknown ones', () => {
    const at = new Date('2026-01-15T12:00:00Z');
    const options = timeZoneOptions(at, ['Europe/Istanbul', 'Mars/Base'], ['Asia/Tokyo', 'America/New_York']);
    expect(options.map((o) => o.value)).toEqual(['America/New_York', 'UTC', 'Europe/Istanbul', 'Asia/Tokyo']);
    expect(options.find((o) => o.value === 'America/New_York')?.label).toBe('(UTC−05:00) America/New York');
  });

  it('knows the runtime’s IANA zones', () => {
    const values = timeZoneOptions(new Date()).map((o) => o.value);
    expect(values).toContain('Europe/Istanbul');
    expect(values.length).toBeGreaterThan(300);
  });
});
