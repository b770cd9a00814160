import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/trpc-errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { translatableAdminMessage } from './admin-messages.ts';

/** Like lib/use-field-error, but knowing this page's server texts first. */
export function useAdminFieldError() {
  const { t } = useTranslation();
  return (error: ReactNode): ReactNode => {
    if (typeof error !== 'string') return error;
    const message = translatableAdminMessage(error);
    return t(message.key, message.values);
  };
}

/** The one sentence for an error shown inline on this page. */
export function useAdminErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    const described = describeError(error);
    const message = described.key === 'errors.verbatim' ? translatableAdminMessage(String(described.values?.message ?? '')) : described;
    return t(message.key, message.values);
  };
}

export function useInvalidateApiKeys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.pathKey() });
}

export function useInvalidateProviders() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.integrations.providers.pathKey() });
}
