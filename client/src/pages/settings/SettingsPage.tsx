import { Tabs } from '@mantine/core';
import { IconCalendarShare, IconUserCircle } from '@tabler/icons-react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/common/PageHeader.tsx';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { ProfileSettingsPage } from './ProfileSettingsPage.tsx';
import { CalendarSettingsPage } from './CalendarSettingsPage.tsx';

const SECTIONS = {
  profile: '/settings',
  calendar: '/settings/calendar',
} as const;
type Section = keyof typeof SECTIONS;

function currentSection(pathname: string): Section | null {
  const path = pathname.replace(/\/+$/, '');
  const found = (Object.entries(SECTIONS) as [Section, string][]).find(([, sectionPath]) => sectionPath === path);
  return found ? found[0] : null;
}

/** /settings (profile) and /settings/calendar (subscription links): one header, tabs that are URLs. */
export function SettingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const section = currentSection(pathname);

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Tabs
        value={section}
        onChange={(value) => value && navigate(SECTIONS[value as Section])}
        mb="md"
        keepMounted={false}
      >
        <Tabs.List aria-label={t('settings.nav.label')}>
          <Tabs.Tab value="profile" leftSection={<IconUserCircle size={16} />} data-testid="settings-nav-profile">
            {t('settings.nav.profile')}
          </Tabs.Tab>
          <Tabs.Tab value="calendar" leftSection={<IconCalendarShare size={16} />} data-testid="settings-nav-calendar">
            {t('settings.nav.calendar')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<ProfileSettingsPage />} />
        <Route path="calendar" element={<CalendarSettingsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
