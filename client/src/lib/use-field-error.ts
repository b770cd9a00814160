import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { translatableServerMessage } from './trpc-errors.ts';

/**
 * Form errors hold the English text from the shared zod schemas or the server;
 * translating at render keeps them right when the language changes mid-form.
 */
export function useFieldError() {
  const { t } = useTranslation();
  return (error: ReactNode): ReactNode => {
    if (typeof error !== 'string') return error;
    const message = translatableServerMessage(error);
    return t(message.key, message.values);
  };
}

/** First server-side message per field, in the shape Mantine's form.setErrors takes. */
export function firstFieldErrors(fieldErrors: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (messages[0]) out[field] = messages[0];
  }
  return out;
}
