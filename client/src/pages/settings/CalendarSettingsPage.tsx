import { useState } from 'react';
import { Button, Center, Divider, EmptyState, Group, Loader, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarShare, IconInfoCircle, IconLinkOff, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ICS_MAX_ACTIVE_LINKS, type TIcsLink } from '../../../../shared/ics.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { IcsLinksTable } from '../../components/settings/IcsLinksTable.tsx';
import { CreateIcsLinkModal } from '../../components/settings/CreateIcsLinkModal.tsx';
import { RevokeIcsLinkModal } from '../../components/settings/RevokeIcsLinkModal.tsx';
import { RevokeAllIcsLinksModal } from '../../components/settings/RevokeAllIcsLinksModal.tsx';
import { SettingsErrorAlert } from '../../components/settings/SettingsErrorAlert.tsx';
import { GoogleConnectionCard } from '../../components/google/GoogleConnectionCard.tsx';

/** Google Calendar sync, then ICS subscription links: create (URL shown once), see which app last fetched each, revoke one or all. */
export function CalendarSettingsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const links = useQuery({ ...trpc.icsLinks.list.queryOptions(), meta: { inlineErrors: true } });
  const rows = links.data;

  const [createOpened, createModal] = useDisclosure(false);
  const [revokeAllOpened, revokeAllModal] = useDisclosure(false);
  // The link outlives `opened` so the modal keeps its text while it animates out.
  const [target, setTarget] = useState<{ link: TIcsLink; opened: boolean } | null>(null);

  const atLimit = (rows?.length ?? 0) >= ICS_MAX_ACTIVE_LINKS;
  const newLink = (
    <Tooltip label={t('settings.calendar.limitReached')} disabled={!atLimit}>
      <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} disabled={atLimit} data-testid="ics-new-link">
        {t('settings.calendar.newLink')}
      </Button>
    </Tooltip>
  );

  return (
    <Stack gap="md">
    <GoogleConnectionCard />
    <Paper withBorder data-testid="settings-calendar">
      <Group p={{ base: 'md', sm: 'lg' }} justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 360px' }}>
          <Group gap={8} wrap="nowrap">
            <Title order={3} fz="h4">
              {t('settings.calendar.title')}
            </Title>
            {links.isFetching && rows ? <Loader size={14} aria-label={t('settings.calendar.loading')} /> : null}
          </Group>
          <Text size="sm" c="dimmed" maw={640}>
            {t('settings.calendar.description')}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconLinkOff size={16} color={rows && rows.length > 0 ? 'var(--mantine-color-red-filled)' : undefined} />}
            onClick={revokeAllModal.open}
            disabled={!rows || rows.length === 0}
            data-testid="ics-revoke-all"
          >
            {t('settings.calendar.revokeAll')}
          </Button>
          {newLink}
        </Group>
      </Group>
      <Divider />

      {links.isError && !rows ? (
        <Stack p="md">
          <SettingsErrorAlert
            error={links.error}
            title={t('settings.calendar.loadError')}
            onRetry={() => void links.refetch()}
            retrying={links.isFetching}
            data-testid="ics-links-error"
          />
        </Stack>
      ) : rows && rows.length === 0 ? (
        <Center p="xl">
          <EmptyState
            icon={<IconCalendarShare size={26} />}
            withIndicatorBackground
            title={t('settings.calendar.empty.title')}
            description={t('settings.calendar.empty.description')}
            maw={560}
            data-testid="ics-links-empty"
          >
            <EmptyState.Actions>
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={createModal.open}>
                {t('settings.calendar.empty.action')}
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Center>
      ) : (
        <>
          <IcsLinksTable links={rows} loading={links.isFetching} onRevoke={(link) => setTarget({ link, opened: true })} />
          <Divider />
          <Group p="sm" px={{ base: 'md', sm: 'lg' }} justify="space-between" gap="xs" wrap="wrap">
            <Group gap={6} wrap="nowrap" style={{ flex: '1 1 360px' }}>
              <IconInfoCircle size={16} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
              <Text size="xs" c="dimmed">
                {t('settings.calendar.readOnlyNote')}
              </Text>
            </Group>
            {rows ? (
              <Text size="xs" c="dimmed" data-testid="ics-links-count">
                {t('settings.calendar.count', { count: rows.length, max: ICS_MAX_ACTIVE_LINKS })}
              </Text>
            ) : null}
          </Group>
        </>
      )}

      <CreateIcsLinkModal opened={createOpened} onClose={createModal.close} />
      <RevokeIcsLinkModal
        link={target?.link ?? null}
        opened={target?.opened ?? false}
        onClose={() => setTarget((current) => (current ? { ...current, opened: false } : null))}
      />
      <RevokeAllIcsLinksModal count={rows?.length ?? 0} opened={revokeAllOpened} onClose={revokeAllModal.close} />
    </Paper>
    </Stack>
  );
}
