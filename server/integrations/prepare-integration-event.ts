// From a validated event to the row that is stored: redacted (IH-7), classified, fingerprinted.
import type { TIntegrationEvent } from '../../shared/integrations.ts';
import type { CatalogProvider } from './provider-catalog.ts';
import { classifyError } from './classify-error.ts';
import { errorFingerprint } from './error-fingerprint.ts';
import { redactText, redactValue } from './redact.ts';

export type PreparedEvent = {
  provider: string;
  event: string;
  ok: boolean;
  occurredAt: Date;
  latencyMs: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  errorClass: string | null;
  fingerprint: string | null;
  correlationId: string | null;
  subject: string | null;
  jobId: string | null;
  attempt: number;
  /** JSON text, already redacted. */
  metadata: string | null;
  idempotencyKey: string | null;
};

export function prepareIntegrationEvent(e: TIntegrationEvent, provider: CatalogProvider | undefined, now = new Date()): PreparedEvent {
  const ok = e.outcome === 'ok';
  const errorMessage = !ok && e.errorMessage ? redactText(e.errorMessage) : null;
  const errorCode = !ok && e.errorCode ? redactText(e.errorCode) : null;
  const errorClass = ok
    ? null
    : classifyError({ provider: e.provider, tier: provider?.tier, errorClass: e.errorClass, errorCode: e.errorCode, errorMessage: e.errorMessage });
  return {
    provider: e.provider,
    event: e.event,
    ok,
    occurredAt: e.occurredAt ?? now,
    latencyMs: e.latencyMs ?? null,
    errorCode,
    errorMessage,
    errorClass,
    fingerprint: errorClass ? errorFingerprint({ provider: e.provider, event: e.event, errorClass, errorMessage }) : null,
    correlationId: e.correlationId ?? null,
    subject: e.subject ? redactText(e.subject) : null,
    jobId: e.jobId ?? null,
    attempt: e.attempt ?? 1,
    metadata: e.metadata ? JSON.stringify(redactValue(e.metadata)) : null,
    idempotencyKey: e.idempotencyKey ?? null,
  };
}
