import type { ReactNode } from 'react';
import { EmptyState, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './PageHeader.tsx';

type Area = 'health' | 'events' | 'calendar' | 'support' | 'jobs' | 'settings';

/** An honest placeholder: what the page will show, and no made-up data in the meantime. */
export function NotBuiltPage({ area, icon }: { area: Area; icon: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`pages.${area}.title`)} />
      <Paper withBorder p="xl" data-testid={`page-${area}`}>
        <EmptyState
          icon={icon}
          withIndicatorBackground
          title={t('common.notBuiltYet')}
          description={t(`pages.${area}.description`)}
          data-testid="not-built"
        >
          <Text size="xs" c="dimmed" ta="center">
            {t('pages.notBuiltBody')}
          </Text>
        </EmptyState>
      </Paper>
    </>
  );
}
