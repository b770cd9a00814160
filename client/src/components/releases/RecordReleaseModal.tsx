import '@mantine/dates/styles.css';
import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { useFieldError } from '../../lib/use-field-error.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

type Values = { version: string; environment: string; commitSha: string; notes: string; releasedAt: string | null };
const EMPTY: Values = { version: '', environment: 'production', commitSha: '', notes: '', releasedAt: null };

/** An admin records a deploy by hand (CI uses POST /api/releases); then the checklist opens. */
export function RecordReleaseModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const fieldError = useFieldError();
  const [values, setValues] = useState<Values>(EMPTY);
  const record = useMutation(
    trpc.releases.create.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (release) => {
        notifySuccess(t('releases.record.success', { version: release.version }));
        await queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() });
        close();
        void navigate(`/health/releases/${release.id}`);
      },
    }),
  );
  const failure = record.isError ? readTrpcError(record.error) : null;
  const errors = failure?.fieldErrors ?? {};
  // The value is read now: React may run the updater after the event's currentTarget is gone.
  const set = (k: keyof Values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [k]: value }));
  };

  function close() {
    setValues(EMPTY);
    record.reset();
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title={t('releases.record.title')} centered>
      <form
        noValidate
        data-testid="release-form"
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate({
            version: values.version,
            environment: values.environment,
            commitSha: values.commitSha || null,
            notes: values.notes,
            releasedAt: values.releasedAt ? new Date(values.releasedAt) : undefined,
          });
        }}
      >
        <Stack gap="sm">
          {failure && !Object.keys(errors).length ? <ErrorAlert error={record.error} title={null} /> : null}
          <TextInput label={t('releases.record.version')} placeholder="2026.12.1" required data-autofocus value={values.version} onChange={set('version')} error={fieldError(errors.version?.[0])} data-testid="release-version" />
          <TextInput label={t('releases.record.environment')} value={values.environment} onChange={set('environment')} error={fieldError(errors.environment?.[0])} data-testid="release-environment" />
          <TextInput label={t('releases.record.commit')} placeholder="9f1c2ab" value={values.commitSha} onChange={set('commitSha')} error={fieldError(errors.commitSha?.[0])} spellCheck={false} data-testid="release-commit" />
          <DateTimePicker
            label={t('releases.record.releasedAt')}
            description={t('releases.record.releasedAtHelp')}
            value={values.releasedAt}
            onChange={(v) => setValues((s) => ({ ...s, releasedAt: v }))}
            clearable
            maxDate={new Date()}
            error={fieldError(errors.releasedAt?.[0])}
          />
          <Textarea label={t('releases.record.notes')} autosize minRows={2} value={values.notes} onChange={set('notes')} error={fieldError(errors.notes?.[0])} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending} data-testid="release-submit">
              {t('releases.record.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
