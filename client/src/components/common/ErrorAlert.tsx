import { Alert, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/trpc-errors.ts';

function describeMessage(error: unknown, t: (key: string, values?: Record<string, unknown>) => string): string {
  const message = describeError(error);
  return t(message.key, message.values);
}

/** An error shown where it happened, with a retry when there is something to retry. */
export function ErrorAlert({
  error,
  title,
  onRetry,
  retrying,
  text,
  ...rest
}: {
  error: unknown;
  /** An area's own wording of the error (its server messages translated); default: the shared table. */
  text?: (error: unknown) => string;
  /** null: no title line (the surrounding dialog already says what failed) */
  title?: string | null;
  onRetry?: () => void;
  retrying?: boolean;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const content = text ? text(error) : describeMessage(error, t);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title === null ? undefined : (title ?? t('errors.title'))} {...rest}>
      {content}
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
