import { useState } from 'react';
import { Badge, Button, Code, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TDiagEvent, TResendReminderResult, TReconnectResult } from '../../../../shared/support.ts';
import type { TSyncNowResult } from '../../../../shared/google.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

export type SupportAction =
  | { kind: 'resend'; event: TDiagEvent }
  | { kind: 'syncNow' }
  | { kind: 'reconnect' }
  | { kind: 'revokeIcs' };

const OUTCOME_COLOR = { SENT: 'green', RETRYING: 'yellow', FAILED: 'red', DECLINED: 'gray', DISABLED: 'gray' } as const;

function recipientsOf(event: TDiagEvent): string[] {
  const all = [event.owner.email, ...event.attendees.map((a) => a.email)].map((e) => e.toLowerCase());
  return [...new Set(all)];
}

function ResendResult({ result }: { result: TResendReminderResult }) {
  const { t } = useTranslation();
  const sent = result.recipients.filter((r) => r.outcome === 'SENT').length;
  return (
    <Stack gap="xs" data-testid="support-action-result">
      <Text size="sm">{t('support.actions.result.resend', { sent, total: result.recipients.length })}</Text>
      <Stack gap={6}>
        {result.recipients.map((r) => (
          <Stack key={r.email} gap={2} data-testid="resend-recipient" data-outcome={r.outcome}>
            <Group gap="xs" wrap="nowrap">
              <Badge variant="light" color={OUTCOME_COLOR[r.outcome]} style={{ flexShrink: 0 }}>
                {t(`support.actions.outcomes.${r.outcome}`)}
              </Badge>
              <Text size="sm">{r.email}</Text>
            </Group>
            {r.smtpResponse ? (
              <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {r.smtpResponse}
              </Code>
            ) : null}
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}

function ResultText({ action, data }: { action: SupportAction['kind']; data: unknown }) {
  const { t } = useTranslation();
  if (action === 'syncNow') {
    const r = data as TSyncNowResult;
    return <Text size="sm" data-testid="support-action-result">{t('support.actions.result.syncNow', { ...r.import, ...r.pushed })}</Text>;
  }
  if (action === 'reconnect') {
    const r = data as TReconnectResult;
    return (
      <Stack gap={4} data-testid="support-action-result">
        <Text size="sm">{t(r.changed ? 'support.actions.result.reconnectChanged' : 'support.actions.result.reconnectUnchanged')}</Text>
        <Text size="sm" c={r.emailSent ? undefined : 'red'}>
          {t(r.emailSent ? 'support.actions.result.reconnectEmailed' : 'support.actions.result.reconnectNotEmailed')}
        </Text>
      </Stack>
    );
  }
  return <Text size="sm" data-testid="support-action-result">{t('support.actions.result.revokeIcs', { count: (data as { revoked: number }).revoked })}</Text>;
}

/** Says what the action will do, runs it on one click, then shows what happened (every action is audited). */
export function SupportActionModal({ action, userId, userName, onClose }: { action: SupportAction | null; userId: string; userName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [recipient, setRecipient] = useState<string | null>(null);
  const options = {
    meta: { inlineErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.support.diagnose.queryKey({ userId }) }),
  };
  const resend = useMutation(trpc.support.resendReminder.mutationOptions(options));
  const syncNow = useMutation(trpc.support.syncGoogleNow.mutationOptions(options));
  const reconnect = useMutation(trpc.support.requestGoogleReconnect.mutationOptions(options));
  const revokeIcs = useMutation(trpc.support.revokeIcsLinks.mutationOptions(options));
  const kind = action?.kind ?? 'syncNow';
  const mutation = { resend, syncNow, reconnect, revokeIcs }[kind];

  function close() {
    for (const m of [resend, syncNow, reconnect, revokeIcs]) m.reset();
    setRecipient(null);
    onClose();
  }

  function run() {
    if (!action) return;
    if (action.kind === 'resend') resend.mutate({ eventId: action.event.id, ...(recipient ? { recipient } : {}) });
    else if (action.kind === 'syncNow') syncNow.mutate({ userId });
    else if (action.kind === 'reconnect') reconnect.mutate({ userId });
    else revokeIcs.mutate({ userId });
  }

  const title = action
    ? action.kind === 'resend'
      ? t('support.actions.confirm.resendTitle', { title: action.event.title })
      : t(`support.actions.confirm.${action.kind}Title`, { name: userName })
    : null;
  const destructive = kind === 'reconnect' || kind === 'revokeIcs';
  return (
    <Modal opened={action !== null} onClose={close} title={title} centered size="lg">
      {action ? (
        <Stack gap="sm" data-testid="support-action-modal" data-action={action.kind}>
          {mutation.isError ? <ErrorAlert error={mutation.error} title={null} data-testid="support-action-error" /> : null}
          {mutation.isSuccess ? (
            action.kind === 'resend' ? (
              <ResendResult result={resend.data!} />
            ) : (
              <ResultText action={action.kind} data={mutation.data} />
            )
          ) : (
            <>
              <Text size="sm">{t(`support.actions.confirm.${action.kind}Body`)}</Text>
              {action.kind === 'resend' ? (
                <Select
                  label={t('support.actions.confirm.recipient')}
                  data={[{ value: '', label: t('support.actions.confirm.resendAll') }, ...recipientsOf(action.event).map((e) => ({ value: e, label: e }))]}
                  value={recipient ?? ''}
                  onChange={(v) => setRecipient(v || null)}
                  allowDeselect={false}
                  data-testid="resend-recipient-select"
                />
              ) : null}
              <Text size="xs" c="dimmed">
                {t('support.actions.audited')}
              </Text>
            </>
          )}
          <Group justify="flex-end" mt="xs">
            {mutation.isSuccess ? (
              <Button onClick={close} data-testid="support-action-close">
                {t('support.actions.close')}
              </Button>
            ) : (
              <>
                <Button variant="default" onClick={close}>
                  {t('support.actions.cancel')}
                </Button>
                <Button color={destructive ? 'red' : undefined} loading={mutation.isPending} onClick={run} data-testid="support-action-confirm">
                  {t(`support.actions.run.${action.kind}`)}
                </Button>
              </>
            )}
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
