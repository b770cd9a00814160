import type { ComponentType } from 'react';
import { NavLink as MantineNavLink, Stack } from '@mantine/core';
import {
  IconActivityHeartbeat,
  IconArrowsExchange,
  IconCalendar,
  IconClockPlay,
  IconLifebuoy,
  IconSettings,
  IconUsers,
  type IconProps,
} from '@tabler/icons-react';
import { NavLink as RouterNavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TRole } from '../../../../shared/roles.ts';
import { navItemsForRole, type NavKey } from '../../app/navigation.ts';

const ICONS: Record<NavKey, ComponentType<IconProps>> = {
  health: IconActivityHeartbeat,
  events: IconArrowsExchange,
  calendar: IconCalendar,
  support: IconLifebuoy,
  jobs: IconClockPlay,
  users: IconUsers,
  settings: IconSettings,
};

export function NavLinks({ role, onNavigate }: { role: TRole; onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} component="nav" aria-label={t('nav.label')}>
      {navItemsForRole(role).map((nav) => {
        const Icon = ICONS[nav.key];
        return (
          <RouterNavLink key={nav.key} to={nav.path} onClick={onNavigate} style={{ textDecoration: 'none' }} data-testid={nav.testId}>
            {({ isActive }) => (
              <MantineNavLink
                component="span"
                active={isActive}
                label={t(nav.labelKey)}
                leftSection={<Icon size={18} stroke={1.6} />}
                variant="light"
                styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
              />
            )}
          </RouterNavLink>
        );
      })}
    </Stack>
  );
}
