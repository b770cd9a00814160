import { describe, expect, it } from 'vitest';
import { formatLatency, formatRate, statusDisplay } from './health-status.ts';

describe('provider status on screen', () => {
  it('uses one colour per status, and grey (never green) for no data', () => {
    expect(statusDisplay({ status: 'healthy', tier: 'CORE' })).toMatchObject({ color: 'green', labelKey: 'health.status.healthy' });
    expect(statusDisplay({ status: 'degraded', tier: 'CRITICAL' })).toMatchObject({ color: 'yellow', labelKey: 'health.status.degraded' });
    expect(statusDisplay({ status: 'failing', tier: 'CRITICAL' })).toMatchObject({ color: 'red', labelKey: 'health.status.failing' });
    expect(statusDisplay({ status: 'no_data', tier: 'STANDARD' })).toMatchObject({ color: 'gray', labelKey: 'health.status.no_data' });
  });

  it('never shows an outage for a NON_BLOCKING provider: soft failures, amber at worst (IH-6)', () => {
    expect(statusDisplay({ status: 'degraded', tier: 'NON_BLOCKING' })).toEqual({
      status: 'degraded',
      color: 'yellow',
      labelKey: 'health.status.softFailing',
      rateKey: 'health.card.softFailRate',
    });
    expect(statusDisplay({ status: 'failing', tier: 'NON_BLOCKING' })).toMatchObject({ status: 'degraded', color: 'yellow', labelKey: 'health.status.softFailing' });
    expect(statusDisplay({ status: 'no_data', tier: 'NON_BLOCKING' })).toMatchObject({ color: 'gray', rateKey: 'health.card.softFailRate' });
    expect(statusDisplay({ status: 'failing', tier: 'CORE' }).rateKey).toBe('health.card.errorRate');
  });

  it('formats rates so that a few errors never read as 0% and no traffic is not a number', () => {
    expect(formatRate(null, 'en')).toBeNull();
    expect(formatRate(0, 'en')).toBe('0%');
    expect(formatRate(0.0001, 'en')).toBe('<0.1%');
    expect(formatRate(0.004, 'en')).toBe('0.4%');
    expect(formatRate(0.4, 'en')).toBe('40%');
    expect(formatRate(0.004, 'tr')).toBe('%0,4');
  });

  it('formats latency in ms or seconds', () => {
    expect(formatLatency(null, 'en')).toBeNull();
    expect(formatLatency(87.4, 'en')).toBe('87 ms');
    expect(formatLatency(1234, 'en')).toBe('1.2 s');
    expect(formatLatency(1234, 'tr')).toBe('1,2 s');
  });
});
