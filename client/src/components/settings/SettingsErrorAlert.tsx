import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { describeSettingsError } from './settings-messages.ts';

/** ErrorAlert for this area, with the settings and ICS validation texts translated. */
export function SettingsErrorAlert(props: Omit<ComponentProps<typeof ErrorAlert>, 'text'>) {
  const { t } = useTranslation();
  return (
    <ErrorAlert
      {...props}
      text={(error) => {
        const message = describeSettingsError(error);
        return t(message.key, message.values);
      }}
    />
  );
}
