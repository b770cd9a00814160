// What a failed Google call means for the sync, decided in one place from the status and the
// reason Google puts in its error body ({"error":{"errors":[{"reason":"rateLimitExceeded"}]}}),
// or the OAuth error ({"error":"invalid_grant"}) of the token endpoint.
export type GoogleFailureKind =
  | 'rate_limit' // 403 rate/userRateLimitExceeded, 429: retry with backoff, honouring Retry-After
  | 'quota' // 403 quotaExceeded / dailyLimitExceeded: a long cool-down
  | 'server' // 5xx, network: retry with backoff
  | 'auth' // 401: refresh once, then REAUTH_REQUIRED
  | 'invalid_grant' // refresh refused: REAUTH_REQUIRED
  | 'gone' // 410: sync token expired (fullSyncRequired) or event deleted
  | 'conflict' // 412 conditionNotMet: etag mismatch
  | 'duplicate' // 409: a client-generated id already exists
  | 'not_found'
  | 'client'; // other 4xx: permanent

export type GoogleFailure = {
  kind: GoogleFailureKind;
  status?: number;
  reason?: string;
  message: string;
  retryAfterMs?: number;
};

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded']);

type ErrorLike = {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; data?: unknown; headers?: unknown };
};

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name] ?? (headers as Record<string, unknown>)[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After is seconds or an HTTP date (RFC 9110). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function classifyGoogleError(error: unknown): GoogleFailure {
  const e = (error ?? {}) as ErrorLike;
  const status = e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined);
  const data = e.response?.data as
    | { error?: string | { message?: string; errors?: { reason?: string; message?: string }[]; status?: string }; error_description?: string }
    | undefined;
  let reason: string | undefined;
  let message = e.message ?? String(error);
  if (data && typeof data.error === 'object') {
    reason = data.error.errors?.[0]?.reason;
    message = data.error.message ?? message;
  } else if (data && typeof data.error === 'string') {
    reason = data.error;
    message = data.error_description ? `${data.error}: ${data.error_description}` : data.error;
  }
  const retryAfterMs = parseRetryAfter(header(e.response?.headers, 'retry-after'));
  const failure = (kind: GoogleFailureKind): GoogleFailure => ({ kind, status, reason, message, retryAfterMs });

  if (reason === 'invalid_grant') return failure('invalid_grant');
  if (status === undefined) return failure('server'); // no answer: connection refused, reset, timeout
  if (status === 429 || (status === 403 && reason && RATE_REASONS.has(reason))) return failure('rate_limit');
  if (status === 403 && reason && QUOTA_REASONS.has(reason)) return failure('quota');
  if (status >= 500) return failure('server');
  if (status === 401) return failure('auth');
  if (status === 410) return failure('gone');
  if (status === 412) return failure('conflict');
  if (status === 409) return failure('duplicate');
  if (status === 404) return failure('not_found');
  return failure('client');
}

/** Thrown out of sync jobs so the job's backoff knows how long to wait (see google-backoff.ts). */
export class GoogleSyncError extends Error {
  constructor(readonly failure: GoogleFailure) {
    super(`${failure.status ?? 'network'} ${failure.reason ?? failure.kind}: ${failure.message}`);
    this.name = 'GoogleSyncError';
  }

  get retryable(): boolean {
    return ['rate_limit', 'server', 'quota'].includes(this.failure.kind);
  }
}
