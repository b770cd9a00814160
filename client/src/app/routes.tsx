import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { NAV_ITEMS, SIGN_IN_PATH, type NavKey } from './navigation.ts';
import { Providers } from './providers.tsx';
import { RequireAuth, RequireRole, RoleHomeRedirect } from './guards.tsx';
import { AppLayout } from '../components/layout/AppLayout.tsx';
import { SignInPage } from '../pages/auth/SignInPage.tsx';
import { HealthPage } from '../pages/health/HealthPage.tsx';
import { ReleasesPage } from '../pages/releases/ReleasesPage.tsx';
import { EventsPage } from '../pages/events/EventsPage.tsx';
import { IntegrationEventsPage } from '../pages/integration-events/IntegrationEventsPage.tsx';
import { CalendarPage } from '../pages/calendar/CalendarPage.tsx';
import { SupportPage } from '../pages/support/SupportPage.tsx';
import { JobsPage } from '../pages/jobs/JobsPage.tsx';
import { MailboxPage } from '../pages/mailbox/MailboxPage.tsx';
import { AuditLogPage } from '../pages/audit/AuditLogPage.tsx';
import { UsersPage } from '../pages/admin/UsersPage.tsx';
import { IntegrationsAdminPage } from '../pages/admin/IntegrationsAdminPage.tsx';
import { SettingsPage } from '../pages/settings/SettingsPage.tsx';
import { NotFoundPage } from '../pages/errors/NotFoundPage.tsx';
import { CrashPage } from '../pages/errors/CrashPage.tsx';
import { FullPageLoader } from '../components/common/FullPageLoader.tsx';

// Loaded when first opened: the incident pages stay out of the bundle every other page parses.
const IncidentsPage = lazy(() => import('../pages/incidents/IncidentsPage.tsx').then((m) => ({ default: m.IncidentsPage })));

const PAGES: Record<NavKey, ReactNode> = {
  health: <HealthPage />,
  incidents: (
    <Suspense fallback={<FullPageLoader />}>
      <IncidentsPage />
    </Suspense>
  ),
  releases: <ReleasesPage />,
  events: <EventsPage />,
  integrationEvents: <IntegrationEventsPage />,
  calendar: <CalendarPage />,
  support: <SupportPage />,
  jobs: <JobsPage />,
  mailbox: <MailboxPage />,
  audit: <AuditLogPage />,
  users: <UsersPage />,
  integrations: <IntegrationsAdminPage />,
  settings: <SettingsPage />,
};

const NESTED_PAGES: ReadonlySet<NavKey> = new Set(['health', 'incidents', 'releases', 'events', 'calendar', 'settings', 'support']);

// Paths and roles come from NAV_ITEMS, the same table the navbar reads.
const routes: RouteObject[] = [
  { path: SIGN_IN_PATH, element: <SignInPage />, errorElement: <CrashPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <CrashPage />,
    children: [
      { index: true, element: <RoleHomeRedirect /> },
      ...NAV_ITEMS.map((nav) => ({
        // Pages with their own sub-pages (/settings/calendar, /events/:id) take the rest of the path.
        path: NESTED_PAGES.has(nav.key) ? `${nav.path.slice(1)}/*` : nav.path.slice(1),
        element: <RequireRole nav={nav}>{PAGES[nav.key]}</RequireRole>,
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

const router = createBrowserRouter(routes);

export function App() {
  return (
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  );
}
