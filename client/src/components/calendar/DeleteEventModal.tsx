import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TEventListItem } from '../../../../shared/calendar-events.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useInvalidateEvents } from './use-calendar-events.ts';

/** Cancelling is a soft delete that still reaches attendees and feeds: say so, ask once. */
export function DeleteEventModal({
  event,
  opened,
  onClose,
  onDeleted,
}: {
  event: TEventListItem | null;
  opened: boolean;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateEvents = useInvalidateEvents();
  const remove = useMutation(
    trpc.calendarEvents.delete.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async () => {
        notifySuccess(t('calendar.delete.done', { title: event?.title ?? '' }));
        await invalidateEvents();
        remove.reset();
        onDeleted();
      },
    }),
  );

  function close() {
    remove.reset();
    onClose();
  }

  if (!event) return null;
  return (
    <Modal opened={opened} onClose={close} title={t('calendar.delete.title')} centered zIndex={400}>
      <Stack gap="sm" data-testid="event-delete-modal">
        {remove.isError ? <ErrorAlert error={remove.error} title={null} data-testid="event-delete-error" /> : null}
        <Text size="sm">
          {event.attendeeCount > 0
            ? t('calendar.delete.bodyWithAttendees', { title: event.title, count: event.attendeeCount })
            : t('calendar.delete.body', { title: event.title })}
        </Text>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={close} disabled={remove.isPending}>
            {t('calendar.delete.keep')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate({ id: event.id })} data-testid="event-delete-confirm">
            {t('calendar.delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
