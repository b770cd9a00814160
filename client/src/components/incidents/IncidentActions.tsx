import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconCheck, IconCircleCheck, IconNote } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TIncidentDetail } from '../../../../shared/alerts.ts';
import { useSessionUser } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { useFieldError } from '../../lib/use-field-error.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

export function useInvalidateIncident(id: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: trpc.incidents.get.queryKey({ id }) }), queryClient.invalidateQueries({ queryKey: trpc.incidents.list.pathKey() })]);
}

/** A note (support and admins) or a resolve-with-note (admins): one modal, two purposes. */
function NoteModal({ incident, mode, onClose }: { incident: TIncidentDetail; mode: 'note' | 'resolve' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldError = useFieldError();
  const invalidate = useInvalidateIncident(incident.id);
  const [text, setText] = useState('');
  const options = {
    meta: { inlineErrors: true },
    onSuccess: async () => {
      await invalidate();
      notifySuccess(mode === 'resolve' ? t('incidents.actions.resolved') : t('incidents.actions.noted'));
      close();
    },
  };
  const note = useMutation(trpc.incidents.addNote.mutationOptions(options));
  const resolve = useMutation(trpc.incidents.resolve.mutationOptions(options));
  const active = mode === 'resolve' ? resolve : note;
  const failure = active.isError ? readTrpcError(active.error) : null;
  const fieldMessage = failure?.fieldErrors.body?.[0] ?? failure?.fieldErrors.note?.[0];
  function close() {
    note.reset();
    resolve.reset();
    setText('');
    onClose();
  }
  return (
    <Modal opened={mode !== null} onClose={close} title={mode === 'resolve' ? t('incidents.actions.resolveTitle', { number: incident.number }) : t('incidents.actions.noteTitle')} centered>
      <form
        noValidate
        data-testid={mode === 'resolve' ? 'resolve-form' : 'note-form'}
        onSubmit={(e) => {
          e.preventDefault();
          if (mode === 'resolve') resolve.mutate({ id: incident.id, note: text });
          else note.mutate({ id: incident.id, body: text });
        }}
      >
        <Stack gap="sm">
          {mode === 'resolve' ? <Text size="sm">{t('incidents.actions.resolveHelp')}</Text> : null}
          {failure && !fieldMessage ? <ErrorAlert error={active.error} title={null} /> : null}
          <Textarea
            label={mode === 'resolve' ? t('incidents.actions.resolveNote') : t('incidents.actions.note')}
            required
            autosize
            minRows={3}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fieldError(fieldMessage)}
            data-autofocus
            data-testid="incident-note-text"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={mode === 'resolve' ? 'green' : undefined} loading={active.isPending} data-testid="incident-note-save">
              {mode === 'resolve' ? t('incidents.actions.resolve') : t('incidents.actions.addNote')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function IncidentActions({ incident }: { incident: TIncidentDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const isAdmin = useSessionUser().role === 'ADMIN';
  const invalidate = useInvalidateIncident(incident.id);
  const [mode, setMode] = useState<'note' | 'resolve' | null>(null);
  const ack = useMutation(
    trpc.incidents.acknowledge.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        notifySuccess(t('incidents.actions.acknowledged'));
      },
    }),
  );
  const unresolved = incident.status !== 'RESOLVED';
  return (
    <>
      <Group gap="xs">
        {incident.status === 'OPEN' ? (
          <Button leftSection={<IconCheck size={16} />} onClick={() => ack.mutate({ id: incident.id })} loading={ack.isPending} data-testid="incident-acknowledge">
            {t('incidents.actions.acknowledge')}
          </Button>
        ) : null}
        <Button variant="default" leftSection={<IconNote size={16} />} onClick={() => setMode('note')} data-testid="incident-add-note">
          {t('incidents.actions.addNote')}
        </Button>
        {isAdmin && unresolved ? (
          <Button variant="light" color="green" leftSection={<IconCircleCheck size={16} />} onClick={() => setMode('resolve')} data-testid="incident-resolve">
            {t('incidents.actions.resolve')}
          </Button>
        ) : null}
      </Group>
      <NoteModal incident={incident} mode={mode} onClose={() => setMode(null)} />
    </>
  );
}
