import { useEffect, useState } from 'react';
import { Button, Center, CloseButton, EmptyState, Grid, Group, Loader, Modal, Paper, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMailbox, IconMailOff, IconRefresh, IconSearch, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { MailList } from '../../components/mailbox/MailList.tsx';
import { MailView } from '../../components/mailbox/MailView.tsx';
import { RunReminderScanButton } from '../../components/reminders/RunReminderScanButton.tsx';
import { usePatchSearchParams } from '../../lib/use-patch-search-params.ts';
import { ListEmptyState } from '../../components/common/ListEmptyState.tsx';

/** /mailbox — the local mail catcher's inbox (CAL-O1), like MailHog, for development and demos. */
export function MailboxPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.mailbox.status.queryOptions(), meta: { inlineErrors: true } });
  if (status.isPending) return <PageHeader title={t('mailbox.title')} />;
  if (status.isError) {
    return (
      <>
        <PageHeader title={t('mailbox.title')} />
        <ErrorAlert error={status.error} title={t('mailbox.loadError')} onRetry={() => void status.refetch()} retrying={status.isFetching} />
      </>
    );
  }
  if (!status.data.enabled) {
    return (
      <>
        <PageHeader title={t('mailbox.title')} />
        <Paper withBorder p="xl">
          <EmptyState icon={<IconMailOff size={26} />} withIndicatorBackground title={t('mailbox.disabled.title')} description={t('mailbox.disabled.description')} data-testid="mailbox-disabled" />
        </Paper>
      </>
    );
  }
  return <Mailbox smtpUrl={status.data.smtpUrl ?? ''} />;
}

function Mailbox({ smtpUrl }: { smtpUrl: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const patchParams = usePatchSearchParams();
  const selectedId = params.get('id');
  const [searchText, setSearchText] = useState(params.get('q') ?? '');
  const [search] = useDebouncedValue(searchText.trim(), 250);
  const [confirmClear, setConfirmClear] = useState(false);

  useEffect(() => {
    patchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (search) next.set('q', search);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [search, patchParams]);

  // New mail shows up on its own while the page is open, as in MailHog.
  const list = useQuery({
    ...trpc.mailbox.list.queryOptions({ limit: 200, ...(search ? { search } : {}) }),
    refetchInterval: 5000,
    placeholderData: keepPreviousData,
    meta: { inlineErrors: true },
  });
  const clear = useMutation({
    ...trpc.mailbox.clear.mutationOptions(),
    onSuccess: ({ deleted }) => {
      setConfirmClear(false);
      notifySuccess(t('mailbox.cleared', { count: deleted }));
      select(null);
      void queryClient.invalidateQueries({ queryKey: trpc.mailbox.pathKey() });
    },
  });
  const select = (id: string | null) =>
    patchParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('id', id);
      else next.delete('id');
      return next;
    });

  const items = list.data?.items;
  return (
    <>
      <PageHeader
        title={t('mailbox.title')}
        subtitle={t('mailbox.subtitle', { url: smtpUrl })}
        actions={
          <>
            <RunReminderScanButton />
            <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending} data-testid="mailbox-refresh">
              {t('mailbox.refresh')}
            </Button>
            <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmClear(true)} disabled={!list.data?.total} data-testid="mailbox-clear">
              {t('mailbox.clear')}
            </Button>
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Paper withBorder>
            <Group p="sm" gap="xs" justify="space-between" wrap="nowrap">
              <TextInput
                aria-label={t('mailbox.search')}
                placeholder={t('mailbox.searchPlaceholder')}
                leftSection={<IconSearch size={16} />}
                value={searchText}
                onChange={(e) => setSearchText(e.currentTarget.value)}
                rightSection={searchText ? <CloseButton size="sm" aria-label={t('mailbox.clearSearch')} onClick={() => setSearchText('')} /> : null}
                style={{ flex: 1 }}
                data-testid="mailbox-search"
              />
              {list.isFetching && items ? <Loader size={14} /> : null}
            </Group>
            {list.data ? (
              <Text size="xs" c="dimmed" px="sm" pb="xs" data-testid="mailbox-count">
                {list.data.total > list.data.items.length ? t('mailbox.countOf', { shown: list.data.items.length, total: list.data.total }) : t('mailbox.count', { count: list.data.total })}
              </Text>
            ) : null}
            {list.isError && !items ? (
              <Stack p="sm">
                <ErrorAlert error={list.error} title={t('mailbox.loadError')} onRetry={() => void list.refetch()} retrying={list.isFetching} />
              </Stack>
            ) : items && items.length === 0 ? (
              <ListEmptyState
                icon={<IconMailbox size={26} />}
                filtered={Boolean(search)}
                empty={{ title: t('mailbox.empty.title'), description: t('mailbox.empty.description') }}
                noMatch={{ title: t('mailbox.noMatch.title'), description: t('mailbox.noMatch.description') }}
                testId="mailbox-empty"
              />
            ) : items ? (
              <ScrollArea.Autosize mah="70vh">
                <MailList mails={items} selectedId={selectedId} onSelect={select} />
              </ScrollArea.Autosize>
            ) : (
              <Center p="xl">
                <Loader size="sm" />
              </Center>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Paper withBorder p="md" mih={240}>
            {selectedId ? (
              <MailView key={selectedId} id={selectedId} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('mailbox.pick')}
              </Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      <Modal opened={confirmClear} onClose={() => setConfirmClear(false)} title={t('mailbox.clearTitle')}>
        <Stack>
          <Text size="sm">{t('mailbox.clearBody', { count: list.data?.total ?? 0 })}</Text>
          {clear.isError ? <ErrorAlert error={clear.error} title={t('mailbox.loadError')} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmClear(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => clear.mutate()} loading={clear.isPending} data-testid="mailbox-clear-confirm">
              {t('mailbox.clearConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
