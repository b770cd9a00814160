import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsMessage } from './settings-messages.ts';

/** useFieldError for this area: English schema/server texts translated at render. */
export function useSettingsFieldError() {
  const { t } = useTranslation();
  return (error: ReactNode): ReactNode => {
    if (typeof error !== 'string') return error;
    const message = settingsMessage(error);
    return t(message.key, message.values);
  };
}
