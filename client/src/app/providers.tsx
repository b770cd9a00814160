import { useState, type ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n/index.ts';
import { createTrpcClient, TRPCProvider, type AppRouter } from '../lib/trpc.ts';
import { createQueryClient, SESSION_ENDED_TOAST } from './query-client.ts';
import { theme } from './theme.ts';
import { cspNonce } from '../lib/csp.ts';

const styleNonce = () => cspNonce() ?? '';

function createClients() {
  const trpcClient = createTrpcClient();
  const queryClient = createQueryClient({
    endSession: () => queryClient.setQueryData(keys.auth.me.queryKey(), null),
    refreshSession: () => void queryClient.invalidateQueries({ queryKey: keys.auth.me.queryKey() }),
    toast: (message, { id }) => {
      const sessionEnded = id === SESSION_ENDED_TOAST;
      notifications.show({
        id,
        color: sessionEnded ? 'gray' : 'red',
        title: sessionEnded ? undefined : i18n.t('errors.title'),
        message: i18n.t(message.key, message.values),
        autoClose: 8000,
      });
    },
  });
  // Outside React (the cache handlers) keys come from a proxy bound to the same clients.
  const keys = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  return { trpcClient, queryClient };
}

export function Providers({ children }: { children: ReactNode }) {
  const [{ trpcClient, queryClient }] = useState(createClients);
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="auto" getStyleNonce={styleNonce}>
        <Notifications position="top-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            {children}
          </TRPCProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
