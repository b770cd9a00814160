import { Badge, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TGoogleConnection } from '../../../../shared/google.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { Field } from '../common/Field.tsx';

type Account = NonNullable<TGoogleConnection['account']>;

export function GoogleStatusBadge({ account }: { account: Account | null }) {
  const { t } = useTranslation();
  if (!account) return <Badge color="gray" variant="light">{t('google.status.none')}</Badge>;
  return (
    <Badge color={account.status === 'ACTIVE' ? 'green' : 'red'} variant="light" data-testid="google-status" data-status={account.status}>
      {t(`google.status.${account.status}`)}
    </Badge>
  );
}

const dimmedNone = (text: string) => (
  <Text span size="sm" c="dimmed">
    {text}
  </Text>
);

/** The facts the runbook checks (CAL-G4, CAL-O2), in the order support reads them. */
export function GoogleConnectionFacts({ account, withErrors = false, withStatus = true }: { account: Account; withErrors?: boolean; withStatus?: boolean }) {
  const { t } = useTranslation();
  const none = t('google.fields.none');
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" verticalSpacing="sm">
        {withStatus ? (
          <Field label={t('google.fields.status')}>
            <GoogleStatusBadge account={account} />
          </Field>
        ) : null}
        <Field label={t('google.fields.lastSync')} testId="google-last-sync">
          <RelativeTime date={account.lastSyncAt} />
        </Field>
        <Field label={t('google.fields.tokenExpiry')}>
          <RelativeTime date={account.accessTokenExpiresAt} />
        </Field>
        <Field label={t('google.fields.lastRefresh')}>
          <RelativeTime date={account.lastRefreshAt} />
        </Field>
        <Field label={t('google.fields.channelExpiry')}>
          <RelativeTime date={account.channelExpiresAt} />
        </Field>
        <Field label={t('google.fields.pending')} testId="google-pending">
          <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="google-pending-count">
            {account.pendingPushes}
          </Text>
        </Field>
        <Field label={t('google.fields.failed')} testId="google-failed">
          <Text size="sm" c={account.failedPushes > 0 ? 'red' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {account.failedPushes}
          </Text>
        </Field>
        <Field label={t('google.fields.connectedAt')}>
          <RelativeTime date={account.connectedAt} />
        </Field>
      </SimpleGrid>
      {account.lastRefreshError || account.lastSyncError || account.lastPushError || account.cooldownUntil ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {account.lastRefreshError ? (
            <Field label={t('google.fields.refreshError')} testId="google-refresh-error">
              <Text size="sm" c="red">
                {account.lastRefreshError}
              </Text>
            </Field>
          ) : null}
          {account.lastSyncError ? (
            <Field label={t('google.fields.lastError')}>
              <Text size="sm" c="red">
                {account.lastSyncError}
              </Text>
            </Field>
          ) : null}
          {account.lastPushError ? (
            <Field label={t('google.fields.lastPushError')}>
              <Text size="sm" c="red">
                {account.lastPushError}
              </Text>
            </Field>
          ) : null}
          {account.cooldownUntil ? (
            <Field label={t('google.fields.cooldown')}>
              <RelativeTime date={account.cooldownUntil} />
            </Field>
          ) : null}
        </SimpleGrid>
      ) : null}
      {withErrors ? (
        <Field label={t('google.fields.recentErrors')} testId="google-recent-errors">
          {account.recentErrors.length === 0 ? (
            dimmedNone(none)
          ) : (
            <Table withRowBorders={false} verticalSpacing={2} fz="sm">
              <Table.Tbody>
                {account.recentErrors.map((e) => (
                  <Table.Tr key={`${e.at.toISOString()}-${e.code}`}>
                    <Table.Td w={140}>
                      <RelativeTime date={e.at} />
                    </Table.Td>
                    <Table.Td w={160}>
                      <Badge variant="light" color="red" radius="sm">
                        {e.code ?? e.event}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {e.message}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Field>
      ) : null}
    </Stack>
  );
}
