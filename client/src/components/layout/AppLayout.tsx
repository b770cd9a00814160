import { useEffect } from 'react';
import { AppShell, Burger, Group, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconStack2 } from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSessionUser } from '../../app/session.tsx';
import { homePathForRole } from '../../app/navigation.ts';
import { applyProfileLanguage } from '../../i18n/index.ts';
import { NavLinks } from './NavLinks.tsx';
import { UserMenu } from './UserMenu.tsx';
import { GoogleReauthBanner } from '../google/GoogleReauthBanner.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const [navOpened, nav] = useDisclosure(false);
  const { pathname } = useLocation();

  // The profile's language applies unless this browser made its own choice.
  useEffect(() => applyProfileLanguage(user.locale), [user.locale]);
  // On a phone the navbar covers the page: close it once the user has picked a page.
  const closeNav = nav.close;
  useEffect(() => closeNav(), [pathname, closeNav]);

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              data-testid="menu-toggle"
            />
            <UnstyledButton component={Link} to={homePathForRole(user.role)}>
              <Group gap={6} wrap="nowrap">
                <IconStack2 size={20} color="var(--mantine-primary-color-filled)" />
                <Text fw={700} size="lg" data-testid="product-name">
                  {t('app.name')}
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          <NavLinks role={user.role} onNavigate={nav.close} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <GoogleReauthBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
