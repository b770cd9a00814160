import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { IntegrationEventsList } from '../../components/health/IntegrationEventsList.tsx';
import { WindowPicker } from '../../components/health/WindowPicker.tsx';
import { useEventFilters } from '../../components/health/use-event-filters.ts';
import { useHealthView } from '../../components/health/use-health-view.ts';
import { useListRange } from '../../components/health/use-list-range.ts';

/** Support's search across every provider's events: the provider page's list, with the provider as a filter. */
export function IntegrationEventsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const h = useHealthView();
  const list = useListRange(h.view);
  const catalog = useQuery({ ...trpc.integrations.providers.queryOptions(), staleTime: 5 * 60_000, meta: { inlineErrors: true } });
  const { filters, patchFilters } = useEventFilters();
  const providers = catalog.data ?? [];
  const knownEvents = (filters.provider ? providers.filter((p) => p.key === filters.provider) : providers).flatMap((p) => p.knownEvents);
  const fullTime = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.timeZone });
  const shortTime = new Intl.DateTimeFormat(ctx.locale, { timeStyle: 'short', timeZone: ctx.timeZone });

  return (
    <>
      <PageHeader
        title={t('health.explorer.title')}
        subtitle={t('health.explorer.subtitle', { zone: ctx.timeZone })}
        actions={
          <Group gap="sm" wrap="wrap">
            <WindowPicker view={h.view} onChange={h.setView} />
            <Tooltip label={t('health.refresh.now')}>
              <ActionIcon variant="default" size="md" aria-label={t('health.refresh.now')} onClick={list.refresh} data-testid="refresh-now">
                <IconRefresh size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        }
      />
      <div data-testid="page-integration-events">
        <IntegrationEventsList
          range={list.range}
          filters={filters}
          onFiltersPatch={patchFilters}
          knownEvents={[...new Set(knownEvents)]}
          providerOptions={providers.map((p) => ({ value: p.key, label: p.displayName }))}
          describeBucket={(r) => `${fullTime.format(r.from)} – ${shortTime.format(r.to)}`}
        />
      </div>
    </>
  );
}
