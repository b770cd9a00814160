import { describe, expect, it } from 'vitest';
import { formatUtcOffset, listTimeZones, zoneMatches, zoneOffsetMinutes, zoneOption } from './time-zones.ts';

const winter = new Date('2026-01-15T12:00:00Z');
const summer = new Date('2026-07-15T12:00:00Z');

describe('zoneOffsetMinutes', () => {
  it.each([
    ['UTC', winter, 0],
    ['Europe/Istanbul', winter, 180],
    ['Asia/Kolkata', winter, 330],
    ['America/New_York', winter, -300],
    ['America/New_York', summer, -240],
    ['Europe/London', summer, 60],
    ['Australia/Adelaide', winter, 630],
    ['America/St_Johns', winter, -210],
  ])('%s at %s -> %i', (zone, at, expected) => {
    expect(zoneOffsetMinutes(zone, at)).toBe(expected);
  });

  it('is null for a zone the runtime does not know', () => {
    expect(zoneOffsetMinutes('Mars/Olympus_Mons', winter)).toBeNull();
  });
});

describe('formatUtcOffset', () => {
  it.each([
    [0, 'UTC+00:00'],
    [180, 'UTC+03:00'],
    [330, 'UTC+05:30'],
    [-300, 'UTC-05:00'],
    [-570, 'UTC-09:30'],
    [840, 'UTC+14:00'],
  ])('%i -> %s', (minutes, expected) => {
    expect(formatUtcOffset(minutes)).toBe(expected);
  });
});

describe('zoneOption', () => {
  it('labels a zone with spaces for underscores and its offset at that moment', () => {
    expect(zoneOption('America/New_York', summer)).toEqual({
      value: 'America/New_York',
      name: 'America/New York',
      offset: 'UTC-04:00',
      label: 'America/New York (UTC-04:00)',
    });
  });

  it('keeps an unknown zone selectable, without an offset', () => {
    expect(zoneOption('Legacy/Zone', winter)).toMatchObject({ value: 'Legacy/Zone', label: 'Legacy/Zone', offset: '' });
  });
});

describe('listTimeZones', () => {
  it('adds UTC and the extra zones once, sorted', () => {
    expect(listTimeZones(['Europe/Istanbul', 'America/New_York'], ['Europe/Istanbul', 'Asia/Calcutta', null])).toEqual([
      'America/New_York',
      'Asia/Calcutta',
      'Europe/Istanbul',
      'UTC',
    ]);
  });
});

describe('zoneMatches', () => {
  const ny = zoneOption('America/New_York', winter);
  const ist = zoneOption('Europe/Istanbul', winter);
  it.each([
    ['', ny, true],
    ['new york', ny, true],
    ['New_York', ny, true],
    ['america/new', ny, true],
    ['istanbul', ny, false],
    ['UTC-05:00', ny, true],
    ['utc-5', ny, true],
    ['-5', ny, true],
    ['+3', ist, true],
    ['+03:00', ist, true],
    ['+3', ny, false],
  ])('%j matches %s: %s', (query, option, expected) => {
    expect(zoneMatches(option, query)).toBe(expected);
  });
});
