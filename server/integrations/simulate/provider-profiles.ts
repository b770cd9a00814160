// How each catalog provider behaves in simulated traffic: volume at the weekday peak, latency
// (p50/p95 of a log-normal), baseline error rate and the errors it really returns, worded as
// the provider words them. Numbers are plausible for a small Turkish consumer app with a legal
// CRM beside it, not measured from anyone's production. Messages carry no e-mail addresses or
// phone numbers: the simulator must not teach anyone to log them (IH-7).
import type { TErrorClass } from '../../../shared/integrations.ts';

export type ErrorTemplate = {
  code: string;
  message: string;
  weight: number;
  /** Sent only where the code alone would be classified wrongly (as a real sender would). */
  errorClass?: TErrorClass;
  /** fast: rejected before any work (429, 401); timeout: the call ran into the client's limit. */
  latency?: 'fast' | 'timeout';
  /** Whether the caller retries it (rate limits, 5xx, timeouts; not a bad number or a bounce). */
  retryable?: boolean;
  /** The shape an outage takes: incident mode draws mostly from these. */
  incident?: boolean;
};

export type ProviderProfile = {
  provider: string;
  /** Operations per minute at the weekday peak (Europe/Istanbul afternoon) at rate 1. */
  peakPerMinute: number;
  /** Weekend volume as a share of the weekday volume at the same hour. */
  weekendFactor: number;
  latency: { p50: number; p95: number };
  /** What a timed-out call reports as its latency. */
  timeoutMs: number;
  /** Share of first attempts that fail on an ordinary day. */
  errorRate: number;
  /** Successful operations, by share; every name is one of the provider's knownEvents. */
  operations: ReadonlyArray<{ event: string; weight: number }>;
  errorEvent: string;
  errors: readonly ErrorTemplate[];
  /** Share of retryable failures the caller retries once (attempt 2, same correlation id). */
  retryShare: number;
  /** consumer: the mobile app's evening-heavy day; business: the CRM's office hours. */
  curve: 'consumer' | 'business';
  /** Called from a background job (the event carries a job id). */
  fromJobs?: boolean;
  /** Calls not made on behalf of one user carry no subject. */
  noSubject?: boolean;
};

const e = (code: string, message: string, weight: number, more: Omit<ErrorTemplate, 'code' | 'message' | 'weight'> = {}): ErrorTemplate => ({
  code,
  message,
  weight,
  ...more,
});

export const PROVIDER_PROFILES: readonly ProviderProfile[] = [
  {
    provider: 'supabase',
    peakPerMinute: 240,
    weekendFactor: 0.8,
    curve: 'consumer',
    latency: { p50: 40, p95: 150 },
    timeoutMs: 8_000,
    errorRate: 0.002,
    operations: [
      { event: 'supabase_rpc_ok', weight: 0.85 },
      { event: 'supabase_auth_ok', weight: 0.15 },
    ],
    errorEvent: 'supabase_error',
    errors: [
      e('503', 'Service Unavailable: upstream connect error or disconnect/reset before headers', 3, { retryable: true, incident: true }),
      e('PGRST301', 'JWT expired', 3, { errorClass: 'auth', latency: 'fast' }),
      e('PGRST116', 'JSON object requested, multiple (or no) rows returned', 2),
      e('57014', 'canceling statement due to statement timeout', 1, { latency: 'timeout', retryable: true, incident: true }),
      e('429', 'Too many requests: rate limit exceeded for auth endpoint', 1, { latency: 'fast', retryable: true }),
    ],
    retryShare: 0.6,
  },
  {
    provider: 'mapbox',
    peakPerMinute: 130,
    weekendFactor: 0.85,
    curve: 'consumer',
    latency: { p50: 80, p95: 300 },
    timeoutMs: 10_000,
    errorRate: 0.005,
    operations: [
      { event: 'mapbox_autocomplete_ok', weight: 0.55 },
      { event: 'mapbox_geocode_ok', weight: 0.25 },
      { event: 'mapbox_map_loaded', weight: 0.2 },
    ],
    errorEvent: 'mapbox_error',
    errors: [
      e('429', 'Rate limit exceeded: too many requests', 3, { latency: 'fast', retryable: true }),
      e('422', 'Query too long: the search text exceeds 256 characters or 20 words', 3, { latency: 'fast' }),
      e('401', 'Not Authorized - Invalid Token', 0.5, { latency: 'fast' }),
      e('503', 'Service Unavailable', 1, { retryable: true, incident: true }),
      e('ETIMEDOUT', 'connect ETIMEDOUT api.mapbox.com:443', 1, { latency: 'timeout', retryable: true, incident: true }),
    ],
    retryShare: 0.5,
  },
  {
    provider: 'paytr',
    peakPerMinute: 4,
    weekendFactor: 1.05,
    curve: 'consumer',
    latency: { p50: 400, p95: 1_500 },
    timeoutMs: 30_000,
    errorRate: 0.012,
    operations: [
      { event: 'paytr_payment_ok', weight: 0.8 },
      { event: 'paytr_withdraw_initiated', weight: 0.2 },
    ],
    errorEvent: 'paytr_error',
    errors: [
      e('502', 'Bad Gateway from bank gateway', 2, { retryable: true, incident: true }),
      e('ETIMEDOUT', 'PayTR request timed out after 30000 ms', 2, { latency: 'timeout', retryable: true, incident: true }),
      e('hash_mismatch', 'paytr_token hash mismatch: check merchant_salt and merchant_key', 0.5, { errorClass: 'our_bug', latency: 'fast' }),
      e('card_declined', 'Kart limiti yetersiz (insufficient card limit)', 4),
      e('3d_failed', '3D Secure verification failed', 2),
    ],
    retryShare: 0.3,
  },
  {
    provider: 'idenfy',
    peakPerMinute: 1.5,
    weekendFactor: 0.9,
    curve: 'consumer',
    latency: { p50: 900, p95: 3_500 },
    timeoutMs: 30_000,
    errorRate: 0.01,
    operations: [
      { event: 'idenfy_session_created', weight: 0.55 },
      { event: 'idenfy_verification_completed', weight: 0.45 },
    ],
    errorEvent: 'idenfy_error',
    errors: [
      e('400', 'Invalid document type for the selected country', 3),
      e('429', 'Too Many Requests', 1, { latency: 'fast', retryable: true }),
      e('500', 'Internal Server Error', 1, { retryable: true, incident: true }),
      e('ETIMEDOUT', 'iDenfy session request timed out', 1, { latency: 'timeout', retryable: true, incident: true }),
    ],
    retryShare: 0.5,
  },
  {
    provider: 'twilio',
    peakPerMinute: 14,
    weekendFactor: 0.8,
    curve: 'consumer',
    latency: { p50: 250, p95: 900 },
    timeoutMs: 15_000,
    errorRate: 0.012,
    operations: [
      { event: 'twilio_sms_sent', weight: 0.6 },
      { event: 'twilio_otp_verified', weight: 0.4 },
    ],
    errorEvent: 'twilio_error',
    errors: [
      e('21211', "Invalid 'To' Phone Number", 4, { latency: 'fast' }),
      e('30003', 'Unreachable destination handset', 3),
      e('30005', 'Unknown destination handset', 1),
      e('20429', 'Too Many Requests', 1, { latency: 'fast', retryable: true }),
      e('30008', 'Unknown error', 1, { retryable: true, incident: true }),
      e('20500', 'Internal Server Error', 0.5, { retryable: true, incident: true }),
    ],
    retryShare: 0.5,
    fromJobs: true,
  },
  {
    provider: 'sendgrid',
    peakPerMinute: 18,
    weekendFactor: 0.6,
    curve: 'consumer',
    latency: { p50: 120, p95: 450 },
    timeoutMs: 10_000,
    errorRate: 0.008,
    operations: [{ event: 'sendgrid_email_sent', weight: 1 }],
    errorEvent: 'sendgrid_error',
    errors: [
      e('429', 'Too many requests', 2, { latency: 'fast', retryable: true }),
      e('550', '550 5.1.1 The email account that you tried to reach does not exist (bounce)', 4, { errorClass: 'bad_request' }),
      e('552', '552 5.2.2 Mailbox full (bounce)', 1, { errorClass: 'quota' }),
      e('401', 'The provided authorization grant is invalid, expired, or revoked', 0.3, { latency: 'fast' }),
      e('500', 'Internal Server Error', 1, { retryable: true, incident: true }),
      e('ECONNRESET', 'socket hang up', 0.5, { retryable: true, incident: true }),
    ],
    retryShare: 0.6,
    fromJobs: true,
  },
  {
    provider: 'posthog',
    peakPerMinute: 90,
    weekendFactor: 0.8,
    curve: 'consumer',
    latency: { p50: 60, p95: 220 },
    timeoutMs: 10_000,
    errorRate: 0.003,
    operations: [{ event: 'posthog_event_captured', weight: 1 }],
    errorEvent: 'posthog_error',
    errors: [
      e('503', 'Service Unavailable', 2, { retryable: true, incident: true }),
      e('ETIMEDOUT', 'connect ETIMEDOUT eu.i.posthog.com:443', 1, { latency: 'timeout', retryable: true, incident: true }),
      e('400', 'Invalid payload: event name is required', 1, { latency: 'fast' }),
    ],
    retryShare: 0.4,
  },
  {
    provider: 'sentry',
    peakPerMinute: 6,
    weekendFactor: 0.8,
    curve: 'consumer',
    latency: { p50: 90, p95: 350 },
    timeoutMs: 10_000,
    errorRate: 0.005,
    operations: [{ event: 'sentry_event_sent', weight: 1 }],
    errorEvent: 'sentry_error',
    errors: [
      e('429', 'Rate limited: event dropped by project rate limit', 3, { latency: 'fast' }),
      e('413', 'Event too large: envelope exceeds 1 MB', 1, { latency: 'fast' }),
      e('503', 'Service Unavailable', 1, { retryable: true, incident: true }),
    ],
    retryShare: 0.2,
    noSubject: true,
  },
  {
    provider: 'openai',
    peakPerMinute: 12,
    weekendFactor: 0.85,
    curve: 'consumer',
    latency: { p50: 700, p95: 3_000 },
    timeoutMs: 60_000,
    errorRate: 0.015,
    operations: [
      { event: 'openai_moderation_ok', weight: 0.7 },
      { event: 'openai_completion_ok', weight: 0.3 },
    ],
    errorEvent: 'openai_error',
    errors: [
      e('429', 'Rate limit reached for gpt-4o-mini on requests per min (RPM)', 3, { latency: 'fast', retryable: true }),
      e('503', 'The engine is currently overloaded, please try again later', 2, { retryable: true, incident: true }),
      e('500', 'The server had an error while processing your request', 1, { retryable: true, incident: true }),
      e('ETIMEDOUT', 'Request timed out', 1, { latency: 'timeout', incident: true }),
    ],
    retryShare: 0.4,
  },
  {
    provider: 'cloudflare',
    peakPerMinute: 25,
    weekendFactor: 0.9,
    curve: 'consumer',
    latency: { p50: 150, p95: 700 },
    timeoutMs: 30_000,
    errorRate: 0.003,
    operations: [{ event: 'cloudflare_upload_ok', weight: 1 }],
    errorEvent: 'cloudflare_error',
    errors: [
      e('413', 'Payload Too Large: image exceeds 10 MB', 2, { latency: 'fast' }),
      e('524', 'A timeout occurred (origin did not respond in 100 s)', 1, { errorClass: 'timeout_network', latency: 'timeout', retryable: true, incident: true }),
      e('522', 'Connection timed out', 1, { errorClass: 'timeout_network', retryable: true, incident: true }),
      e('403', 'Forbidden: signed upload URL expired', 1, { latency: 'fast' }),
    ],
    retryShare: 0.5,
  },
  {
    provider: 'vercel',
    peakPerMinute: 60,
    weekendFactor: 0.85,
    curve: 'consumer',
    latency: { p50: 70, p95: 400 },
    timeoutMs: 10_000,
    errorRate: 0.002,
    operations: [{ event: 'vercel_function_ok', weight: 1 }],
    errorEvent: 'vercel_error',
    errors: [
      e('504', 'FUNCTION_INVOCATION_TIMEOUT', 2, { latency: 'timeout', retryable: true, incident: true }),
      e('500', 'FUNCTION_INVOCATION_FAILED', 2, { retryable: true, incident: true }),
      e('429', 'Too Many Requests', 1, { latency: 'fast', retryable: true }),
    ],
    retryShare: 0.3,
    noSubject: true,
  },
  {
    provider: 'expo_push',
    peakPerMinute: 20,
    weekendFactor: 0.9,
    curve: 'consumer',
    latency: { p50: 180, p95: 600 },
    timeoutMs: 10_000,
    errorRate: 0.015,
    operations: [{ event: 'expo_push_sent', weight: 1 }],
    errorEvent: 'expo_push_error',
    errors: [
      e('DeviceNotRegistered', 'The recipient device is not registered with FCM or APNs', 6, { errorClass: 'bad_request' }),
      e('MessageRateExceeded', 'Too many requests: message rate exceeded for this device', 1, { errorClass: 'rate_limit', latency: 'fast', retryable: true }),
      e('503', 'Service Unavailable', 1, { retryable: true, incident: true }),
    ],
    retryShare: 0.5,
    fromJobs: true,
  },
  {
    provider: 'apple_push',
    peakPerMinute: 8,
    weekendFactor: 0.9,
    curve: 'consumer',
    latency: { p50: 110, p95: 400 },
    timeoutMs: 10_000,
    errorRate: 0.01,
    operations: [{ event: 'apple_push_sent', weight: 1 }],
    errorEvent: 'apple_push_error',
    errors: [
      e('410', 'Unregistered', 4, { errorClass: 'bad_request' }),
      e('400', 'BadDeviceToken', 2, { latency: 'fast' }),
      e('403', 'ExpiredProviderToken', 0.5, { latency: 'fast' }),
      e('503', 'ServiceUnavailable', 1, { retryable: true, incident: true }),
    ],
    retryShare: 0.5,
    fromJobs: true,
  },
  {
    provider: 'google_push',
    peakPerMinute: 12,
    weekendFactor: 0.9,
    curve: 'consumer',
    latency: { p50: 90, p95: 350 },
    timeoutMs: 10_000,
    errorRate: 0.012,
    operations: [{ event: 'google_push_sent', weight: 1 }],
    errorEvent: 'google_push_error',
    errors: [
      e('404', 'UNREGISTERED: Requested entity was not found', 5),
      e('429', 'QUOTA_EXCEEDED: sending rate for this device exceeded', 1, { latency: 'fast', retryable: true }),
      e('503', 'UNAVAILABLE: The service is currently unavailable', 1, { retryable: true, incident: true }),
      e('401', 'THIRD_PARTY_AUTH_ERROR', 0.3, { latency: 'fast' }),
    ],
    retryShare: 0.5,
    fromJobs: true,
  },
  {
    provider: 'aws_rekognition',
    peakPerMinute: 10,
    weekendFactor: 0.9,
    curve: 'consumer',
    latency: { p50: 300, p95: 1_100 },
    timeoutMs: 15_000,
    errorRate: 0.005,
    operations: [{ event: 'rekognition_moderation_ok', weight: 1 }],
    errorEvent: 'rekognition_error',
    errors: [
      e('ThrottlingException', 'Rate exceeded', 2, { latency: 'fast', retryable: true }),
      e('ProvisionedThroughputExceededException', 'The number of requests exceeded your throughput limit', 1, { latency: 'fast', retryable: true }),
      e('ImageTooLargeException', 'The input image size exceeds the allowed limit of 5 MB', 2, { latency: 'fast' }),
      e('InternalServerError', 'Amazon Rekognition experienced a service issue', 1, { retryable: true, incident: true }),
    ],
    retryShare: 0.5,
  },
  {
    provider: 'google_calendar',
    peakPerMinute: 8,
    weekendFactor: 0.35,
    curve: 'business',
    latency: { p50: 220, p95: 800 },
    timeoutMs: 20_000,
    errorRate: 0.01,
    operations: [
      { event: 'gcal_event_upserted', weight: 0.4 },
      { event: 'gcal_events_listed', weight: 0.4 },
      { event: 'gcal_event_deleted', weight: 0.08 },
      { event: 'gcal_token_refreshed', weight: 0.1 },
      { event: 'gcal_watch_renewed', weight: 0.02 },
    ],
    errorEvent: 'gcal_error',
    errors: [
      e('rateLimitExceeded', 'Rate Limit Exceeded', 3, { latency: 'fast', retryable: true }),
      e('invalid_grant', 'Token has been expired or revoked.', 2, { latency: 'fast' }),
      e('backendError', 'Backend Error', 1, { retryable: true, incident: true }),
      e('notFound', 'Not Found', 1, { latency: 'fast' }),
      e('gone', 'Sync token is no longer valid, a full sync is required.', 0.5, { latency: 'fast' }),
    ],
    retryShare: 0.7,
    fromJobs: true,
  },
  {
    provider: 'smtp',
    peakPerMinute: 5,
    weekendFactor: 0.35,
    curve: 'business',
    latency: { p50: 350, p95: 1_400 },
    timeoutMs: 30_000,
    errorRate: 0.008,
    operations: [{ event: 'smtp_email_sent', weight: 1 }],
    errorEvent: 'smtp_error',
    errors: [
      e('421', '421 4.7.0 Try again later, closing connection', 2, { retryable: true }),
      e('550', '550 5.1.1 User unknown', 3),
      e('535', '535 5.7.8 Authentication credentials invalid', 0.3, { latency: 'fast' }),
      e('ECONNREFUSED', 'connect ECONNREFUSED 10.0.4.12:587', 1, { latency: 'fast', retryable: true, incident: true }),
      e('ETIMEDOUT', 'Connection timeout', 1, { latency: 'timeout', retryable: true, incident: true }),
    ],
    retryShare: 0.8,
    fromJobs: true,
  },
  {
    provider: 'webhook',
    peakPerMinute: 1,
    weekendFactor: 0.5,
    curve: 'business',
    latency: { p50: 180, p95: 900 },
    timeoutMs: 10_000,
    errorRate: 0.01,
    operations: [{ event: 'webhook_delivered', weight: 1 }],
    errorEvent: 'webhook_error',
    errors: [
      e('503', 'Webhook answered 503 Service Unavailable', 2, { retryable: true, incident: true }),
      e('404', 'Webhook answered 404 Not Found', 1, { latency: 'fast' }),
      e('ETIMEDOUT', 'The operation was aborted due to timeout', 1, { latency: 'timeout', retryable: true, incident: true }),
    ],
    retryShare: 0.8,
    fromJobs: true,
    noSubject: true,
  },
  {
    provider: 'ics_feed',
    peakPerMinute: 6,
    weekendFactor: 0.5,
    curve: 'business',
    latency: { p50: 25, p95: 120 },
    timeoutMs: 30_000,
    errorRate: 0.001,
    operations: [{ event: 'ics_feed_served', weight: 1 }],
    errorEvent: 'ics_feed_error',
    errors: [
      e('500', 'Feed could not be rendered: internal error', 1, { errorClass: 'our_bug', incident: true }),
      e('ECONNRESET', 'client closed the connection before the feed was sent', 2),
    ],
    retryShare: 0,
  },
];

const BY_PROVIDER = new Map(PROVIDER_PROFILES.map((p) => [p.provider, p]));

export function providerProfile(provider: string): ProviderProfile {
  const profile = BY_PROVIDER.get(provider);
  if (!profile) throw new Error(`No traffic profile for provider "${provider}"; known: ${[...BY_PROVIDER.keys()].join(', ')}`);
  return profile;
}
