import { useState } from 'react';
import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TReminderScanSummary } from '../../../../shared/reminders.ts';
import { useSessionUser } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** CAL-R4 for admins: one scan now, and what it did. Nothing else renders for other roles. */
export function RunReminderScanButton() {
  const user = useSessionUser();
  return user.role === 'ADMIN' ? <ScanButton /> : null;
}

function ScanButton() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const scan = useMutation({
    ...trpc.reminders.scanNow.mutationOptions(),
    meta: { inlineErrors: true },
    onSettled: () => {
      // Sent reminders change the event list, the delivery trail and the mailbox.
      void queryClient.invalidateQueries({ queryKey: trpc.calendarEvents.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.reminders.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.mailbox.pathKey() });
    },
  });
  const run = () => {
    setOpen(true);
    scan.mutate();
  };
  return (
    <>
      <Button variant="light" leftSection={<IconSend size={16} />} onClick={run} loading={scan.isPending} data-testid="reminder-scan-run">
        {t('reminderScan.run')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('reminderScan.title')} size="lg">
        <Stack gap="sm" data-testid="reminder-scan-result">
          {scan.isError ? <ErrorAlert error={scan.error} title={t('reminderScan.failed')} onRetry={() => scan.mutate()} retrying={scan.isPending} /> : null}
          {scan.data ? <ScanSummary summary={scan.data} /> : null}
          {scan.isPending ? <Text size="sm">{t('common.loading')}</Text> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('reminderScan.close')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

const OUTCOME_COLOR: Record<TReminderScanSummary['events'][number]['outcome'], string> = {
  COMPLETE: 'green',
  RETRY_PENDING: 'yellow',
  WINDOW_CHANGED: 'gray',
  STARTED: 'gray',
  ERROR: 'red',
};

function ScanSummary({ summary }: { summary: TReminderScanSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" data-testid="reminder-scan-summary">
        {t('reminderScan.summary', { events: summary.events.length, sent: summary.sent, skipped: summary.skipped, failed: summary.failed, retried: summary.retried })}
      </Text>
      {summary.events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {summary.mailer ? t('reminderScan.nothingDue') : t('reminderScan.noMailer')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {summary.events.map((event) => (
              <Table.Tr key={`${event.eventId}-${event.windowKey}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {event.title || event.eventId}
                  </Text>
                  {event.recipients.map((r) => (
                    <Text key={r.email} size="xs" c="dimmed">
                      {r.email}: {r.outcome}
                      {r.smtpResponse ? ` — ${r.smtpResponse}` : ''}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td ta="right" style={{ verticalAlign: 'top' }}>
                  <Badge color={OUTCOME_COLOR[event.outcome]} variant="light">
                    {t(`reminderScan.outcomes.${event.outcome}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
