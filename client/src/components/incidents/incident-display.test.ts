import { describe, expect, it } from 'vitest';
import { deliveryColor, findingNumbers, incidentChartRange, incidentColor } from './incident-display.ts';

describe('incident display', () => {
  it('colours by status and severity: resolved green, critical red, warning amber', () => {
    expect(incidentColor({ status: 'RESOLVED', severity: 'CRITICAL' })).toBe('green');
    expect(incidentColor({ status: 'ACKNOWLEDGED', severity: 'CRITICAL' })).toBe('red');
    expect(incidentColor({ status: 'OPEN', severity: 'WARNING' })).toBe('orange');
    expect(deliveryColor('FAILED')).toBe('red');
    expect(deliveryColor('SENT')).toBe('green');
  });

  it('charts from 30 min before the incident to 10 min after it resolved, or to now while open', () => {
    const openedAt = new Date('2026-12-01T10:00:00Z');
    const now = new Date('2026-12-01T12:00:00Z');
    expect(incidentChartRange({ openedAt, resolvedAt: null }, now)).toEqual({ from: new Date('2026-12-01T09:30:00Z'), to: now });
    expect(incidentChartRange({ openedAt, resolvedAt: new Date('2026-12-01T10:20:00Z') }, now)).toEqual({ from: new Date('2026-12-01T09:30:00Z'), to: new Date('2026-12-01T10:30:00Z') });
  });

  it('formats rates as percentages and counts as numbers', () => {
    expect(findingNumbers({ errors: 40, total: 100, errorRate: 0.4, threshold: 0.2, expected: null }, 'en')).toBe('errors 40 · total 100 · errorRate 40% · threshold 20%');
  });
});
