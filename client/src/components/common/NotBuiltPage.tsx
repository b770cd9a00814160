import type { ReactNode } from 'react';
import { Badge, EmptyState, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './PageHeader.tsx';
import { STATUS_COLOR } from '../../app/theme.ts';

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
          title={t(`pages.${area}.title`)}
          description={t(`pages.${area}.description`)}
          data-testid="not-built"
        >
          <Badge color={STATUS_COLOR.noData} variant="light" mt="xs">
            {t('common.notBuiltYet')}
          </Badge>
          <Text size="xs" c="dimmed" mt="xs" ta="center">
            {t('pages.notBuiltBody')}
          </Text>
        </EmptyState>
      </Paper>
    </>
  );
}
