// What the app does with a failed query or mutation, decided in one pure function
// so the rules are testable: the QueryCache/MutationCache handlers only carry them out.
import { describeError, readTrpcError, type Translatable } from '../lib/trpc-errors.ts';

export type ErrorMeta = {
  /** The component shows this error in place (form fields, alert, table state): no toast. */
  inlineErrors?: boolean;
  /** Sign-in itself: UNAUTHORIZED means wrong credentials, not an ended session. */
  authFlow?: boolean;
};

export type ErrorReaction = {
  /** The session is gone: forget the user so the route guard sends them to /sign-in. */
  endSession: boolean;
  /** The role may have changed under us (FORBIDDEN): re-read who we are so nav and guards follow. */
  refreshSession: boolean;
  toast: Translatable | null;
};

export function reactToError(error: unknown, meta: ErrorMeta | undefined, opts: { hasData: boolean }): ErrorReaction {
  const { code } = readTrpcError(error);
  if (code === 'UNAUTHORIZED' && !meta?.authFlow) {
    return { endSession: true, refreshSession: false, toast: { key: 'auth.sessionEnded' } };
  }
  const refreshSession = code === 'FORBIDDEN';
  // A query already on screen that fails to refresh shows stale data; say so even if it handles its first error inline.
  if (meta?.inlineErrors && !opts.hasData) return { endSession: false, refreshSession, toast: null };
  return { endSession: false, refreshSession, toast: describeError(error) };
}
