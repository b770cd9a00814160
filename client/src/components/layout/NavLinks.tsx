import type { ComponentType, ReactNode } from 'react';
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
import { findNavItem, navItemsForRole, type NavItem, type NavKey } from '../../app/navigation.ts';

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
  const current = findNavItem(useLocation().pathname)?.key;
  // Every item the role could have; an item that depends on the deployment asks for itself, so
  // the answer re-renders that one item rather than the whole list (on the admin's home it
  // arrived between the provider cards and the chart, and delayed the chart).
  return (
    <Stack gap={2} component="nav" aria-label={t('nav.label')}>
      {navItemsForRole(role, { mailCatcher: true }).map((nav) =>
        nav.feature === 'mailCatcher' ? (
          <MailCatcherGate key={nav.key} role={role}>
            <NavItemLink nav={nav} active={nav.key === current} onNavigate={onNavigate} />
          </MailCatcherGate>
        ) : (
          <NavItemLink key={nav.key} nav={nav} active={nav.key === current} onNavigate={onNavigate} />
        ),
      )}
    </Stack>
  );
}

/** Whether this deployment has a mail catcher; asked once, and only by staff (who may read it). */
function MailCatcherGate({ role, children }: { role: TRole; children: ReactNode }) {
  const trpc = useTRPC();
  const mailbox = useQuery({ ...trpc.mailbox.status.queryOptions(), enabled: isStaff(role), staleTime: Infinity, meta: { inlineErrors: true } });
  return mailbox.data?.enabled === true ? children : null;
}

function NavItemLink({ nav, active, onNavigate }: { nav: NavItem; active: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const Icon = ICONS[nav.key];
  return (
    <NavLink
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
}
