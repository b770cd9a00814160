import { Avatar, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSessionUser } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { RoleBadge } from '../../components/common/RoleBadge.tsx';
import { ProfileSettingsForm } from '../../components/settings/ProfileSettingsForm.tsx';
import { SettingsErrorAlert } from '../../components/settings/SettingsErrorAlert.tsx';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

function FormSkeleton() {
  return (
    <Stack gap="lg" data-testid="settings-loading" aria-busy>
      {[0, 1, 2].map((i) => (
        <Stack key={i} gap={6}>
          <Skeleton height={14} width={160} />
          <Skeleton height={12} width="60%" />
          <Skeleton height={36} />
        </Stack>
      ))}
    </Stack>
  );
}

export function ProfileSettingsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useSessionUser();
  const settings = useQuery({ ...trpc.settings.get.queryOptions(), meta: { inlineErrors: true } });

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={720} data-testid="settings-profile">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
          <Stack gap={2} style={{ flex: '1 1 280px' }}>
            <Title order={3} fz="h4">
              {t('settings.profile.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('settings.profile.description')}
            </Text>
          </Stack>
          <Group gap="sm" wrap="nowrap">
            <Avatar size={36} radius="xl" color="indigo">
              {initials(user.name)}
            </Avatar>
            <Stack gap={0}>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={500}>
                  {user.name}
                </Text>
                <RoleBadge role={user.role} />
              </Group>
              <Text size="xs" c="dimmed">
                {user.email}
              </Text>
            </Stack>
          </Group>
        </Group>

        {settings.data ? (
          <ProfileSettingsForm settings={settings.data} />
        ) : settings.isError ? (
          <SettingsErrorAlert
            error={settings.error}
            title={t('settings.profile.loadError')}
            onRetry={() => void settings.refetch()}
            retrying={settings.isFetching}
            data-testid="settings-load-error"
          />
        ) : (
          <FormSkeleton />
        )}
      </Stack>
    </Paper>
  );
}
