import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { shouldRetry, type Translatable } from '../lib/trpc-errors.ts';
import { reactToError, type ErrorMeta } from './error-policy.ts';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: ErrorMeta;
    mutationMeta: ErrorMeta;
  }
}

export const SESSION_ENDED_TOAST = 'session-ended';

export type ErrorSink = {
  /** Forget the signed-in user (the guard then redirects to /sign-in, keeping the target). */
  endSession(): void;
  /** Re-read `auth.me` (a FORBIDDEN answer may mean the role changed). */
  refreshSession(): void;
  toast(message: Translatable, opts: { id?: string }): void;
};

export function createQueryClient(sink: ErrorSink): QueryClient {
  const act = (error: unknown, meta: ErrorMeta | undefined, hasData: boolean) => {
    const reaction = reactToError(error, meta, { hasData });
    if (reaction.endSession) sink.endSession();
    if (reaction.refreshSession) sink.refreshSession();
    // One "session ended" toast however many requests failed at once.
    if (reaction.toast) sink.toast(reaction.toast, { id: reaction.endSession ? SESSION_ENDED_TOAST : undefined });
  };
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => act(error, query.meta, query.state.data !== undefined),
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => act(error, mutation.meta, false),
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => shouldRetry(failureCount, error),
        staleTime: 15_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
