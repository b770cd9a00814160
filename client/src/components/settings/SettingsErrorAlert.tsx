import { Alert, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeSettingsError } from './settings-messages.ts';

/** ErrorAlert for this area: the same look, with the settings and ICS validation texts translated. */
export function SettingsErrorAlert({
  error,
  title,
  onRetry,
  retrying,
  ...rest
}: {
  error: unknown;
  title?: string | null;
  onRetry?: () => void;
  retrying?: boolean;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const message = describeSettingsError(error);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title === null ? undefined : (title ?? t('errors.title'))} {...rest}>
      {t(message.key, message.values)}
      {onRetry ? (
        <div>
          <Button size="xs" variant="default" mt="sm" onClick={onRetry} loading={retrying}>
            {t('common.retry')}
          </Button>
        </div>
      ) : null}
    </Alert>
  );
}
