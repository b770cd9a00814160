import { useMemo, useState } from 'react';
import { Alert, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconBook2 } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TIncidentDetail } from '../../../../shared/alerts.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PlaybookMarkdown } from '../playbooks/PlaybookMarkdown.tsx';
import { useInvalidateIncident } from './IncidentActions.tsx';

/** The provider's playbook with this incident's ticks: each tick is stored and lands on the timeline. */
export function IncidentPlaybook({ incident }: { incident: TIncidentDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidateIncident(incident.id);
  const playbook = useQuery({ ...trpc.playbooks.get.queryOptions({ provider: incident.provider }), meta: { inlineErrors: true } });
  // A tick shows at once; the stored ticks win again once the save and the refetch are done.
  const [pending, setPending] = useState<ReadonlyMap<number, boolean>>(new Map());
  const setCheck = useMutation(
    trpc.incidents.setCheck.mutationOptions({
      onSettled: async (_data, _error, input) => {
        await invalidate();
        setPending((prev) => {
          const next = new Map(prev);
          next.delete(input.line);
          return next;
        });
      },
    }),
  );
  const ticked = useMemo(() => {
    const set = new Set(incident.checks.map((c) => c.line));
    for (const [line, checked] of pending) {
      if (checked) set.add(line);
      else set.delete(line);
    }
    return set;
  }, [incident.checks, pending]);
  const checks = useMemo(
    () => ({
      ticked,
      onToggle: (line: number, text: string, checked: boolean) => {
        setPending((prev) => new Map(prev).set(line, checked));
        setCheck.mutate({ id: incident.id, line, text: text || `#${line}`, checked });
      },
    }),
    [ticked, incident.id, setCheck.mutate],
  );
  const p = playbook.data;
  return (
    <Paper withBorder p="sm" data-testid="incident-playbook">
      <Group gap={6} mb="xs">
        <IconBook2 size={18} />
        <Text fw={600} size="sm">
          {t('incidents.detail.playbook', { name: incident.providerName })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('incidents.detail.checksTicked', { count: incident.checks.length })}
        </Text>
      </Group>
      {playbook.isError ? (
        <ErrorAlert error={playbook.error} title={t('incidents.detail.playbookError')} onRetry={() => void playbook.refetch()} retrying={playbook.isFetching} />
      ) : !p ? (
        <Stack gap={6}>
          <Skeleton height={14} width="40%" />
          <Skeleton height={12} />
        </Stack>
      ) : p.version === 0 ? (
        <Text size="sm" c="dimmed">
          {t('incidents.detail.noPlaybook')}
        </Text>
      ) : (
        <>
          {p.version !== incident.playbookVersion && incident.checks.length > 0 ? (
            <Alert color="yellow" variant="light" mb="xs" p="xs">
              {t('incidents.detail.playbookChanged', { version: incident.playbookVersion })}
            </Alert>
          ) : null}
          <PlaybookMarkdown markdown={p.markdown} checks={checks} testId="incident-playbook-markdown" />
        </>
      )}
    </Paper>
  );
}
