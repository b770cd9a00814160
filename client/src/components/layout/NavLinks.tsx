import type { ComponentType } from 'react';
import { NavLink, Stack } from '@mantine/core';
import {
  IconActivityHeartbeat,
  IconAlertTriangle,
  IconCalendarSearch,
  IconCalendar,
  IconClockPlay,
  IconHistory,
  IconLifebuoy,
  IconListSearch,
  IconMailbox,
  IconPlugConnected,
  IconRocket,
  IconSettings,
  IconUsers,
  type IconProps,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isStaff, type TRole } from '../../../../shared/roles.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { findNavItem, navItemsForRole, type NavKey } from '../../app/navigation.ts';

const ICONS: Record<NavKey, ComponentType<IconProps>> = {
  health: IconActivityHeartbeat,
  incidents: IconAlertTriangle,
  releases: IconRocket,
  events: IconCalendarSearch,
  integrationEvents: IconListSearch,
  calendar: IconCalendar,
  support: IconLifebuoy,
  jobs: IconClockPlay,
  mailbox: IconMailbox,
  audit: IconHistory,
  users: IconUsers,
  integrations: IconPlugConnected,
  settings: IconSettings,
};

export function NavLinks({ role, onNavigate }: { role: TRole; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const current = findNavItem(useLocation().pathname)?.key;
  // Whether this deployment has a mail catcher; asked once, and only by staff (who may read it).
  const mailbox = useQuery({ ...trpc.mailbox.status.queryOptions(), enabled: isStaff(role), staleTime: Infinity, meta: { inlineErrors: true } });
  return (
    <Stack gap={2} component="nav" aria-label={t('nav.label')}>
      {navItemsForRole(role, { mailCatcher: mailbox.data?.enabled === true }).map((nav) => {
        const Icon = ICONS[nav.key];
        const active = nav.key === current;
        return (
          <NavLink
            key={nav.key}
            component={Link}
            to={nav.path}
            onClick={onNavigate}
            active={active}
            aria-current={active ? 'page' : undefined}
            label={t(nav.labelKey)}
            leftSection={<Icon size={18} stroke={1.6} />}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            data-testid={nav.testId}
          />
        );
      })}
    </Stack>
  );
}
