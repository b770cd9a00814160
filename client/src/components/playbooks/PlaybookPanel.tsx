import { useEffect, useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconBook2, IconHistory, IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { anchorId, playbookHeadings, sectionForClass } from '../../../../shared/playbooks.ts';
import { useSessionUser } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { PlaybookMarkdown } from './PlaybookMarkdown.tsx';
import { PlaybookEditorModal } from './PlaybookEditorModal.tsx';
import { PlaybookHistoryDrawer } from './PlaybookHistoryDrawer.tsx';

/** Which error class asked for the playbook; `n` changes on every click so the same class scrolls again. */
export type PlaybookFocus = { errorClass: string; n: number } | null;

/** The provider's incident playbook (IH-5) on its health page; error groups open it at their checks. */
export function PlaybookPanel({ provider, providerName, focus }: { provider: string; providerName: string; focus: PlaybookFocus }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useSessionUser();
  const isAdmin = user.role === 'ADMIN';
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  const playbook = useQuery({ ...trpc.playbooks.get.queryOptions({ provider }), meta: { inlineErrors: true } });
  const headings = useMemo(() => playbookHeadings(playbook.data?.markdown ?? ''), [playbook.data?.markdown]);
  const highlight = focus && playbook.data ? sectionForClass(playbook.data.sections, headings, focus.errorClass) : null;

  useEffect(() => {
    if (!highlight || !focus) return;
    const el = document.getElementById(anchorId(highlight));
    if (!el) return;
    el.scrollIntoView({ behavior: 'smooth', block: 'start' });
    el.focus({ preventScroll: true });
    // The URL names the section, so a pasted link opens at the same checks.
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#${anchorId(highlight)}`);
  }, [highlight, focus?.n]);

  // A link with #playbook-… opens at that section once the text has loaded.
  useEffect(() => {
    const hash = window.location.hash.slice(1);
    if (playbook.data && hash.startsWith('playbook-')) document.getElementById(hash)?.scrollIntoView({ block: 'start' });
  }, [playbook.data]);

  const p = playbook.data;
  return (
    <Paper withBorder p="sm" data-testid="playbook-panel" data-version={p?.version}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Group gap={6}>
            <IconBook2 size={18} />
            <Text fw={600} size="sm">
              {t('playbooks.panel.title', { name: providerName })}
            </Text>
            {p && p.version > 0 ? (
              <Badge variant="light" color="gray" size="sm" data-testid="playbook-version">
                {t('playbooks.panel.version', { version: p.version })}
              </Badge>
            ) : null}
          </Group>
          {p && p.version > 0 ? (
            <Group gap={4}>
              <Text size="xs" c="dimmed">
                {p.updatedBy ? t('playbooks.panel.updatedBy', { name: p.updatedBy }) : t('playbooks.panel.seeded')}
              </Text>
              <RelativeTime date={p.updatedAt} size="xs" />
            </Group>
          ) : null}
        </Stack>
        <Group gap="xs">
          {p && p.version > 0 ? (
            <Button size="compact-sm" variant="default" leftSection={<IconHistory size={14} />} onClick={() => setHistory(true)} data-testid="playbook-history-open">
              {t('playbooks.panel.history')}
            </Button>
          ) : null}
          {isAdmin && p ? (
            <Button size="compact-sm" variant="light" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)} data-testid="playbook-edit">
              {t('playbooks.panel.edit')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {playbook.isError ? (
        <ErrorAlert error={playbook.error} title={t('playbooks.panel.loadError')} onRetry={() => void playbook.refetch()} retrying={playbook.isFetching} />
      ) : !p ? (
        <Stack gap={6}>
          <Skeleton height={16} width="40%" />
          <Skeleton height={12} />
          <Skeleton height={12} width="80%" />
        </Stack>
      ) : p.version === 0 ? (
        <Text size="sm" c="dimmed" data-testid="playbook-empty">
          {isAdmin ? t('playbooks.panel.emptyAdmin') : t('playbooks.panel.empty')}
        </Text>
      ) : (
        <>
          <Group gap="xs" mb="xs" component="nav" aria-label={t('playbooks.panel.sections')}>
            {headings
              .filter((h) => h.depth === 2)
              .map((h) => (
                <Anchor key={h.slug} href={`#${anchorId(h.slug)}`} size="xs">
                  {h.text}
                </Anchor>
              ))}
          </Group>
          {focus && highlight ? (
            <Text size="xs" c="dimmed" mb="xs" data-testid="playbook-focus" data-section={highlight}>
              {t('playbooks.panel.openedFor', { errorClass: t(`health.errorClass.${focus.errorClass}`, { defaultValue: focus.errorClass }) })}
            </Text>
          ) : null}
          <PlaybookMarkdown markdown={p.markdown} highlight={highlight} />
        </>
      )}
      {p && isAdmin ? <PlaybookEditorModal opened={editing} onClose={() => setEditing(false)} playbook={p} providerName={providerName} /> : null}
      {p ? <PlaybookHistoryDrawer opened={history} onClose={() => setHistory(false)} provider={provider} current={p.version} canRestore={isAdmin} /> : null}
    </Paper>
  );
}
