import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { IncidentStatusBadge } from './SeverityBadge.tsx';
import { incidentColor } from './incident-display.ts';

/** Unresolved incidents (of one provider, or all) as banners linking to each incident. */
export function OpenIncidentsBanner({ provider }: { provider?: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  // A failed banner query must not hide the page it sits on: it shows nothing and retries.
  const open = useQuery({ ...trpc.incidents.list.queryOptions({ status: 'unresolved', provider, limit: 20 }), refetchInterval: 30_000, meta: { inlineErrors: true } });
  const items = open.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="open-incidents-banner">
      {items.map((i) => (
        <Alert key={i.id} color={incidentColor(i)} variant="light" icon={<IconAlertTriangle size={18} />} p="xs" data-testid="open-incident" data-provider={i.provider}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Group gap="xs" wrap="wrap">
              <Anchor component={Link} to={`/incidents/${i.id}`} fw={600} size="sm" data-testid="open-incident-link">
                {t('incidents.banner.title', { number: i.number, provider: i.providerName })}
              </Anchor>
              <Text size="sm">{i.summary}</Text>
            </Group>
            <Group gap="xs">
              <IncidentStatusBadge status={i.status} severity={i.severity} />
              {i.muted ? <Text size="xs" c="dimmed">{t('incidents.muted')}</Text> : null}
              <RelativeTime date={i.openedAt} size="xs" />
            </Group>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
