import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TJobState, TJobWorkerStatus } from '../../../../shared/jobs.ts';
import { JOB_STATE_COLOR, WORKER_STATUS_COLOR } from './job-format.ts';

export function JobStateBadge({ state }: { state: TJobState }) {
  const { t } = useTranslation();
  return (
    <Badge color={JOB_STATE_COLOR[state]} variant={state === 'failed' || state === 'running' ? 'filled' : 'light'} size="sm" data-testid="job-state" data-state={state}>
      {t(`jobs.state.${state}`)}
    </Badge>
  );
}

export function WorkerStatusBadge({ status }: { status: TJobWorkerStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={WORKER_STATUS_COLOR[status]} variant="filled" size="sm" data-testid="worker-status" data-status={status}>
      {t(`jobs.workers.status.${status}`)}
    </Badge>
  );
}
