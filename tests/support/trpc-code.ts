import { TRPCError } from '@trpc/server';

/** The tRPC code a call fails with; a call that succeeds, or fails some other way, fails the test. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  if (error instanceof TRPCError) return error.code;
  throw error;
}
