import type { ReactNode } from 'react';
import { Group, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A page's header (title, description, the action on the right) as grey boxes, over `children`. */
export function PageSkeletonFrame({ actionWidth, children }: { actionWidth: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" role="status" aria-busy aria-label={t('common.loading')} data-testid="page-loading">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={6}>
          <Skeleton height={26} width={220} radius="sm" />
          <Skeleton height={14} width={320} radius="sm" />
        </Stack>
        <Skeleton height={36} width={actionWidth} radius="sm" />
      </Group>
      {children}
    </Stack>
  );
}

/** Inside the shell while a page's code loads: its header and body as grey boxes, not a spinner on white. */
export function PageSkeleton() {
  return (
    <PageSkeletonFrame actionWidth={200}>
      <Skeleton height={36} radius="sm" />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} height={28} radius="sm" />
      ))}
    </PageSkeletonFrame>
  );
}
