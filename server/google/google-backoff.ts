// Retry policy of the Google jobs (issue 5): 429, 403 rate limits, 5xx and network errors back
// off exponentially with jitter (Agenda's strategy), never sooner than Retry-After; quota
// exhaustion waits out a long cool-down; anything else is permanent and is not retried.
import { exponential, type BackoffStrategy } from 'agenda';
import { GoogleSyncError } from './google-error.ts';

export const QUOTA_COOLDOWN_MS = 60 * 60_000;

export function googleBackoff(maxAttempts: number): BackoffStrategy {
  const base = exponential({ delay: 2000, factor: 2, maxDelay: 15 * 60_000, maxRetries: Math.max(0, maxAttempts - 1), jitter: 0.3 });
  return (ctx) => {
    const { error } = ctx;
    if (!(error instanceof GoogleSyncError) || !error.retryable) return null;
    const delay = base(ctx);
    if (delay === null) return null;
    if (error.failure.kind === 'quota') return Math.max(error.failure.retryAfterMs ?? 0, QUOTA_COOLDOWN_MS);
    return Math.max(delay, error.failure.retryAfterMs ?? 0);
  };
}
