import { useEffect, useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCheckResult } from '../../../../shared/releases.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { useFieldError } from '../../lib/use-field-error.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** A manual verdict on one check; the note says why and stays with it (audited). */
export function OverrideCheckModal({ releaseId, check, onClose }: { releaseId: string; check: TCheckResult | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldError = useFieldError();
  const [status, setStatus] = useState<'passed' | 'failing'>('passed');
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!check) return;
    setStatus(check.override?.status ?? (check.evaluated === 'passed' ? 'failing' : 'passed'));
    setNote(check.override?.note ?? '');
  }, [check]);
  const save = useMutation(
    trpc.releases.override.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (detail) => {
        queryClient.setQueryData(trpc.releases.get.queryKey({ id: releaseId }), detail);
        await queryClient.invalidateQueries({ queryKey: trpc.releases.list.pathKey() });
        close();
      },
    }),
  );
  const failure = save.isError ? readTrpcError(save.error) : null;
  function close() {
    save.reset();
    onClose();
  }

  return (
    <Modal opened={check !== null} onClose={close} title={t('releases.override.title')} centered>
      {check ? (
        <form
          noValidate
          data-testid="override-form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ releaseId, itemId: check.item.id, status, note });
          }}
        >
          <Stack gap="sm">
            <Text size="sm" fw={500}>
              {check.item.title}
            </Text>
            {failure && !failure.fieldErrors.note ? <ErrorAlert error={save.error} title={null} /> : null}
            <SegmentedControl
              value={status}
              onChange={(v) => setStatus(v === 'failing' ? 'failing' : 'passed')}
              data={[
                { value: 'passed', label: t('releases.status.passed') },
                { value: 'failing', label: t('releases.status.failing') },
              ]}
              data-testid="override-status"
            />
            <Textarea label={t('releases.override.note')} description={t('releases.override.noteHelp')} required autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldError(failure?.fieldErrors.note?.[0])} data-autofocus data-testid="override-note" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="override-save">
                {t('releases.override.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
