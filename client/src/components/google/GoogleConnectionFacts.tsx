import type { ReactNode } from 'react';
import { Badge, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TGoogleConnection } from '../../../../shared/google.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';

type Account = NonNullable<TGoogleConnection['account']>;

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

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
          <Fact label={t('google.fields.status')}>
            <GoogleStatusBadge account={account} />
          </Fact>
        ) : null}
        <Fact label={t('google.fields.lastSync')} testId="google-last-sync">
          <RelativeTime date={account.lastSyncAt} />
        </Fact>
        <Fact label={t('google.fields.tokenExpiry')}>
          <RelativeTime date={account.accessTokenExpiresAt} />
        </Fact>
        <Fact label={t('google.fields.lastRefresh')}>
          <RelativeTime date={account.lastRefreshAt} />
        </Fact>
        <Fact label={t('google.fields.channelExpiry')}>
          <RelativeTime date={account.channelExpiresAt} />
        </Fact>
        <Fact label={t('google.fields.pending')} testId="google-pending">
          <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="google-pending-count">
            {account.pendingPushes}
          </Text>
        </Fact>
        <Fact label={t('google.fields.failed')} testId="google-failed">
          <Text size="sm" c={account.failedPushes > 0 ? 'red' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {account.failedPushes}
          </Text>
        </Fact>
        <Fact label={t('google.fields.connectedAt')}>
          <RelativeTime date={account.connectedAt} />
        </Fact>
      </SimpleGrid>
      {account.lastRefreshError || account.lastSyncError || account.lastPushError || account.cooldownUntil ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {account.lastRefreshError ? (
            <Fact label={t('google.fields.refreshError')} testId="google-refresh-error">
              <Text size="sm" c="red">
                {account.lastRefreshError}
              </Text>
            </Fact>
          ) : null}
          {account.lastSyncError ? (
            <Fact label={t('google.fields.lastError')}>
              <Text size="sm" c="red">
                {account.lastSyncError}
              </Text>
            </Fact>
          ) : null}
          {account.lastPushError ? (
            <Fact label={t('google.fields.lastPushError')}>
              <Text size="sm" c="red">
                {account.lastPushError}
              </Text>
            </Fact>
          ) : null}
          {account.cooldownUntil ? (
            <Fact label={t('google.fields.cooldown')}>
              <RelativeTime date={account.cooldownUntil} />
            </Fact>
          ) : null}
        </SimpleGrid>
      ) : null}
      {withErrors ? (
        <Fact label={t('google.fields.recentErrors')} testId="google-recent-errors">
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
        </Fact>
      ) : null}
    </Stack>
  );
}
