import { useEffect } from 'react';
import { Alert, Anchor, Button, Divider, Group, Loader, Modal, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconBrandGoogle, IconExternalLink, IconFlask, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { GOOGLE_CONNECT_PATH } from '../../../../shared/google.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { describeError } from '../../lib/trpc-errors.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { SettingsErrorAlert } from '../settings/SettingsErrorAlert.tsx';
import { GoogleConnectionFacts, GoogleStatusBadge } from './GoogleConnectionFacts.tsx';

/** /settings/calendar: connect, see, sync and disconnect Google Calendar (issue 5). */
export function GoogleConnectionCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.googleCalendar.status.queryOptions(), meta: { inlineErrors: true } });
  const [confirmOpened, confirm] = useDisclosure(false);
  const [params, setParams] = useSearchParams();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.googleCalendar.status.queryKey() });

  // The OAuth callback comes back here with ?google=connected|error&message=…; say it once.
  const outcome = params.get('google');
  useEffect(() => {
    if (!outcome) return;
    if (outcome === 'connected') notifySuccess(t('google.notify.connected'));
    else notifications.show({ color: 'red', autoClose: false, message: t('google.notify.connectFailed', { message: params.get('message') ?? '' }) });
    const next = new URLSearchParams(params);
    next.delete('google');
    next.delete('message');
    setParams(next, { replace: true });
  }, [outcome, params, setParams, t]);

  const sync = useMutation(
    trpc.googleCalendar.syncNow.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (r) => {
        notifySuccess(t('google.notify.synced', { created: r.import.created, updated: r.import.updated, deleted: r.import.deleted, pushed: r.pushed.succeeded }));
        await refresh();
      },
      onError: (error) => {
        const d = describeError(error);
        notifications.show({ color: 'red', message: t('google.notify.syncFailed', { message: t(d.key, d.values) }) });
      },
    }),
  );
  const disconnect = useMutation(
    trpc.googleCalendar.disconnect.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async ({ email }) => {
        notifySuccess(t('google.notify.disconnected', { email }));
        confirm.close();
        await refresh();
      },
    }),
  );

  const data = status.data;
  const account = data?.account ?? null;
  const connectButton = (label: string, color?: string) => (
    <Button component="a" href={GOOGLE_CONNECT_PATH} leftSection={<IconBrandGoogle size={16} />} color={color} data-testid="google-connect">
      {label}
    </Button>
  );

  return (
    <Paper withBorder data-testid="google-connection">
      <Group p={{ base: 'md', sm: 'lg' }} justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 360px' }}>
          <Group gap={8} wrap="nowrap">
            <Title order={3} fz="h4">
              {t('google.title')}
            </Title>
            {data ? <GoogleStatusBadge account={account} /> : null}
            {status.isFetching && data ? <Loader size={14} /> : null}
          </Group>
          <Text size="sm" c="dimmed" maw={640}>
            {account ? t('google.connectedAs', { email: account.email }) : t('google.description')}
          </Text>
        </Stack>
        {data?.configured ? (
          <Group gap="xs">
            {account ? (
              <>
                <Button variant="default" color="red" onClick={confirm.open} data-testid="google-disconnect">
                  {t('google.disconnect')}
                </Button>
                {account.status === 'ACTIVE' ? (
                  <Button leftSection={<IconRefresh size={16} />} loading={sync.isPending} onClick={() => sync.mutate()} data-testid="google-sync-now">
                    {t('google.syncNow')}
                  </Button>
                ) : (
                  connectButton(t('google.reconnect'), 'red')
                )}
              </>
            ) : (
              connectButton(t('google.connect'))
            )}
          </Group>
        ) : null}
      </Group>
      <Divider />
      <Stack p={{ base: 'md', sm: 'lg' }} gap="md">
        {status.isError && !data ? (
          <SettingsErrorAlert error={status.error} title={t('google.loadError')} onRetry={() => void status.refetch()} retrying={status.isFetching} />
        ) : !data ? (
          <Skeleton h={60} />
        ) : !data.configured ? (
          <Text size="sm" c="dimmed" data-testid="google-not-configured">
            {t('google.notConfigured')}
          </Text>
        ) : (
          <>
            {account?.status === 'REAUTH_REQUIRED' ? (
              <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('google.reauth.title')} data-testid="google-reauth">
                <Text size="sm">{t('google.reauth.body', { email: account.email })}</Text>
                {account.reauthEmailSentAt ? (
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('google.reauth.emailSent')} · <RelativeTime date={account.reauthEmailSentAt} size="xs" />
                  </Text>
                ) : null}
              </Alert>
            ) : null}
            {account ? (
              <GoogleConnectionFacts account={account} withStatus={false} />
            ) : (
              <Text size="sm" c="dimmed" data-testid="google-not-connected">
                {t('google.notConnected')}
              </Text>
            )}
            {data.demo ? (
              <Group gap={6} wrap="nowrap">
                <IconFlask size={16} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
                <Text size="xs" c="dimmed">
                  {t('google.demoNote')}{' '}
                  {data.demoControlUrl ? (
                    <Anchor href={data.demoControlUrl} target="_blank" rel="noreferrer" size="xs" data-testid="google-demo-control">
                      {t('google.demoControl')} <IconExternalLink size={12} style={{ verticalAlign: 'middle' }} />
                    </Anchor>
                  ) : null}
                </Text>
              </Group>
            ) : null}
          </>
        )}
      </Stack>

      <Modal opened={confirmOpened} onClose={confirm.close} title={t('google.disconnectConfirm.title')} centered>
        <Stack gap="sm" data-testid="google-disconnect-modal">
          {disconnect.isError ? <SettingsErrorAlert error={disconnect.error} title={null} /> : null}
          <Text size="sm">{t('google.disconnectConfirm.body', { email: account?.email ?? '' })}</Text>
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={confirm.close} disabled={disconnect.isPending}>
              {t('google.disconnectConfirm.cancel')}
            </Button>
            <Button color="red" loading={disconnect.isPending} onClick={() => disconnect.mutate()} data-testid="google-disconnect-confirm">
              {t('google.disconnectConfirm.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
