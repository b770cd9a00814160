import { useState } from 'react';
import { Button, Code, Group, Paper, Skeleton, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCheckItem } from '../../../../shared/releases.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { CheckItemModal } from './CheckItemModal.tsx';

/** The post-release checklist every release is evaluated against (admins edit it). */
export function CheckItemsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const items = useQuery({ ...trpc.releases.items.queryOptions(), meta: { inlineErrors: true } });
  const [editing, setEditing] = useState<TCheckItem | null | 'new'>(null);
  const archive = useMutation(
    trpc.releases.archiveItem.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async () => {
        notifySuccess(t('releases.items.removed'));
        await queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() });
      },
    }),
  );

  return (
    <Paper withBorder data-testid="check-items">
      <Group justify="space-between" p="sm">
        <div>
          <Text fw={600} size="sm">
            {t('releases.items.heading')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('releases.items.help')}
          </Text>
        </div>
        {canEdit ? (
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="check-item-add">
            {t('releases.items.add')}
          </Button>
        ) : null}
      </Group>
      {items.isError ? <ErrorAlert error={items.error} onRetry={() => void items.refetch()} /> : null}
      {archive.isError ? <ErrorAlert error={archive.error} title={t('releases.items.removeError')} /> : null}
      <Table.ScrollContainer minWidth={640}>
        <Table data-testid="check-items-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('releases.items.title')}</Table.Th>
              <Table.Th>{t('releases.items.provider')}</Table.Th>
              <Table.Th>{t('releases.items.successEvents')}</Table.Th>
              <Table.Th ta="right">{t('releases.items.minSuccesses')}</Table.Th>
              {canEdit ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.data
              ? items.data.map((i) => (
                  <Table.Tr key={i.id} data-testid="check-item-row">
                    <Table.Td>
                      {i.title}
                      {i.subject ? (
                        <Text size="xs" c="dimmed">
                          {t('releases.items.onlySubject', { subject: i.subject })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{i.provider}</Table.Td>
                    <Table.Td>
                      {i.successEvents.map((e) => (
                        <Code key={e} fz={11} mr={4}>
                          {e}
                        </Code>
                      ))}
                    </Table.Td>
                    <Table.Td ta="right">{i.minSuccesses}</Table.Td>
                    {canEdit ? (
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(i)}>
                          {t('releases.items.edit')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => {
                            if (window.confirm(t('releases.items.confirmRemove', { title: i.title }))) archive.mutate({ id: i.id });
                          }}
                        >
                          {t('releases.items.remove')}
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))
              : Array.from({ length: 3 }, (_, k) => (
                  <Table.Tr key={k}>
                    <Table.Td colSpan={canEdit ? 5 : 4}>
                      <Skeleton height={14} />
                    </Table.Td>
                  </Table.Tr>
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canEdit ? <CheckItemModal opened={editing !== null} onClose={() => setEditing(null)} item={editing === 'new' ? null : editing} /> : null}
    </Paper>
  );
}
