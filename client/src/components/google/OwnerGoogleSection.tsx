import { Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { GoogleConnectionFacts } from './GoogleConnectionFacts.tsx';

const LINK_COLORS = { PENDING: 'yellow', SYNCED: 'green', FAILED: 'red' } as const;

/** CAL-O2's last check on the event page: the organiser's Account row and this event's mirror. */
export function OwnerGoogleSection({ ownerId, eventId }: { ownerId: string; eventId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const connection = useQuery({ ...trpc.googleCalendar.forUser.queryOptions({ userId: ownerId }), meta: { inlineErrors: true } });
  const link = useQuery({ ...trpc.googleCalendar.eventLink.queryOptions({ eventId }), meta: { inlineErrors: true } });

  if (connection.isError) return <ErrorAlert error={connection.error} onRetry={() => void connection.refetch()} />;
  if (!connection.data) return <Skeleton h={80} />;
  const account = connection.data.account;
  return (
    <Stack gap="md" data-testid="owner-google">
      {account ? <GoogleConnectionFacts account={account} withErrors /> : <Text size="sm" c="dimmed">{t('google.support.noAccount')}</Text>}
      <Group gap="xs" data-testid="event-google-link">
        <Text size="xs" c="dimmed" fw={600}>
          {t('google.support.eventLink')}
        </Text>
        {link.data ? (
          <>
            <Badge variant="light" color={LINK_COLORS[link.data.state]} data-state={link.data.state}>
              {t(`google.support.linkState.${link.data.state}`)}
            </Badge>
            {link.data.attempts > 0 ? (
              <Text size="xs" c="dimmed">
                {t('google.support.attempts', { count: link.data.attempts })}
              </Text>
            ) : null}
            {link.data.lastPushedAt ? <RelativeTime date={link.data.lastPushedAt} size="xs" /> : null}
            {link.data.lastError ? (
              <Text size="xs" c="red">
                {link.data.lastError}
              </Text>
            ) : null}
          </>
        ) : link.isSuccess ? (
          <Badge variant="light" color="gray">
            {t('google.support.linkState.none')}
          </Badge>
        ) : null}
      </Group>
    </Stack>
  );
}
