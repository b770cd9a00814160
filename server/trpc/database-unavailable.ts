// A database restart seen from tRPC: SERVICE_UNAVAILABLE (HTTP 503) with a retry hint, the same
// answer the plain HTTP routes give (server/http/app.ts), instead of INTERNAL_SERVER_ERROR.
import { TRPCError } from '@trpc/server';
import { DATABASE_RETRY_AFTER_SEC, isDatabaseUnavailable } from '../db.ts';
import { AppError, toTRPCError } from '../errors.ts';

/** The error to answer with when `cause` is a database outage; null for any other failure. */
export function databaseUnavailableError(cause: unknown): TRPCError | null {
  if (!isDatabaseUnavailable(cause)) return null;
  return toTRPCError(new AppError('UNAVAILABLE', 'The database is unavailable; retry shortly', { retryAfterSeconds: DATABASE_RETRY_AFTER_SEC }, { cause }));
}
