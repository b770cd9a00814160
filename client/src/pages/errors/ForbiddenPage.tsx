import { Button, EmptyState, Paper } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@mantine/hooks';
import { useSessionUser } from '../../app/session.tsx';
import { homePathForRole } from '../../app/navigation.ts';

export function ForbiddenPage() {
  const { t } = useTranslation();
  const user = useSessionUser();
  useDocumentTitle(`403 · opsdeck`);
  return (
    <Paper withBorder p="xl" data-testid="forbidden">
      <EmptyState
        icon={<IconLock size={28} />}
        variant="light"
        color="red"
        title={t('forbidden.title')}
        description={t('forbidden.body', { role: t(`roles.${user.role}`) })}
      >
        <EmptyState.Actions>
          <Button component={Link} to={homePathForRole(user.role)} variant="default">
            {t('common.goHome')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}
