import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CHANNEL_KINDS, type TChannel, type TChannelKind } from '../../../../shared/alerts.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { useFieldError } from '../../lib/use-field-error.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';
import { ConfirmModal } from './ConfirmModal.tsx';

function CreateChannelModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldError = useFieldError();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TChannelKind>('SLACK');
  const [url, setUrl] = useState('');
  const create = useMutation(
    trpc.alerts.createChannel.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.alerts.channels.pathKey() });
        notifySuccess(t('incidents.channels.created'));
        close();
      },
    }),
  );
  const failure = create.isError ? readTrpcError(create.error) : null;
  function close() {
    create.reset();
    setName('');
    setUrl('');
    onClose();
  }
  return (
    <Modal opened={opened} onClose={close} title={t('incidents.channels.createTitle')} centered>
      <form
        noValidate
        data-testid="channel-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, kind, url: kind === 'EMAIL' ? undefined : url || undefined });
        }}
      >
        <Stack gap="sm">
          {failure && !failure.fieldErrors.name && !failure.fieldErrors.url ? <ErrorAlert error={create.error} title={null} /> : null}
          <TextInput label={t('incidents.channels.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(failure?.fieldErrors.name?.[0])} data-autofocus data-testid="channel-name" />
          <Select label={t('incidents.channels.kind')} value={kind} allowDeselect={false} onChange={(v) => v && setKind(v as TChannelKind)} data={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`incidents.channelKind.${k}`) }))} data-testid="channel-kind" />
          {kind === 'EMAIL' ? (
            <Text size="sm" c="dimmed">
              {t('incidents.channels.emailHelp')}
            </Text>
          ) : (
            <TextInput label={t('incidents.channels.url')} description={t('incidents.channels.urlHelp')} required value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldError(failure?.fieldErrors.url?.[0])} data-testid="channel-url" />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="channel-save">
              {t('incidents.channels.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ChannelsPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channels = useQuery({ ...trpc.alerts.channels.queryOptions(), meta: { inlineErrors: true } });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<TChannel | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.alerts.channels.pathKey() });
  const toggle = useMutation(trpc.alerts.updateChannel.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(
    trpc.alerts.deleteChannel.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async () => {
        await invalidate();
        setDeleting(null);
      },
    }),
  );
  return (
    <Paper withBorder>
      <Group justify="space-between" p="sm">
        <Text size="sm" c="dimmed">
          {t('incidents.channels.intro')}
        </Text>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)} data-testid="channel-create">
          {t('incidents.channels.create')}
        </Button>
      </Group>
      {channels.isError ? (
        <Stack p="sm">
          <ErrorAlert error={channels.error} title={t('incidents.channels.loadError')} onRetry={() => void channels.refetch()} retrying={channels.isFetching} />
        </Stack>
      ) : channels.data && channels.data.length === 0 ? (
        <Text size="sm" c="dimmed" p="sm" data-testid="channels-empty">
          {t('incidents.channels.empty')}
        </Text>
      ) : (
        <Table data-testid="channels-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('incidents.channels.name')}</Table.Th>
              <Table.Th>{t('incidents.channels.kind')}</Table.Th>
              <Table.Th>{t('incidents.channels.target')}</Table.Th>
              <Table.Th>{t('incidents.channels.enabled')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {channels.data
              ? channels.data.map((c) => (
                  <Table.Tr key={c.id} data-testid="channel-row" data-kind={c.kind}>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray">
                        {t(`incidents.channelKind.${c.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {c.kind === 'EMAIL' ? t('incidents.channels.allAdmins') : c.urlHint}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Switch checked={c.enabled} onChange={(e) => toggle.mutate({ id: c.id, enabled: e.currentTarget.checked })} aria-label={t('incidents.channels.enabled')} data-testid="channel-enabled" />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button size="compact-xs" variant="subtle" color="red" leftSection={<IconTrash size={12} />} onClick={() => setDeleting(c)} data-testid="channel-delete">
                        {t('incidents.channels.delete')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))
              : <TableSkeletonRows rows={2} columns={5} />}
          </Table.Tbody>
        </Table>
      )}
      <CreateChannelModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('incidents.channels.deleteTitle')}
        message={t('incidents.channels.deleteMessage', { name: deleting?.name ?? '' })}
        confirm={t('incidents.channels.delete')}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        loading={remove.isPending}
        error={remove.isError ? remove.error : null}
      />
    </Paper>
  );
}
