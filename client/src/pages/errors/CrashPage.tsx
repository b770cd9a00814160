import { Button, Center, EmptyState } from '@mantine/core';
import { IconBug } from '@tabler/icons-react';
import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';

/** Route error element: a render error never leaves a blank screen. */
export function CrashPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <Center mih="60vh" p="md" data-testid="crash">
      <EmptyState
        icon={<IconBug size={28} />}
        variant="light"
        color="red"
        title={t('errors.crashTitle')}
        description={t('errors.crashBody')}
      >
        <EmptyState.Actions>
          <Button variant="default" onClick={() => window.location.reload()}>
            {t('errors.reload')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
