// Integration events (IH-1..IH-7): one item schema for the HTTP ingestion API and the
// in-process writer, the error classes every error is sorted into, and the windows the
// health console reads.
import { z } from 'zod';

export const PROVIDER_TIERS = ['CORE', 'CRITICAL', 'STANDARD', 'NON_BLOCKING'] as const;
export const ZProviderTier = z.enum(PROVIDER_TIERS);
export type TProviderTier = z.infer<typeof ZProviderTier>;

export const OUTCOMES = ['ok', 'error'] as const;
export const ZOutcome = z.enum(OUTCOMES);
export type TOutcome = z.infer<typeof ZOutcome>;

export const ERROR_CLASSES = ['auth', 'quota', 'rate_limit', 'provider_5xx', 'timeout_network', 'bad_request', 'our_bug', 'soft_fail'] as const;
export const ZErrorClass = z.enum(ERROR_CLASSES);
export type TErrorClass = z.infer<typeof ZErrorClass>;

export const INGEST_MAX_EVENTS = 1000;
export const INGEST_MAX_BYTES = 1024 * 1024;
export const METADATA_MAX_BYTES = 8 * 1024;
/** Events older than this are refused: they would land outside retention and rollups. */
export const OCCURRED_AT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** Clock skew allowed for senders. */
export const OCCURRED_AT_MAX_FUTURE_MS = 5 * 60 * 1000;

export const PROVIDER_KEY_PATTERN = /^[a-z][a-z0-9_]{1,47}$/;
const EVENT_NAME_PATTERN = /^[a-z][a-z0-9_.]{1,99}$/;

export const ZProviderKey = z
  .string()
  .regex(PROVIDER_KEY_PATTERN, { error: 'Use lower-case letters, digits and _ (2–48 characters), e.g. sendgrid' });

const ZOccurredAt = z
  // The string first: it is what the HTTP API gets, and a union that fails its first option
  // builds that option's issues before trying the next (~0.6 µs of every ingested event).
  .union([z.iso.datetime({ offset: true, error: 'Use an ISO 8601 time with offset, e.g. 2026-11-23T10:00:00Z' }), z.date()])
  .transform((v) => (v instanceof Date ? v : new Date(v)))
  .refine((d) => !Number.isNaN(d.getTime()), { error: 'Not a valid time' })
  .refine((d) => d.getTime() <= Date.now() + OCCURRED_AT_MAX_FUTURE_MS, { error: 'occurredAt is in the future' })
  .refine((d) => d.getTime() >= Date.now() - OCCURRED_AT_MAX_AGE_MS, { error: 'occurredAt is older than 30 days' });

const optionalText = (max: number) => z.string().max(max, { error: `Use at most ${max} characters` }).optional();

export const ZIntegrationEventInput = z.object({
  provider: ZProviderKey,
  event: z.string().regex(EVENT_NAME_PATTERN, { error: 'Use lower-case letters, digits, _ and . , e.g. sendgrid_email_sent' }),
  outcome: ZOutcome,
  occurredAt: ZOccurredAt.optional(),
  latencyMs: z.number().int({ error: 'Use whole milliseconds' }).min(0).max(3_600_000).optional(),
  errorCode: optionalText(100),
  errorMessage: optionalText(2000),
  errorClass: ZErrorClass.optional(),
  correlationId: optionalText(200),
  /** Whom the call was about (a user id): support filters by it. Never an e-mail or phone. */
  subject: optionalText(200),
  jobId: optionalText(200),
  attempt: z.number().int().min(1).max(100).optional(),
  metadata: z
    .record(z.string(), z.unknown())
    .refine((m) => JSON.stringify(m).length <= METADATA_MAX_BYTES, { error: `metadata must be at most ${METADATA_MAX_BYTES} bytes as JSON` })
    .optional(),
  /** Repeats of a key (per API key) are counted once. */
  idempotencyKey: optionalText(200),
});
export type TIntegrationEventInput = z.input<typeof ZIntegrationEventInput>;
export type TIntegrationEvent = z.output<typeof ZIntegrationEventInput>;

export const ZIngestResponse = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ index: z.number().int(), fieldErrors: z.record(z.string(), z.array(z.string())) })),
});
export type TIngestResponse = z.infer<typeof ZIngestResponse>;
