import type { ReactNode } from 'react';
import { Badge, Button, Code, Divider, EmptyState, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconCalendar, IconCalendarOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TEventDetail } from '../../../../shared/calendar-events.ts';
import { useSessionUser, useTimeContext } from '../../app/session.tsx';
import { isStaff } from '../../../../shared/roles.ts';
import { OwnerGoogleSection } from '../../components/google/OwnerGoogleSection.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { formatExact } from '../../lib/format-time.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { ErrorAlert } from '../../components/common/ErrorAlert.tsx';
import { Field } from '../../components/common/Field.tsx';
import { RelativeTime } from '../../components/common/RelativeTime.tsx';
import { AttendeesTable } from '../../components/calendar/AttendeesTable.tsx';
import { formatEventRange, reminderDueAt, showsOtherZone } from '../../components/calendar/event-format.ts';
import { reminderLabel } from '../../components/calendar/reminder-label.ts';
import { instantToWallClock } from '../../components/calendar/event-form-values.ts';
import { ReminderSent } from '../../components/events/ReminderSent.tsx';
import { EventDeliveries } from '../../components/reminders/EventDeliveries.tsx';

function Section({ title, children, testId, aside }: { title: string; children: ReactNode; testId: string; aside?: ReactNode }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md">
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}

/** /events/:id — what support asks first (did the reminder go out, to whom) on top, then the rest. */
export function EventDetailPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { id = '' } = useParams();
  const location = useLocation();
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch;
  const backTo = `/events${listSearch ? `?${listSearch}` : ''}`;
  const detail = useQuery({ ...trpc.calendarEvents.get.queryOptions({ id }), meta: { inlineErrors: true } });
  const code = detail.isError ? readTrpcError(detail.error).code : null;
  // A malformed id is as missing as an unknown one.
  const missing = code === 'NOT_FOUND' || code === 'BAD_REQUEST';

  const back = (
    <Button component={Link} to={backTo} variant="default" leftSection={<IconArrowLeft size={16} />} data-testid="event-detail-back">
      {t('events.detail.back')}
    </Button>
  );

  if (detail.isPending) {
    return (
      <>
        <PageHeader title={t('events.detail.loading')} actions={back} />
        <Stack gap="md" data-testid="event-detail-loading">
          <Skeleton height={96} />
          <Skeleton height={160} />
          <Skeleton height={220} />
        </Stack>
      </>
    );
  }
  if (missing) {
    return (
      <>
        <PageHeader title={t('events.detail.notFound.title')} actions={back} />
        <Paper withBorder p="xl" data-testid="event-detail-missing">
          <EmptyState
            icon={<IconCalendarOff size={26} />}
            withIndicatorBackground
            title={t('events.detail.notFound.title')}
            description={t('events.detail.notFound.description')}
          />
        </Paper>
      </>
    );
  }
  if (detail.isError) {
    return (
      <>
        <PageHeader title={t('events.title')} actions={back} />
        <ErrorAlert error={detail.error} title={t('events.detail.loadError')} onRetry={() => void detail.refetch()} retrying={detail.isFetching} />
      </>
    );
  }
  return <EventDetailBody event={detail.data} back={back} />;
}

function EventDetailBody({ event, back }: { event: TEventDetail; back: ReactNode }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const viewer = useSessionUser();
  const due = reminderDueAt(event);
  const cancelled = event.deletedAt !== null;
  const calendarLink = `/calendar?${new URLSearchParams({ view: 'week', date: event.allDay ? event.start : instantToWallClock(event.startsAt, ctx.timeZone).date, event: event.id })}`;

  return (
    <>
      <PageHeader
        title={event.title}
        subtitle={
          <Group gap={6} component="span">
            {cancelled ? (
              <Badge color="gray" variant="filled" data-testid="event-detail-cancelled">
                {t('events.status.cancelled')}
              </Badge>
            ) : (
              <Badge color="indigo" variant="light">
                {t('events.status.scheduled')}
              </Badge>
            )}
            <span>{formatEventRange(event, ctx.timeZone, ctx.locale)}</span>
          </Group>
        }
        actions={
          <>
            {back}
            {!cancelled ? (
              <Button component={Link} to={calendarLink} variant="light" leftSection={<IconCalendar size={16} />} data-testid="event-open-calendar">
                {t('events.detail.openInCalendar')}
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="md" data-testid="event-detail" data-event-id={event.id}>
        <Section title={t('events.detail.reminderSection')} testId="event-reminder">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Field label={t('events.detail.reminderMinutes')} testId="event-reminder-minutes">
              <Text size="sm" fw={500}>
                {reminderLabel(t, event.reminderMinutes)}
                {event.reminderMinutes !== null ? (
                  <Text span size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {' '}
                    {t('events.detail.minutesRaw', { count: event.reminderMinutes })}
                  </Text>
                ) : null}
              </Text>
            </Field>
            <Field label={t('events.detail.reminderDue')} testId="event-reminder-due">
              {due ? (
                <Tooltip label={formatExact(due, ctx)}>
                  <Text size="sm" component="time" dateTime={due.toISOString()}>
                    {new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone }).format(due)}
                  </Text>
                </Tooltip>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Field>
            <Field label={t('events.detail.reminderSentAt')} testId="event-reminder-sent-at">
              <ReminderSent event={event} />
            </Field>
          </SimpleGrid>
        </Section>

        <Section
          title={t('deliveries.section')}
          testId="event-deliveries"
          aside={
            <Text size="xs" c="dimmed">
              {t('deliveries.sectionHint')}
            </Text>
          }
        >
          <EventDeliveries eventId={event.id} />
        </Section>

        <Section
          title={t('events.detail.attendeesSection', { count: event.attendees.length })}
          testId="event-attendees"
          aside={
            <Text size="xs" c="dimmed">
              {t('events.detail.attendeesHint')}
            </Text>
          }
        >
          <AttendeesTable attendees={event.attendees} withUser />
        </Section>

        {isStaff(viewer.role) ? (
          <Section
            title={t('google.support.title')}
            testId="event-owner-google"
            aside={
              <Text size="xs" c="dimmed">
                {t('google.support.hint')}
              </Text>
            }
          >
            <OwnerGoogleSection ownerId={event.owner.id} eventId={event.id} />
          </Section>
        ) : null}

        <Section title={t('events.detail.eventSection')} testId="event-detail-rest">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="md">
            <Field label={t('events.detail.whenYours', { zone: ctx.timeZone })} testId="event-detail-when">
              <Text size="sm">{formatEventRange(event, ctx.timeZone, ctx.locale)}</Text>
            </Field>
            <Field label={t('events.detail.whenEvent', { zone: event.timezone })} testId="event-detail-when-event">
              <Text size="sm" c={showsOtherZone(event, ctx.timeZone) ? undefined : 'dimmed'}>
                {formatEventRange(event, event.timezone, ctx.locale)}
              </Text>
              <Text size="xs" c="dimmed">
                {event.allDay ? t('events.detail.enteredAllDay', { start: event.start, end: event.end }) : t('events.detail.entered', { start: event.start, end: event.end })}
              </Text>
            </Field>
            <Field label={t('events.detail.owner')} testId="event-detail-owner">
              <Text size="sm">{event.owner.name}</Text>
              <Text size="xs" c="dimmed">
                {event.owner.email}
              </Text>
            </Field>
            <Field label={t('events.detail.location')}>
              <Text size="sm" c={event.location ? undefined : 'dimmed'} style={{ wordBreak: 'break-word' }}>
                {event.location ?? '—'}
              </Text>
            </Field>
            <Field label={t('events.detail.sequence')} testId="event-detail-sequence">
              <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {event.sequence}
              </Text>
            </Field>
            <Field label={t('events.detail.updatedAt')}>
              <RelativeTime date={event.updatedAt} />
            </Field>
            <Field label={t('events.detail.createdAt')}>
              <RelativeTime date={event.createdAt} />
            </Field>
            {cancelled ? (
              <Field label={t('events.detail.cancelledAt')}>
                <RelativeTime date={event.deletedAt} />
              </Field>
            ) : null}
            <Field label={t('events.detail.id')}>
              <Code>{event.id}</Code>
            </Field>
          </SimpleGrid>
          <Divider my="md" />
          <Field label={t('events.detail.description')}>
            <Text size="sm" c={event.description ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {event.descriptionWithheld ? t('events.detail.descriptionWithheld') : (event.description ?? '—')}
            </Text>
          </Field>
        </Section>
      </Stack>
    </>
  );
}
