import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { expect } from 'vitest';
import { AppError } from '../../server/errors.ts';

/**
 * Runs a call that must fail validation and returns its field errors the way the error
 * formatter sends them: from the input schema (ZodError) or from a service (AppError).
 */
export async function fieldErrorsOf(call: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail validation, it succeeded');
    },
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw error;
  const cause = error.cause;
  if (cause instanceof z.ZodError) {
    expect(error.code).toBe('BAD_REQUEST');
    return z.flattenError(cause).fieldErrors as Record<string, string[]>;
  }
  if (cause instanceof AppError && cause.code === 'INVALID_INPUT') {
    return cause.details.fieldErrors as Record<string, string[]>;
  }
  throw error;
}
