// Error classes from the providers' own codes (issue 6).
import { describe, expect, it } from 'vitest';
import { classifyError } from '../server/integrations/classify-error.ts';
import { errorFingerprint, maskErrorMessage } from '../server/integrations/error-fingerprint.ts';
import { histogramQuantile, latencyBucket, LATENCY_BOUNDS_MS, HISTOGRAM_SIZE } from '../server/integrations/latency-histogram.ts';

const c = (provider: string, errorCode?: string, errorMessage?: string, tier: 'STANDARD' | 'NON_BLOCKING' = 'STANDARD') =>
  classifyError({ provider, tier, errorCode, errorMessage });

describe('[IH][CLASSIFY]', () => {
  it.each([
    ['google_calendar', 'rateLimitExceeded', 'rate_limit'],
    ['google_calendar', 'userRateLimitExceeded', 'rate_limit'],
    ['google_calendar', 'quotaExceeded', 'quota'],
    ['google_calendar', 'invalid_grant', 'auth'],
    ['google_calendar', 'backendError', 'provider_5xx'],
    ['smtp', '550', 'bad_request'],
    ['smtp', '535', 'auth'],
    ['smtp', '421', 'rate_limit'],
    ['smtp', '451', 'rate_limit'],
    ['smtp', 'ECONNREFUSED', 'timeout_network'],
    ['twilio', '20003', 'auth'],
    ['twilio', '21211', 'bad_request'],
    ['twilio', '20429', 'rate_limit'],
    ['sendgrid', '401', 'auth'],
    ['mapbox', '429', 'rate_limit'],
    ['mapbox', '422', 'bad_request'],
    ['supabase', '503', 'provider_5xx'],
    ['supabase', '504', 'timeout_network'],
    ['paytr', 'TypeError', 'our_bug'],
  ])('%s %s → %s', (provider, code, expected) => {
    expect(c(provider, code)).toBe(expected);
  });

  it('reads the message when there is no code, trusts the caller’s class, and makes NON_BLOCKING failures soft', () => {
    expect(c('idenfy', undefined, 'Request timed out after 30000 ms')).toBe('timeout_network');
    expect(c('idenfy', undefined, 'Too Many Requests')).toBe('rate_limit');
    expect(classifyError({ provider: 'idenfy', tier: 'CRITICAL', errorClass: 'quota', errorCode: '500' })).toBe('quota');
    expect(c('aws_rekognition', '500', 'InternalServerError', 'NON_BLOCKING')).toBe('soft_fail');
  });

  it('groups messages that differ only in ids and numbers', () => {
    expect(maskErrorMessage('Order 12345 failed after 3.5 s (req 9f1c2d3e-aaaa-4bbb-8ccc-123456789012)')).toBe('Order # failed after # s (req <id>)');
    const a = errorFingerprint({ provider: 'paytr', event: 'paytr_error', errorClass: 'provider_5xx', errorMessage: 'withdraw 991 failed' });
    const b = errorFingerprint({ provider: 'paytr', event: 'paytr_error', errorClass: 'provider_5xx', errorMessage: 'withdraw 12 failed' });
    const other = errorFingerprint({ provider: 'paytr', event: 'paytr_error', errorClass: 'auth', errorMessage: 'withdraw 12 failed' });
    expect(a).toBe(b);
    expect(a).not.toBe(other);
  });

  it('estimates percentiles from the histogram within one bucket', () => {
    const hist = new Array(HISTOGRAM_SIZE).fill(0);
    for (let ms = 1; ms <= 1000; ms++) hist[latencyBucket(ms)]++;
    expect(Math.abs(histogramQuantile(hist, 0.5)! - 500)).toBeLessThanOrEqual(100);
    expect(Math.abs(histogramQuantile(hist, 0.95)! - 950)).toBeLessThanOrEqual(100);
    expect(histogramQuantile(new Array(HISTOGRAM_SIZE).fill(0), 0.5)).toBeNull();
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(LATENCY_BOUNDS_MS.at(-1)! + 1)).toBe(HISTOGRAM_SIZE - 1);
  });
});
