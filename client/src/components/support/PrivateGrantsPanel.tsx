import { useState } from 'react';
import { Badge, Button, Group, Modal, NumberInput, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PRIVATE_GRANT_MAX_HOURS, type TPrivateGrant } from '../../../../shared/support.ts';
import { useSessionUser } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';

function grantState(g: TPrivateGrant, now: Date): 'live' | 'expired' | 'revoked' {
  if (g.revokedAt) return 'revoked';
  return g.expiresAt > now ? 'live' : 'expired';
}

const STATE_COLOR = { live: 'green', expired: 'gray', revoked: 'gray' } as const;

/** Who may read private events' descriptions, until when; admins grant for the diagnosed user and revoke. */
export function PrivateGrantsPanel({ userId, userName }: { userId: string; userName: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSessionUser();
  const admin = me.role === 'ADMIN';
  const queryClient = useQueryClient();
  const grants = useQuery({ ...trpc.support.privateGrants.queryOptions(), meta: { inlineErrors: true } });
  const [open, setOpen] = useState(false);
  const [confirmRevoke, setConfirmRevoke] = useState<TPrivateGrant | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.support.pathKey() });
  const revoke = useMutation(trpc.support.revokePrivateGrant.mutationOptions({ meta: { inlineErrors: true }, onSuccess: async () => { setConfirmRevoke(null); await invalidate(); } }));
  const now = new Date();
  return (
    <Paper withBorder p="md" data-testid="support-private-grants">
      <Group justify="space-between" mb="sm">
        <Stack gap={2}>
          <Title order={4}>{t('support.grants.title')}</Title>
          <Text size="xs" c="dimmed">
            {t(admin ? 'support.grants.hintAdmin' : 'support.grants.hintSupport')}
          </Text>
        </Stack>
        {admin ? (
          <Button size="xs" variant="default" leftSection={<IconLock size={14} />} onClick={() => setOpen(true)} data-testid="support-grant-open">
            {t('support.grants.grant', { name: userName })}
          </Button>
        ) : null}
      </Group>
      {grants.isError && !grants.data ? (
        <ErrorAlert error={grants.error} title={t('support.grants.loadError')} onRetry={() => void grants.refetch()} retrying={grants.isFetching} />
      ) : grants.data && grants.data.items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="support-grants-empty">
          {t('support.grants.empty')}
        </Text>
      ) : (
        <Table data-testid="support-grants-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('support.grants.columns.holder')}</Table.Th>
              <Table.Th>{t('support.grants.columns.scope')}</Table.Th>
              <Table.Th>{t('support.grants.columns.reason')}</Table.Th>
              <Table.Th>{t('support.grants.columns.expires')}</Table.Th>
              <Table.Th>{t('support.grants.columns.state')}</Table.Th>
              {admin ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grants.data ? (
              grants.data.items.map((g) => {
                const state = grantState(g, now);
                return (
                  <Table.Tr key={g.id} data-testid="support-grant-row" data-state={state}>
                    <Table.Td>
                      <Text size="sm">{g.supportUser.name}</Text>
                      <Text size="xs" c="dimmed">
                        {t('support.grants.by', { name: g.grantedBy?.name ?? '—' })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{g.user ? g.user.email : t('support.grants.everyone')}</Text>
                    </Table.Td>
                    <Table.Td maw={260}>
                      <Text size="sm" lineClamp={2}>
                        {g.reason}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime date={g.expiresAt} />
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATE_COLOR[state]}>
                        {t(`support.grants.state.${state}`)}
                      </Badge>
                    </Table.Td>
                    {admin ? (
                      <Table.Td ta="right">
                        {state === 'live' ? (
                          <Button size="compact-xs" variant="default" color="red" onClick={() => setConfirmRevoke(g)} data-testid="support-grant-revoke">
                            {t('support.grants.revoke')}
                          </Button>
                        ) : null}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })
            ) : (
              <TableSkeletonRows rows={2} columns={admin ? 6 : 5} />
            )}
          </Table.Tbody>
        </Table>
      )}
      {admin ? <GrantModal opened={open} onClose={() => setOpen(false)} userId={userId} userName={userName} onGranted={invalidate} /> : null}
      <Modal opened={confirmRevoke !== null} onClose={() => setConfirmRevoke(null)} title={t('support.grants.revokeTitle')} centered>
        <Stack gap="sm">
          {revoke.isError ? <ErrorAlert error={revoke.error} title={null} /> : null}
          <Text size="sm">{t('support.grants.revokeBody', { name: confirmRevoke?.supportUser.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmRevoke(null)}>
              {t('support.actions.cancel')}
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => confirmRevoke && revoke.mutate({ id: confirmRevoke.id })} data-testid="support-grant-revoke-confirm">
              {t('support.grants.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function GrantModal({ opened, onClose, userId, userName, onGranted }: { opened: boolean; onClose: () => void; userId: string; userName: string; onGranted: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const staff = useQuery({ ...trpc.users.list.queryOptions({ role: 'SUPPORT', includeDisabled: false }), enabled: opened, meta: { inlineErrors: true } });
  const [holder, setHolder] = useState<string | null>(null);
  const [hours, setHours] = useState<number | string>(2);
  const [reason, setReason] = useState('');
  const grant = useMutation(
    trpc.support.grantPrivateAccess.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async () => {
        close();
        await onGranted();
      },
    }),
  );
  function close() {
    grant.reset();
    setHolder(null);
    setReason('');
    onClose();
  }
  return (
    <Modal opened={opened} onClose={close} title={t('support.grants.grantTitle', { name: userName })} centered>
      <Stack gap="sm" data-testid="support-grant-modal">
        {grant.isError ? <ErrorAlert error={grant.error} title={null} /> : null}
        <Text size="sm">{t('support.grants.grantBody')}</Text>
        <Select
          label={t('support.grants.holder')}
          data={(staff.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
          value={holder}
          onChange={setHolder}
          searchable
          data-testid="support-grant-holder"
        />
        <NumberInput label={t('support.grants.hours')} min={1} max={PRIVATE_GRANT_MAX_HOURS} value={hours} onChange={setHours} data-testid="support-grant-hours" />
        <Textarea label={t('support.grants.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} minRows={2} data-testid="support-grant-reason" />
        <Text size="xs" c="dimmed">
          {t('support.actions.audited')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('support.actions.cancel')}
          </Button>
          <Button
            disabled={!holder || reason.trim().length < 3 || typeof hours !== 'number'}
            loading={grant.isPending}
            onClick={() => holder && typeof hours === 'number' && grant.mutate({ supportUserId: holder, userId, reason, hours })}
            data-testid="support-grant-confirm"
          >
            {t('support.grants.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
