import { useEffect, useState } from 'react';
import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useTimeContext } from '../../app/session.tsx';
import { formatExact } from '../../lib/format-time.ts';

export const REFRESH_MS = 30_000;

function useSecondsSince(at: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 5_000);
    return () => window.clearInterval(id);
  }, []);
  return Math.max(0, Math.round((now - at) / 1000));
}

/**
 * "Updated 12 s ago", pause/resume and refresh now. A fixed custom window does not refresh by
 * itself (its numbers do not move), so only "refresh now" is offered there.
 */
export function AutoRefresh({
  paused,
  onPausedChange,
  updatedAt,
  refreshing,
  onRefresh,
  canAutoRefresh,
}: {
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  updatedAt: number;
  refreshing: boolean;
  onRefresh: () => void;
  canAutoRefresh: boolean;
}) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const seconds = useSecondsSince(updatedAt);
  const running = canAutoRefresh && !paused;
  return (
    <Group gap={6} wrap="nowrap" data-testid="auto-refresh" data-state={running ? 'running' : canAutoRefresh ? 'paused' : 'off'}>
      {updatedAt ? (
        <Tooltip label={formatExact(new Date(updatedAt), ctx)}>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="updated-at">
            {running ? t('health.refresh.updatedLive', { seconds }) : t('health.refresh.updated', { seconds })}
          </Text>
        </Tooltip>
      ) : null}
      {canAutoRefresh ? (
        <Tooltip label={paused ? t('health.refresh.resume') : t('health.refresh.pause')}>
          <ActionIcon
            variant="default"
            size="md"
            aria-label={paused ? t('health.refresh.resume') : t('health.refresh.pause')}
            aria-pressed={paused}
            onClick={() => onPausedChange(!paused)}
            data-testid="refresh-toggle"
          >
            {paused ? <IconPlayerPlay size={16} /> : <IconPlayerPause size={16} />}
          </ActionIcon>
        </Tooltip>
      ) : null}
      <Tooltip label={t('health.refresh.now')}>
        <ActionIcon variant="default" size="md" aria-label={t('health.refresh.now')} onClick={onRefresh} loading={refreshing} data-testid="refresh-now">
          <IconRefresh size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
