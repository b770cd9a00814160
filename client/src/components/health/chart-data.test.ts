import { describe, expect, it } from 'vitest';
import type { TSeriesPoint } from '../../../../shared/integration-health.ts';
import { bucketRange, chartDensity, isIsolated, defaultVisibleKeys, overviewRows, providerRows, rateAxisMax } from './chart-data.ts';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const MIN = 60_000;
const pt = (i: number, total: number, errors: number, extra: Partial<TSeriesPoint> = {}): TSeriesPoint => ({
  t: T0 + i * MIN,
  total,
  errors,
  errorRate: total ? errors / total : null,
  p50Ms: total ? 100 : null,
  p95Ms: total ? 300 : null,
  ...extra,
});

describe('overview chart rows', () => {
  it('puts every provider of a bucket on one row with its rate and its counts; gaps stay null', () => {
    const rows = overviewRows([
      { key: 'mapbox', points: [pt(0, 10, 4), pt(1, 0, 0)] },
      { key: 'smtp', points: [pt(0, 5, 0), pt(1, 8, 2)] },
    ]);
    expect(rows).toEqual([
      { t: T0, rates: { mapbox: 0.4, smtp: 0 }, counts: { mapbox: { errors: 4, total: 10 }, smtp: { errors: 0, total: 5 } } },
      { t: T0 + MIN, rates: { mapbox: null, smtp: 0.25 }, counts: { mapbox: { errors: 0, total: 0 }, smtp: { errors: 2, total: 8 } } },
    ]);
    expect(overviewRows([])).toEqual([]);
  });

  it('shows the worst providers with traffic first, at most five', () => {
    const order = ['a', 'b', 'quiet', 'c', 'd', 'e', 'f'].map((provider) => ({ provider, volume: provider === 'quiet' ? 0 : 10 }));
    expect(defaultVisibleKeys(order, ['a', 'b', 'c', 'd', 'e', 'f', 'quiet'])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(defaultVisibleKeys(order, ['f', 'b'])).toEqual(['b', 'f']);
  });

  it('turns dots and animation off for dense series', () => {
    expect(chartDensity(24, 3)).toEqual({ dots: true, animate: true });
    expect(chartDensity(60, 1)).toEqual({ dots: false, animate: true });
    expect(chartDensity(300, 1)).toEqual({ dots: false, animate: false });
    expect(chartDensity(33, 5)).toEqual({ dots: false, animate: false });
    expect(chartDensity(33, 18)).toEqual({ dots: false, animate: false });
  });

  it('finds the values a line alone would not draw', () => {
    const values = [null, 0.2, null, 0.1, 0.3, null, 0];
    expect(values.map((_, i) => isIsolated(values, i))).toEqual([false, true, false, false, false, false, true]);
  });

  it('scales the rate axis to tidy steps with a floor of 1%', () => {
    expect(rateAxisMax([{ rates: { a: 0.002, b: null } }])).toBe(0.01);
    expect(rateAxisMax([{ rates: { a: 0.03, b: 0.4 } }], ['a'])).toBe(0.05);
    expect(rateAxisMax([{ rate: 0.12, prevRate: 0.3 }])).toBe(0.5);
    expect(rateAxisMax([{ rate: null }])).toBe(0.01);
  });
});

describe('provider page rows', () => {
  const base = { from: new Date(T0), to: new Date(T0 + 3 * MIN), bucketMs: MIN };

  it('lays the previous period over the current one bucket for bucket', () => {
    const rows = providerRows(
      {
        ...base,
        series: [{ key: 'mapbox', points: [pt(0, 10, 1), pt(1, 0, 0), pt(2, 4, 4)] }],
        previous: { from: new Date(T0 - 3 * MIN), to: new Date(T0), series: [{ key: 'mapbox', points: [pt(-3, 8, 2), pt(-2, 8, 0), pt(-1, 0, 0)] }] },
      },
      'mapbox',
    );
    expect(rows.map((r) => [r.rate, r.prevRate, r.prevTotal])).toEqual([
      [0.1, 0.25, 8],
      [null, 0, 8],
      [1, null, 0],
    ]);
    expect(rows[0]).toMatchObject({ t: T0, prevT: T0 - 3 * MIN, errors: 1, total: 10, p95Ms: 300 });
  });

  it('gives empty buckets for a provider with no traffic, and no previous fields unless asked', () => {
    const quiet = providerRows({ ...base, series: [], previous: { from: new Date(T0 - 3 * MIN), to: new Date(T0), series: [] } }, 'mapbox');
    expect(quiet.map((r) => [r.t, r.rate, r.total, r.prevRate, r.prevTotal])).toEqual([
      [T0, null, 0, null, 0],
      [T0 + MIN, null, 0, null, 0],
      [T0 + 2 * MIN, null, 0, null, 0],
    ]);
    const plain = providerRows({ ...base, series: [{ key: 'mapbox', points: [pt(0, 1, 0)] }], previous: null }, 'mapbox');
    expect(plain[0]).not.toHaveProperty('prevRate');
  });

  it('turns a clicked bucket into the event list range', () => {
    expect(bucketRange(T0, 5 * MIN)).toEqual({ from: new Date(T0), to: new Date(T0 + 5 * MIN) });
  });
});
