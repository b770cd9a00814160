import type { ComponentProps } from 'react';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useAdminErrorText } from './use-admin-messages.ts';

/** ErrorAlert reading this page's server texts (API keys, providers) in the viewer's language. */
export function AdminErrorAlert(props: Omit<ComponentProps<typeof ErrorAlert>, 'text'>) {
  const errorText = useAdminErrorText();
  return <ErrorAlert {...props} text={errorText} />;
}
