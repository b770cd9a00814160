import { useState } from 'react';
import { Button, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TMute } from '../../../../shared/alerts.ts';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { useFieldError } from '../../lib/use-field-error.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';
import { ConfirmModal } from './ConfirmModal.tsx';

export function MutesPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const queryClient = useQueryClient();
  const fieldError = useFieldError();
  const mutes = useQuery({ ...trpc.alerts.mutes.queryOptions(), refetchInterval: 60_000, meta: { inlineErrors: true } });
  const providers = useQuery({ ...trpc.integrations.providers.queryOptions(), staleTime: 5 * 60_000, meta: { inlineErrors: true } });
  const [provider, setProvider] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number>(60);
  const [reason, setReason] = useState('');
  const [ending, setEnding] = useState<TMute | null>(null);
  const invalidate = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.alerts.mutes.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() })]);
  const mute = useMutation(
    trpc.alerts.mute.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async () => {
        await invalidate();
        notifySuccess(t('incidents.mutes.created'));
        setReason('');
      },
    }),
  );
  const end = useMutation(
    trpc.alerts.unmute.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async () => {
        await invalidate();
        setEnding(null);
      },
    }),
  );
  const failure = mute.isError ? readTrpcError(mute.error) : null;
  const until = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone });
  const name = (key: string) => providers.data?.find((p) => p.key === key)?.displayName ?? key;

  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        <Text size="sm" c="dimmed" mb="xs">
          {t('incidents.mutes.intro')}
        </Text>
        <form
          noValidate
          data-testid="mute-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (provider) mute.mutate({ provider, minutes, reason });
          }}
        >
          <Group align="flex-start" gap="sm" wrap="wrap">
            <Select label={t('incidents.list.provider')} searchable value={provider} onChange={setProvider} data={(providers.data ?? []).map((p) => ({ value: p.key, label: p.displayName }))} w={200} required data-testid="mute-provider" />
            <NumberInput label={t('incidents.mutes.minutes')} min={5} max={20160} value={minutes} onChange={(v) => setMinutes(Number(v) || 0)} w={140} error={fieldError(failure?.fieldErrors.minutes?.[0])} data-testid="mute-minutes" />
            <TextInput label={t('incidents.mutes.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1, minWidth: 220 }} error={fieldError(failure?.fieldErrors.reason?.[0])} data-testid="mute-reason" />
            <Button type="submit" mt={25} leftSection={<IconBellOff size={16} />} loading={mute.isPending} disabled={!provider} data-testid="mute-save">
              {t('incidents.mutes.create')}
            </Button>
          </Group>
          {failure && !failure.fieldErrors.reason && !failure.fieldErrors.minutes ? <div style={{ marginTop: 8 }}><ErrorAlert error={mute.error} title={null} /></div> : null}
        </form>
      </Paper>
      <Paper withBorder>
        {mutes.isError ? (
          <Stack p="sm">
            <ErrorAlert error={mutes.error} title={t('incidents.mutes.loadError')} onRetry={() => void mutes.refetch()} retrying={mutes.isFetching} />
          </Stack>
        ) : mutes.data && mutes.data.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm" data-testid="mutes-empty">
            {t('incidents.mutes.empty')}
          </Text>
        ) : (
          <Table data-testid="mutes-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('incidents.list.provider')}</Table.Th>
                <Table.Th>{t('incidents.mutes.until', { zone: ctx.timeZone })}</Table.Th>
                <Table.Th>{t('incidents.mutes.reason')}</Table.Th>
                <Table.Th>{t('incidents.mutes.by')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mutes.data
                ? mutes.data.map((m) => (
                    <Table.Tr key={m.id} data-testid="mute-row" data-provider={m.provider}>
                      <Table.Td>{name(m.provider)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{until.format(m.until)}</Table.Td>
                      <Table.Td>{m.reason}</Table.Td>
                      <Table.Td>{m.createdBy ?? '—'}</Table.Td>
                      <Table.Td ta="right">
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setEnding(m)} data-testid="mute-end">
                          {t('incidents.mutes.end')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))
                : <TableSkeletonRows rows={2} columns={5} />}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <ConfirmModal
        opened={ending !== null}
        title={t('incidents.mutes.endTitle')}
        message={t('incidents.mutes.endMessage', { provider: ending ? name(ending.provider) : '' })}
        confirm={t('incidents.mutes.end')}
        onConfirm={() => ending && end.mutate({ id: ending.id })}
        onClose={() => {
          end.reset();
          setEnding(null);
        }}
        loading={end.isPending}
        error={end.isError ? end.error : null}
      />
    </Stack>
  );
}
