import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TJobDetail } from '../../../../shared/jobs.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useJobErrorText } from './use-job-error-text.ts';

export type JobActionKind = 'retry' | 'runNow' | 'disable' | 'enable' | 'delete';

/** Says what the action will do to which job, then does it on one click (every action is audited). */
export function JobActionModal({ job, action, onClose, onDeleted }: { job: TJobDetail; action: JobActionKind | null; onClose: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useJobErrorText();
  const onSuccess = async () => {
    notifySuccess(t(`jobs.actions.done.${action ?? 'retry'}`, { name: job.name }));
    close();
    // Closed first: a refetch of the deleted job would only answer NOT_FOUND.
    if (action === 'delete') onDeleted();
    await queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
  };
  const options = { meta: { inlineErrors: true }, onSuccess };
  const retry = useMutation(trpc.jobs.retry.mutationOptions(options));
  const runNow = useMutation(trpc.jobs.runNow.mutationOptions(options));
  const setDisabled = useMutation(trpc.jobs.setDisabled.mutationOptions(options));
  const remove = useMutation(trpc.jobs.delete.mutationOptions(options));
  const mutation = action === 'retry' ? retry : action === 'runNow' ? runNow : action === 'delete' ? remove : setDisabled;

  function close() {
    for (const m of [retry, runNow, setDisabled, remove]) m.reset();
    onClose();
  }

  function submit() {
    const id = { id: job.id };
    if (action === 'retry') retry.mutate(id);
    else if (action === 'runNow') runNow.mutate(id);
    else if (action === 'delete') remove.mutate(id);
    else if (action) setDisabled.mutate({ ...id, disabled: action === 'disable' });
  }

  const destructive = action === 'delete' || action === 'disable';
  return (
    <Modal opened={action !== null} onClose={close} title={action ? t(`jobs.actions.confirm.${action}Title`, { name: job.name }) : null} centered>
      {action ? (
        <Stack gap="sm" data-testid="job-action-modal" data-action={action}>
          {mutation.isError ? <ErrorAlert error={mutation.error} title={null} text={errorText} data-testid="job-action-error" /> : null}
          <Text size="sm">{action === 'delete' && !job.repeatInterval ? t('jobs.actions.confirm.deleteBodyOneOff') : t(`jobs.actions.confirm.${action}Body`)}</Text>
          {action === 'delete' && job.state === 'running' ? (
            <Text size="sm" c="red">
              {t('jobs.actions.confirm.deleteRunning')}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {t('jobs.actions.confirm.audited')}
          </Text>
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close} disabled={mutation.isPending}>
              {t('common.cancel')}
            </Button>
            <Button color={destructive ? 'red' : 'blue'} loading={mutation.isPending} onClick={submit} data-testid="job-action-confirm">
              {t(`jobs.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
