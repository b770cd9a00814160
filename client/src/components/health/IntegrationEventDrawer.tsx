import { Badge, Code, Drawer, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { TStoredIntegrationEvent } from '../../../../shared/integration-health.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatExact } from '../../lib/format-time.ts';
import { formatLatency } from './health-status.ts';
import { Field } from '../common/Field.tsx';

const dash = (v: string | number | null) => (v === null || v === '' ? '—' : v);

/** One stored event as written: metadata was scrubbed before it was stored (IH-7), so it is shown as is. */
export function IntegrationEventDrawer({ event, onClose }: { event: TStoredIntegrationEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const narrow = useMediaQuery('(max-width: 48em)');
  return (
    <Drawer
      opened={event !== null}
      onClose={onClose}
      position="right"
      size={narrow ? '100%' : 'lg'}
      title={event ? <Text fw={600}>{event.event}</Text> : null}
      data-testid="event-drawer"
    >
      {event ? (
        <Stack gap="sm" data-testid="event-detail" data-event-id={event.id}>
          <Group gap="xs">
            <Badge color={event.outcome === 'ok' ? 'green' : 'red'} variant="light" data-testid="event-detail-outcome">
              {t(`health.events.outcome.${event.outcome}`)}
            </Badge>
            {event.errorClass ? (
              <Badge color="gray" variant="light" tt="none">
                {t(`health.errorClass.${event.errorClass}`, { defaultValue: event.errorClass })}
              </Badge>
            ) : null}
            {event.attempt > 1 ? (
              <Badge color="gray" variant="outline" tt="none">
                {t('health.events.attempt', { attempt: event.attempt })}
              </Badge>
            ) : null}
          </Group>
          <Field label={t('health.events.detail.provider')}>{event.provider}</Field>
          <Field label={t('health.events.detail.occurredAt')}>{formatExact(event.occurredAt, ctx)}</Field>
          <Field label={t('health.events.detail.receivedAt')}>{formatExact(event.receivedAt, ctx)}</Field>
          <Field label={t('health.events.detail.latency')}>{formatLatency(event.latencyMs, ctx.locale) ?? '—'}</Field>
          {event.outcome === 'error' ? (
            <>
              <Field label={t('health.events.detail.errorCode')}>{dash(event.errorCode)}</Field>
              <Field label={t('health.events.detail.errorMessage')} testId="event-detail-message">
                {dash(event.errorMessage)}
              </Field>
              <Field label={t('health.events.detail.fingerprint')}>
                <Code fz={11}>{dash(event.fingerprint)}</Code>
              </Field>
            </>
          ) : null}
          <Field label={t('health.events.detail.correlationId')}>{dash(event.correlationId)}</Field>
          <Field label={t('health.events.detail.subject')}>{dash(event.subject)}</Field>
          <Field label={t('health.events.detail.jobId')}>{dash(event.jobId)}</Field>
          <Field label={t('health.events.detail.source')}>{event.source}</Field>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('health.events.detail.metadata')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('health.events.detail.scrubbed')}
            </Text>
            {event.metadata === null ? (
              <Text size="sm" c="dimmed">
                —
              </Text>
            ) : (
              <ScrollArea.Autosize mah={320} type="auto">
                <Code block fz={12} data-testid="event-detail-metadata">
                  {JSON.stringify(event.metadata, null, 2)}
                </Code>
              </ScrollArea.Autosize>
            )}
          </Stack>
          <Text size="xs" c="dimmed">
            {t('health.events.detail.id', { id: event.id })}
          </Text>
        </Stack>
      ) : null}
    </Drawer>
  );
}
