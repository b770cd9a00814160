import { Avatar, Box, Group, Menu, Text, UnstyledButton, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { IconCheck, IconChevronDown, IconDeviceDesktop, IconLanguage, IconLogout, IconMoon, IconSun } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { chooseLanguage } from '../../i18n/index.ts';
import { LANGUAGES, toSupportedLanguage } from '../../i18n/language.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { describeError, readTrpcError } from '../../lib/trpc-errors.ts';
import { useSessionUser } from '../../app/session.tsx';
import { SIGN_IN_PATH } from '../../app/navigation.ts';
import { RoleBadge } from '../common/RoleBadge.tsx';

const SCHEMES: { value: MantineColorScheme; icon: typeof IconSun }[] = [
  { value: 'light', icon: IconSun },
  { value: 'dark', icon: IconMoon },
  { value: 'auto', icon: IconDeviceDesktop },
];

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

/** A full page load after sign-out: nothing of the previous user survives in memory. */
function leave() {
  window.location.replace(SIGN_IN_PATH);
}

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const user = useSessionUser();
  const trpc = useTRPC();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const language = toSupportedLanguage(i18n.language) ?? 'en';

  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      // UNAUTHORIZED here means the session was already gone: that is a successful sign-out.
      meta: { authFlow: true, inlineErrors: true },
      onSuccess: leave,
      onError: (error) => {
        if (readTrpcError(error).code === 'UNAUTHORIZED') return leave();
        // The HttpOnly cookie is still valid, so pretending to be signed out would be a lie.
        const reason = describeError(error);
        notifications.show({ color: 'red', title: t('auth.signOutFailed'), message: t(reason.key, reason.values) });
      },
    }),
  );

  return (
    <Menu position="bottom-end" width={240} withinPortal shadow="md">
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={t('userMenu.label', { name: user.name })}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="indigo">
              {initials(user.name)}
            </Avatar>
            {/* Always in the DOM (hidden on phones), so name and role can be read without opening the menu. */}
            <Text size="sm" fw={500} visibleFrom="sm" lineClamp={1} maw={180} data-testid="user-menu-name">
              {user.name}
            </Text>
            <Box visibleFrom="sm">
              <RoleBadge role={user.role} data-testid="user-menu-role" />
            </Box>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {user.email}
          </Text>
          <RoleBadge role={user.role} />
        </Menu.Label>
        <Menu.Divider />
        <Menu.Label>
          <Group gap={6}>
            <IconLanguage size={14} />
            {t('userMenu.language')}
          </Group>
        </Menu.Label>
        {LANGUAGES.map((lang) => (
          <Menu.Item
            key={lang}
            lang={lang}
            data-testid={`language-${lang}`}
            onClick={() => chooseLanguage(lang)}
            rightSection={lang === language ? <IconCheck size={14} /> : null}
            aria-current={lang === language ? 'true' : undefined}
          >
            {t(`languages.${lang}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>{t('userMenu.colorScheme')}</Menu.Label>
        {SCHEMES.map(({ value, icon: Icon }) => (
          <Menu.Item
            key={value}
            data-testid={`color-scheme-${value}`}
            leftSection={<Icon size={14} />}
            rightSection={value === colorScheme ? <IconCheck size={14} /> : null}
            onClick={() => setColorScheme(value)}
          >
            {t(`userMenu.${value}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          data-testid="sign-out"
          color="red"
          leftSection={<IconLogout size={14} />}
          closeMenuOnClick={false}
          disabled={signOut.isPending}
          onClick={() => signOut.mutate()}
        >
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
