import { describe, expect, it } from 'vitest';
import { TIER_THRESHOLDS } from '../../../../shared/provider-catalog.ts';
import { apiKeyStatus, curlExample, exampleEventFor, formatCount, formatPercent, shellQuote, thresholdValues } from './integration-format.ts';

describe('formatPercent', () => {
  it('drops needless decimals and keeps one when it matters', () => {
    expect(formatPercent(0.02, 'en')).toBe('2%');
    expect(formatPercent(0.1, 'en')).toBe('10%');
    expect(formatPercent(0.015, 'en')).toBe('1.5%');
  });

  it('follows the viewer language', () => {
    expect(formatPercent(0.05, 'tr')).toBe('%5');
  });
});

describe('formatCount', () => {
  it('groups thousands per language', () => {
    expect(formatCount(120_000, 'en')).toBe('120,000');
    expect(formatCount(120_000, 'tr')).toBe('120.000');
  });
});

describe('thresholdValues', () => {
  it('reads a critical tier as degraded 2%, failing 10%, min 5 errors', () => {
    expect(thresholdValues(TIER_THRESHOLDS.CRITICAL, 'en')).toEqual({ degraded: '2%', failing: '10%', minErrors: 5 });
  });

  it('says a non-blocking provider never fails instead of showing 101%', () => {
    expect(thresholdValues(TIER_THRESHOLDS.NON_BLOCKING, 'en')).toEqual({ degraded: '10%', failing: null, minErrors: 10 });
  });
});

describe('apiKeyStatus', () => {
  it('is revoked once revokedAt is set', () => {
    expect(apiKeyStatus({ revokedAt: null })).toBe('active');
    expect(apiKeyStatus({ revokedAt: new Date() })).toBe('revoked');
  });
});

describe('exampleEventFor', () => {
  it('prefers a success event the provider already knows', () => {
    expect(exampleEventFor({ key: 'twilio', knownEvents: ['twilio_error', 'twilio_sms_sent'] })).toEqual({ provider: 'twilio', event: 'twilio_sms_sent' });
  });

  it('invents a valid name for a provider with no known events, and defaults to SendGrid', () => {
    expect(exampleEventFor({ key: 'acme_sms', knownEvents: [] })).toEqual({ provider: 'acme_sms', event: 'acme_sms_call_ok' });
    expect(exampleEventFor(undefined)).toEqual({ provider: 'sendgrid', event: 'sendgrid_email_sent' });
  });
});

describe('shellQuote', () => {
  it('survives single quotes', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe('curlExample', () => {
  const text = curlExample({ origin: 'https://ops.example.com/', key: 'odk_abc', provider: 'sendgrid', event: 'sendgrid_email_sent', idempotencyKey: 'k-1' });

  it('posts to the ingestion endpoint of the given origin with the key as a bearer token', () => {
    expect(text.split('\n')[0]).toBe(`curl -X POST 'https://ops.example.com/api/integration-events' \\`);
    expect(text).toContain(`-H 'Authorization: Bearer odk_abc'`);
    expect(text).toContain(`-H 'Content-Type: application/json'`);
  });

  it('sends a body the endpoint accepts', () => {
    const body = text.slice(text.indexOf("-d '") + 4, -1);
    expect(JSON.parse(body)).toEqual({
      events: [{ provider: 'sendgrid', event: 'sendgrid_email_sent', outcome: 'ok', latencyMs: 120, idempotencyKey: 'k-1' }],
    });
  });
});
