import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import superjson from 'superjson';
// Type only: no server code reaches the bundle.
import type { AppRouter } from '../../../server/trpc/routers/_app.ts';

export type { AppRouter };

/** Hooks for components: `const trpc = useTRPC(); useQuery(trpc.users.list.queryOptions(...))`. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        // Same origin: the session cookie rides along, no auth header needed.
        url: '/api/trpc',
        transformer: superjson,
        maxURLLength: 2000,
      }),
    ],
  });
}

export type TrpcClient = ReturnType<typeof createTrpcClient>;
