import { useEffect, useState } from 'react';
import { Text, Tooltip, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTimeContext } from '../../app/session.tsx';
import { formatExact, formatRelative } from '../../lib/format-time.ts';

/** One shared clock per minute is enough for "5 minutes ago". */
function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** "3 hours ago", with the exact time and zone on hover; "Never" in grey for no date. */
export function RelativeTime({ date, size = 'sm' }: { date: Date | null; size?: MantineSize }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const now = useNow();
  if (!date) {
    return (
      <Text span size={size} c="dimmed">
        {t('common.never')}
      </Text>
    );
  }
  return (
    <Tooltip label={formatExact(date, ctx)}>
      <Text span size={size} component="time" dateTime={date.toISOString()}>
        {formatRelative(date, now, ctx.locale)}
      </Text>
    </Tooltip>
  );
}
