import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconBrandGoogle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { GOOGLE_CONNECT_PATH, GOOGLE_SETTINGS_PATH } from '../../../../shared/google.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** CAL-G4: on every page until the user reconnects, because nothing syncs meanwhile. */
export function GoogleReauthBanner() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { pathname } = useLocation();
  // A background check: an error here must not cover the page the user came for.
  const status = useQuery({ ...trpc.googleCalendar.status.queryOptions(), staleTime: 60_000, meta: { inlineErrors: true } });
  const account = status.data?.account;
  // The settings page shows the same state in full.
  if (!account || account.status !== 'REAUTH_REQUIRED' || pathname === GOOGLE_SETTINGS_PATH) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} mb="md" data-testid="google-reauth-banner">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm">
          <b>{t('google.reauth.title')}.</b> {t('google.reauth.body', { email: account.email })}
        </Text>
        <Button component="a" href={GOOGLE_CONNECT_PATH} size="xs" color="red" leftSection={<IconBrandGoogle size={14} />}>
          {t('google.reconnect')}
        </Button>
      </Group>
    </Alert>
  );
}
