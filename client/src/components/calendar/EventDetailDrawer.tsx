import type { ReactNode } from 'react';
import { Badge, Button, Divider, Drawer, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlarm, IconEdit, IconMapPin, IconTrash, IconUser, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RSVP_STATUSES, type TEventDetail, type TRsvpStatus } from '../../../../shared/calendar-events.ts';
import { useSessionUser } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { AttendeesTable } from './AttendeesTable.tsx';
import { EventWhen } from './EventWhen.tsx';
import { RSVP_COLOR } from './RsvpBadge.tsx';
import { reminderLabel } from './reminder-label.ts';
import { useInvalidateEvents } from './use-calendar-events.ts';

const ANSWERS = RSVP_STATUSES.filter((s) => s !== 'NEEDS_ACTION');

function Row({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap">
      <Text c="dimmed" mt={2} aria-hidden>
        {icon}
      </Text>
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        {children}
      </Stack>
    </Group>
  );
}

/** One event, read in the viewer's zone: what, when, where, who, the reminder; edit or answer. */
export function EventDetailDrawer({
  eventId,
  opened,
  onClose,
  onEdit,
  onDelete,
}: {
  eventId: string | null;
  opened: boolean;
  onClose: () => void;
  onEdit: (event: TEventDetail) => void;
  onDelete: (event: TEventDetail) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSessionUser();
  const invalidateEvents = useInvalidateEvents();
  const narrow = useMediaQuery('(max-width: 48em)');
  const detail = useQuery({
    ...trpc.calendarEvents.get.queryOptions({ id: eventId ?? '' }),
    enabled: eventId !== null,
    meta: { inlineErrors: true },
  });
  const respond = useMutation(
    trpc.calendarEvents.respond.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (event) => {
        notifySuccess(t('calendar.detail.answered', { answer: t(`calendar.rsvp.${event.myRsvp ?? 'NEEDS_ACTION'}`) }));
        await invalidateEvents();
      },
    }),
  );

  const event = detail.data;
  const notFound = detail.isError && readTrpcError(detail.error).code === 'NOT_FOUND';

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position={narrow ? 'bottom' : 'right'}
      size={narrow ? '85%' : 'md'}
      title={<Text fw={600}>{t('calendar.detail.heading')}</Text>}
    >
      <Stack gap="md" data-testid="event-detail" data-event-id={eventId ?? undefined}>
        {detail.isPending && eventId ? (
          <Stack gap="sm">
            <Skeleton height={24} width="70%" />
            <Skeleton height={14} width="50%" />
            <Skeleton height={60} />
          </Stack>
        ) : notFound ? (
          <Text size="sm" c="dimmed" data-testid="event-detail-missing">
            {t('calendar.detail.missing')}
          </Text>
        ) : detail.isError ? (
          <ErrorAlert error={detail.error} title={t('calendar.detail.loadError')} onRetry={() => void detail.refetch()} retrying={detail.isFetching} />
        ) : event ? (
          <>
            <Stack gap={4}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Title order={3} fz="h4" style={{ wordBreak: 'break-word' }} data-testid="event-detail-title">
                  {event.title}
                </Title>
                {event.deletedAt ? (
                  <Badge color="red" variant="light">
                    {t('events.status.cancelled')}
                  </Badge>
                ) : null}
              </Group>
              <EventWhen event={event} />
            </Stack>

            {event.myRsvp !== null ? (
              <Stack gap={6}>
                <Text size="sm" fw={500}>
                  {t('calendar.detail.yourAnswer')}
                </Text>
                <Group gap="xs">
                  {ANSWERS.map((answer: TRsvpStatus) => (
                    <Button
                      key={answer}
                      size="xs"
                      color={RSVP_COLOR[answer]}
                      variant={event.myRsvp === answer ? 'filled' : 'light'}
                      loading={respond.isPending && respond.variables?.rsvp === answer}
                      onClick={() => respond.mutate({ id: event.id, rsvp: answer })}
                      aria-pressed={event.myRsvp === answer}
                      data-testid={`event-rsvp-${answer.toLowerCase()}`}
                    >
                      {t(`calendar.rsvpAction.${answer}`)}
                    </Button>
                  ))}
                </Group>
                {respond.isError ? <ErrorAlert error={respond.error} title={null} /> : null}
              </Stack>
            ) : null}

            <Divider />

            <Stack gap="sm">
              {event.owner.id !== me.id ? (
                <Row icon={<IconUser size={18} />} label={t('calendar.detail.organiser')}>
                  <Text size="sm" data-testid="event-detail-owner">
                    {event.owner.name}{' '}
                    <Text span size="sm" c="dimmed">
                      {event.owner.email}
                    </Text>
                  </Text>
                </Row>
              ) : null}
              <Row icon={<IconMapPin size={18} />} label={t('calendar.detail.location')}>
                <Text size="sm" c={event.location ? undefined : 'dimmed'} style={{ wordBreak: 'break-word' }}>
                  {event.location ?? t('calendar.detail.noLocation')}
                </Text>
              </Row>
              <Row icon={<IconAlarm size={18} />} label={t('calendar.detail.reminder')}>
                <Text size="sm" data-testid="event-detail-reminder">
                  {reminderLabel(t, event.reminderMinutes)}
                </Text>
              </Row>
              {event.description ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="event-detail-description">
                  {event.description}
                </Text>
              ) : null}
            </Stack>

            <Divider />

            <Row icon={<IconUsers size={18} />} label={t('calendar.detail.attendees', { count: event.attendees.length })}>
              <AttendeesTable attendees={event.attendees} />
            </Row>

            {event.canEdit && !event.deletedAt ? (
              <Group justify="space-between" mt="sm">
                <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => onDelete(event)} data-testid="event-delete">
                  {t('calendar.detail.delete')}
                </Button>
                <Button leftSection={<IconEdit size={16} />} onClick={() => onEdit(event)} data-testid="event-edit">
                  {t('calendar.detail.edit')}
                </Button>
              </Group>
            ) : null}
          </>
        ) : null}
      </Stack>
    </Drawer>
  );
}
