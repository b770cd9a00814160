import { describeError, readTrpcError, retryAfterMinutes, type Translatable } from '../../lib/trpc-errors.ts';

/** Sign-in failures, worded for this form: one generic message for every refused credential. */
export function signInErrorMessage(error: unknown): Translatable {
  const info = readTrpcError(error);
  if (info.code === 'UNAUTHORIZED') return { key: 'auth.invalidCredentials' };
  if (info.code === 'TOO_MANY_REQUESTS') {
    return info.retryAfterSeconds
      ? { key: 'auth.rateLimited', values: { count: retryAfterMinutes(info.retryAfterSeconds) } }
      : { key: 'errors.rateLimitedLater' };
  }
  return describeError(error);
}
