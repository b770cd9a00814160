import { Alert, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAdminErrorText } from './use-admin-messages.ts';

/** common/ErrorAlert, reading this page's server texts (API keys, providers) in the viewer's language. */
export function AdminErrorAlert({
  error,
  title,
  onRetry,
  retrying,
  ...rest
}: {
  error: unknown;
  /** null: no title line (the surrounding dialog already says what failed) */
  title?: string | null;
  onRetry?: () => void;
  retrying?: boolean;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const errorText = useAdminErrorText();
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title === null ? undefined : (title ?? t('errors.title'))} {...rest}>
      {errorText(error)}
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
