import { useState } from 'react';
import { Badge, Button, Drawer, Group, Paper, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PlaybookMarkdown } from './PlaybookMarkdown.tsx';
import { useInvalidatePlaybook } from './use-invalidate-playbook.ts';

/** Every version, newest first; one opens read-only, and admins restore it as a new version. */
export function PlaybookHistoryDrawer({ opened, onClose, provider, current, canRestore }: { opened: boolean; onClose: () => void; provider: string; current: number; canRestore: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const invalidate = useInvalidatePlaybook();
  const [selected, setSelected] = useState<number | null>(null);
  const versions = useQuery({ ...trpc.playbooks.versions.queryOptions({ provider }), enabled: opened, meta: { inlineErrors: true } });
  const version = useQuery({ ...trpc.playbooks.version.queryOptions({ provider, version: selected ?? 1 }), enabled: opened && selected !== null, meta: { inlineErrors: true } });
  const restore = useMutation(
    trpc.playbooks.restore.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (saved) => {
        notifySuccess(t('playbooks.history.restored', { from: selected, version: saved.version }));
        setSelected(null);
        await invalidate();
      },
    }),
  );
  const when = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone });

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title={t('playbooks.history.title')} data-testid="playbook-history">
      <Stack gap="sm">
        {versions.isError ? <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} /> : null}
        {restore.isError ? <ErrorAlert error={restore.error} title={t('playbooks.history.restoreError')} /> : null}
        {!versions.data
          ? Array.from({ length: 3 }, (_, i) => <Skeleton key={i} height={40} />)
          : versions.data.map((v) => (
              <Paper key={v.version} withBorder p="xs" data-testid="playbook-version-row" data-version={v.version} bg={selected === v.version ? 'var(--mantine-primary-color-light)' : undefined}>
                <Group justify="space-between" wrap="nowrap">
                  <Stack gap={0}>
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {t('playbooks.panel.version', { version: v.version })}
                      </Text>
                      {v.version === current ? (
                        <Badge size="xs" variant="light">
                          {t('playbooks.history.current')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {when.format(v.createdAt)} · {v.author ?? t('playbooks.panel.seededShort')}
                      {v.note ? ` · ${v.note}` : ''}
                    </Text>
                  </Stack>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setSelected(selected === v.version ? null : v.version)} data-testid="playbook-version-view">
                      {selected === v.version ? t('playbooks.history.hide') : t('playbooks.history.view')}
                    </Button>
                    {canRestore && v.version !== current ? (
                      <Button
                        size="compact-xs"
                        variant="light"
                        loading={restore.isPending && restore.variables?.version === v.version}
                        onClick={() => {
                          if (window.confirm(t('playbooks.history.confirm', { version: v.version, next: current + 1 }))) restore.mutate({ provider, version: v.version, expectedVersion: current });
                        }}
                        data-testid="playbook-version-restore"
                      >
                        {t('playbooks.history.restore')}
                      </Button>
                    ) : null}
                  </Group>
                </Group>
              </Paper>
            ))}
        {selected !== null ? (
          <Paper withBorder p="sm">
            {version.data ? (
              <ScrollArea.Autosize mah={480}>
                <PlaybookMarkdown markdown={version.data.markdown} interactive={false} testId="playbook-version-markdown" />
              </ScrollArea.Autosize>
            ) : version.isError ? (
              <ErrorAlert error={version.error} />
            ) : (
              <Skeleton height={120} />
            )}
          </Paper>
        ) : null}
      </Stack>
    </Drawer>
  );
}
