import { Button, Code, EmptyState, Paper } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@mantine/hooks';
import { useSessionUser } from '../../app/session.tsx';
import { homePathForRole } from '../../app/navigation.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const { pathname } = useLocation();
  useDocumentTitle(`404 · opsdeck`);
  return (
    <Paper withBorder p="xl" data-testid="not-found">
      <EmptyState
        icon={<IconMapQuestion size={28} />}
        withIndicatorBackground
        title={t('notFound.title')}
        description={<Trans i18nKey="notFound.body" values={{ path: pathname }} components={{ code: <Code /> }} />}
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
