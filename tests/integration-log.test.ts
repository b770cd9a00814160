// The in-process writer: never throws into the caller, buffers, flushes, times provider calls.
import { describe, expect, it } from 'vitest';
import { getPool } from '../server/db.ts';
import {
  flushIntegrationEvents,
  logIntegrationEvent,
  pendingIntegrationEvents,
  providerErrorCode,
  withIntegrationEvent,
} from '../server/integrations/log-integration-event.ts';

const rowsFor = async (correlationId: string) =>
  (
    await getPool().query(
      'SELECT provider, event, ok, latency_ms, error_code, error_class, error_message, source, attempt FROM integration_events WHERE correlation_id = $1 ORDER BY id',
      [correlationId],
    )
  ).rows;

describe('[IH-2][LOG] in-process writer', () => {
  it('returns at once and writes on flush, as source "internal"', async () => {
    const correlationId = `log-${Date.now()}`;
    logIntegrationEvent({ provider: 'smtp', event: 'smtp_email_sent', outcome: 'ok', latencyMs: 42, correlationId });
    expect(pendingIntegrationEvents()).toBeGreaterThan(0);
    expect(await rowsFor(correlationId)).toEqual([]);
    await flushIntegrationEvents();
    expect(pendingIntegrationEvents()).toBe(0);
    expect(await rowsFor(correlationId)).toEqual([
      { provider: 'smtp', event: 'smtp_email_sent', ok: true, latency_ms: 42, error_code: null, error_class: null, error_message: null, source: 'internal', attempt: 1 },
    ]);
  });

  it('never throws for invalid events or unknown providers, and writes the valid ones beside them', async () => {
    const correlationId = `log-bad-${Date.now()}`;
    expect(() => logIntegrationEvent({ provider: 'Not A Key', event: '', outcome: 'ok' } as never)).not.toThrow();
    expect(() => logIntegrationEvent({ provider: 'unknown_provider', event: 'x_ok', outcome: 'ok', correlationId })).not.toThrow();
    logIntegrationEvent({ provider: 'ics_feed', event: 'ics_feed_served', outcome: 'ok', correlationId });
    await flushIntegrationEvents();
    expect((await rowsFor(correlationId)).map((r) => r.provider)).toEqual(['ics_feed']);
  });

  it('a provider error holding a NUL or half a surrogate pair is written with U+FFFD, and does not hold back the batch', async () => {
    const correlationId = `log-text-${Date.now()}`;
    const names = { ok: 'smtp_email_sent', error: 'smtp_error' };
    // 1999 units and an emoji: the 2000-unit cut keeps only its high half.
    const cut = `${'x'.repeat(1999)}\u{1F4C5}`;
    await expect(withIntegrationEvent('smtp', names, async () => Promise.reject(new Error(cut)), { correlationId })).rejects.toThrow();
    logIntegrationEvent({ provider: 'smtp', event: 'smtp_error', outcome: 'error', errorMessage: 'reply a\u0000b', metadata: { 'k\u0000': 1 }, correlationId });
    logIntegrationEvent({ provider: 'smtp', event: 'smtp_error', outcome: 'error', metadata: { reply: 'v\udc00' }, correlationId });
    logIntegrationEvent({ provider: 'smtp', event: 'smtp_email_sent', outcome: 'ok', metadata: { title: 'Toplantı \u{1F4C5}' }, correlationId });
    await flushIntegrationEvents();
    expect(pendingIntegrationEvents()).toBe(0);
    const { rows } = await getPool().query('SELECT error_message, metadata FROM integration_events WHERE correlation_id = $1 ORDER BY id', [correlationId]);
    expect(rows).toEqual([
      { error_message: `${'x'.repeat(1999)}\uFFFD`, metadata: null },
      { error_message: 'reply a\uFFFDb', metadata: { 'k\uFFFD': 1 } },
      { error_message: null, metadata: { reply: 'v\uFFFD' } },
      { error_message: null, metadata: { title: 'Toplantı \u{1F4C5}' } },
    ]);
  });

  it('withIntegrationEvent times the call, logs ok or a classified error, and passes the result or error through', async () => {
    const correlationId = `wrap-${Date.now()}`;
    const names = { ok: 'gcal_event_upserted', error: 'gcal_error' };
    await expect(withIntegrationEvent('google_calendar', names, async () => 'done', { correlationId })).resolves.toBe('done');
    const failure = Object.assign(new Error('Rate Limit Exceeded'), { reason: 'rateLimitExceeded', status: 403 });
    await expect(withIntegrationEvent('google_calendar', names, async () => Promise.reject(failure), { correlationId, attempt: 2 })).rejects.toBe(failure);
    await flushIntegrationEvents();
    const rows = await rowsFor(correlationId);
    expect(rows).toEqual([
      expect.objectContaining({ event: 'gcal_event_upserted', ok: true, error_class: null }),
      expect.objectContaining({ event: 'gcal_error', ok: false, error_code: 'rateLimitExceeded', error_class: 'rate_limit', error_message: 'Rate Limit Exceeded', attempt: 2 }),
    ]);
    expect(rows.every((r) => typeof r.latency_ms === 'number')).toBe(true);
  });

  it('reads the provider code from the shapes libraries throw', () => {
    expect(providerErrorCode(Object.assign(new Error('x'), { responseCode: 550, code: 'EENVELOPE' }))).toBe('550');
    expect(providerErrorCode(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(providerErrorCode({ response: { status: 410 } })).toBe('410');
    expect(providerErrorCode('boom')).toBeUndefined();
  });
});
