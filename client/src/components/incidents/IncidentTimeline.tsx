import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TTimelineEntry } from '../../../../shared/alerts.ts';
import { useTimeContext } from '../../app/session.tsx';
import { timelineColor } from './incident-display.ts';

export function IncidentTimeline({ entries }: { entries: readonly TTimelineEntry[] }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const when = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: ctx.timeZone });
  return (
    <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2} color="gray" data-testid="incident-timeline">
      {entries.map((e) => (
        <Timeline.Item
          key={e.id}
          color={timelineColor(e.kind)}
          title={
            <Text size="sm" fw={600}>
              {t(`incidents.timeline.${e.kind}`)}
              {e.actor ? (
                <Text span size="sm" fw={400} c="dimmed">
                  {' '}
                  · {e.actor}
                </Text>
              ) : null}
            </Text>
          }
          data-testid="timeline-entry"
          data-kind={e.kind}
        >
          {e.body ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {e.body}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed" component="time" dateTime={e.at.toISOString()} title={ctx.timeZone}>
            {when.format(e.at)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
