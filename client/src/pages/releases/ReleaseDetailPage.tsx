import { useState } from 'react';
import { Anchor, Button, Group, Paper, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TCheckResult } from '../../../../shared/releases.ts';
import { useSessionUser, useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { formatCount } from '../../components/admin-integrations/integration-format.ts';
import { formatRate } from '../../components/health/health-status.ts';
import { CheckStatusBadge } from '../../components/releases/CheckStatusBadge.tsx';
import { OverrideCheckModal } from '../../components/releases/OverrideCheckModal.tsx';

/** One release and its post-release checklist, evaluated from the traffic since it (IH-8). */
export function ReleaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ctx = useTimeContext();
  const isAdmin = useSessionUser().role === 'ADMIN';
  const [overriding, setOverriding] = useState<TCheckResult | null>(null);
  const detail = useQuery({ ...trpc.releases.get.queryOptions({ id }), refetchInterval: 30_000, meta: { inlineErrors: true } });
  const clear = useMutation(
    trpc.releases.clearOverride.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (d) => {
        queryClient.setQueryData(trpc.releases.get.queryKey({ id }), d);
        await queryClient.invalidateQueries({ queryKey: trpc.releases.list.pathKey() });
      },
    }),
  );
  useDocumentTitle(`${detail.data?.release.version ?? t('releases.list.title')} · opsdeck`);
  const when = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone });

  const back = (
    <Anchor component={Link} to="/health/releases" size="xs" data-testid="release-back">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} />
        {t('releases.detail.back')}
      </Group>
    </Anchor>
  );
  if (detail.isError) {
    return (
      <Stack>
        {back}
        <ErrorAlert error={detail.error} title={t('releases.detail.loadError')} onRetry={() => void detail.refetch()} retrying={detail.isFetching} />
      </Stack>
    );
  }
  const d = detail.data;
  const reasonText = (c: TCheckResult) =>
    t(`releases.reason.${c.reason}`, { successes: formatCount(c.successes, ctx.locale), min: c.item.minSuccesses, errors: formatCount(c.errors, ctx.locale), operations: formatCount(c.operations, ctx.locale), rate: formatRate(c.errorRate, ctx.locale) ?? '—' });

  return (
    <Stack gap="md" data-testid="release-detail">
      <Stack gap={4}>
        {back}
        {d ? (
          <>
            <Title order={2} fz="h3" data-testid="release-title">
              {t('releases.detail.title', { version: d.release.version })}
            </Title>
            <Text size="sm" c="dimmed">
              {t('releases.detail.meta', { environment: d.release.environment, at: when.format(d.release.releasedAt), by: d.release.source === 'api' ? t('releases.list.byCi') : (d.release.createdBy ?? '—') })}
              {d.release.commitSha ? ` · ${d.release.commitSha}` : ''}
            </Text>
            {d.release.notes ? <Text size="sm">{d.release.notes}</Text> : null}
            <Text size="xs" c="dimmed" data-testid="release-window">
              {d.window.complete ? t('releases.detail.windowComplete', { to: when.format(d.window.to) }) : t('releases.detail.windowOpen', { from: when.format(d.window.from) })}
            </Text>
          </>
        ) : (
          <Skeleton height={50} width={320} />
        )}
      </Stack>
      <Paper withBorder>
        {clear.isError ? <ErrorAlert error={clear.error} title={t('releases.override.clearError')} /> : null}
        <Table.ScrollContainer minWidth={760}>
          <Table data-testid="release-checklist">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('releases.check.item')}</Table.Th>
                <Table.Th>{t('releases.check.status')}</Table.Th>
                <Table.Th>{t('releases.check.evidence')}</Table.Th>
                {isAdmin ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d
                ? d.checks.map((c) => (
                    <Table.Tr key={c.item.id} data-testid="release-check" data-item={c.item.title} data-status={c.status}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {c.item.title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {isAdmin ? (
                            <Anchor component={Link} to={`/health/providers/${c.item.provider}?window=24h`} size="xs">
                              {c.item.provider}
                            </Anchor>
                          ) : (
                            c.item.provider
                          )}
                          {' · '}
                          {c.item.successEvents.join(', ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <CheckStatusBadge status={c.status} overridden={c.override !== null} />
                        {c.override ? (
                          <Text size="xs" c="dimmed" mt={4} maw={280} data-testid="check-override-note">
                            {t('releases.check.overrideBy', { by: c.override.by ?? '—', note: c.override.note })}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" data-testid="check-reason">
                          {reasonText(c)}
                        </Text>
                        {c.override && c.override.status !== c.evaluated ? (
                          <Text size="xs" c="dimmed">
                            {t('releases.check.evaluatedAs', { status: t(`releases.status.${c.evaluated}`) })}
                          </Text>
                        ) : null}
                      </Table.Td>
                      {isAdmin ? (
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Button size="compact-xs" variant="subtle" onClick={() => setOverriding(c)} data-testid="check-override">
                            {c.override ? t('releases.override.change') : t('releases.override.open')}
                          </Button>
                          {c.override ? (
                            <Tooltip label={t('releases.override.clearHelp')}>
                              <Button size="compact-xs" variant="subtle" color="gray" loading={clear.isPending && clear.variables?.itemId === c.item.id} onClick={() => clear.mutate({ releaseId: id, itemId: c.item.id })} data-testid="check-override-clear">
                                {t('releases.override.clear')}
                              </Button>
                            </Tooltip>
                          ) : null}
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))
                : Array.from({ length: 4 }, (_, i) => (
                    <Table.Tr key={i}>
                      <Table.Td colSpan={4}>
                        <Skeleton height={16} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {d && d.checks.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {t('releases.detail.noItems')}
          </Text>
        ) : null}
      </Paper>
      {isAdmin ? <OverrideCheckModal releaseId={id} check={overriding} onClose={() => setOverriding(null)} /> : null}
    </Stack>
  );
}
