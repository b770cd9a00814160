import { ActionIcon, Button, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { ToolbarProps, View } from 'react-big-calendar';
import { useTranslation } from 'react-i18next';
import type { CalendarItem } from './calendar-items.ts';

const VIEWS: readonly View[] = ['month', 'week', 'day', 'agenda'];

/** Today / previous / next, the period's title, and the view switcher, in Mantine controls. */
export function CalendarToolbar({ label, onNavigate, onView, view, loading }: ToolbarProps<CalendarItem> & { loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="wrap" gap="sm" mb="sm">
      <Group gap="xs" wrap="nowrap">
        <Button variant="default" size="xs" onClick={() => onNavigate('TODAY')} data-testid="calendar-today">
          {t('calendar.toolbar.today')}
        </Button>
        <Tooltip label={t('calendar.toolbar.previous')}>
          <ActionIcon variant="default" size="md" onClick={() => onNavigate('PREV')} aria-label={t('calendar.toolbar.previous')} data-testid="calendar-prev">
            <IconChevronLeft size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('calendar.toolbar.next')}>
          <ActionIcon variant="default" size="md" onClick={() => onNavigate('NEXT')} aria-label={t('calendar.toolbar.next')} data-testid="calendar-next">
            <IconChevronRight size={16} />
          </ActionIcon>
        </Tooltip>
        <Text fw={600} size="lg" ml="xs" data-testid="calendar-title" aria-live="polite">
          {label}
        </Text>
        {loading ? <Loader size={14} aria-label={t('calendar.loading')} /> : null}
      </Group>
      <Button.Group aria-label={t('calendar.toolbar.views')}>
        {VIEWS.map((v) => (
          <Button
            key={v}
            size="xs"
            variant={view === v ? 'filled' : 'default'}
            onClick={() => onView(v)}
            aria-pressed={view === v}
            data-testid={`calendar-view-${v}`}
          >
            {t(`calendar.views.${v}`)}
          </Button>
        ))}
      </Button.Group>
    </Group>
  );
}
