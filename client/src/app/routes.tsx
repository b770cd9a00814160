import { useEffect, type ComponentType, type ReactNode } from 'react';
import { hashKey, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { createBrowserRouter, useLocation, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import type { TSessionUser } from '../../../shared/auth.ts';
import { findNavItem, homePathForRole, NAV_ITEMS, SIGN_IN_PATH, type NavKey } from './navigation.ts';
import { Providers } from './providers.tsx';
import { RequireAuth, RequireRole, RoleHomeRedirect } from './guards.tsx';
import { AppLayout } from '../components/layout/AppLayout.tsx';
import { useTRPC, type AppRouter } from '../lib/trpc.ts';
import { NotFoundPage } from '../pages/errors/NotFoundPage.tsx';
import { CrashPage } from '../pages/errors/CrashPage.tsx';
import { FullPageLoader } from '../components/common/FullPageLoader.tsx';
import { PageSkeleton } from '../components/common/PageSkeleton.tsx';
import { HealthOverviewSkeleton } from '../pages/health/HealthOverviewSkeleton.tsx';
import { loadErrorRateChart, prefetchOverview } from '../pages/health/overview-queries.ts';
import { preloadModule, useLoadedModule } from '../lib/use-loaded-module.ts';

/**
 * A page loaded when first opened (its own chunk), and a way to start loading it before that.
 * Not React.lazy: a Suspense fallback would hold the page back up to 300 ms after it arrived
 * (lib/use-loaded-module.ts); the page's skeleton is drawn as ordinary content instead.
 */
function lazyPage<M>(load: () => Promise<M>, pick: (m: M) => ComponentType, Loading: ComponentType = PageFallback) {
  const preload = () => preloadModule(load);
  function Page() {
    const module = useLoadedModule(load);
    const Loaded = module ? pick(module) : Loading;
    return <Loaded />;
  }
  return { Page, preload };
}

// Every page is its own chunk: the first page a visitor opens parses its own code, not all fourteen.
const LAZY = {
  health: lazyPage(() => import('../pages/health/HealthPage.tsx'), (m) => m.HealthPage),
  incidents: lazyPage(() => import('../pages/incidents/IncidentsPage.tsx'), (m) => m.IncidentsPage),
  releases: lazyPage(() => import('../pages/releases/ReleasesPage.tsx'), (m) => m.ReleasesPage),
  events: lazyPage(() => import('../pages/events/EventsPage.tsx'), (m) => m.EventsPage),
  integrationEvents: lazyPage(() => import('../pages/integration-events/IntegrationEventsPage.tsx'), (m) => m.IntegrationEventsPage),
  calendar: lazyPage(() => import('../pages/calendar/CalendarPage.tsx'), (m) => m.CalendarPage),
  support: lazyPage(() => import('../pages/support/SupportPage.tsx'), (m) => m.SupportPage),
  jobs: lazyPage(() => import('../pages/jobs/JobsPage.tsx'), (m) => m.JobsPage),
  mailbox: lazyPage(() => import('../pages/mailbox/MailboxPage.tsx'), (m) => m.MailboxPage),
  audit: lazyPage(() => import('../pages/audit/AuditLogPage.tsx'), (m) => m.AuditLogPage),
  users: lazyPage(() => import('../pages/admin/UsersPage.tsx'), (m) => m.UsersPage),
  integrations: lazyPage(() => import('../pages/admin/IntegrationsAdminPage.tsx'), (m) => m.IntegrationsAdminPage),
  settings: lazyPage(() => import('../pages/settings/SettingsPage.tsx'), (m) => m.SettingsPage),
} satisfies Record<NavKey, unknown>;
const SignIn = lazyPage(() => import('../pages/auth/SignInPage.tsx'), (m) => m.SignInPage, FullPageLoader);

/** The overview itself, not a provider page below it: only it has queries worth starting early. */
const isHealthOverview = (pathname: string) => /^\/health\/?$/.test(pathname);

/**
 * On the first load, fetch the opened page's code alongside `auth.me`, and as soon as `me` says
 * who is signed in, the overview's data too: without this the overview waits for me, then for
 * its chunk, then for its queries, each starting when the one before has finished.
 */
function startFirstPage(queryClient: QueryClient, trpc: TRPCOptionsProxy<AppRouter>): () => void {
  const { pathname, search } = window.location;
  if (pathname === SIGN_IN_PATH) {
    void SignIn.preload();
    return () => {};
  }
  const opened = findNavItem(pathname);
  if (opened) void LAZY[opened.key].preload();
  if (opened?.key === 'health' && isHealthOverview(pathname)) void preloadModule(loadErrorRateChart);

  const signedIn = (user: TSessionUser | null | undefined) => {
    if (!user) return void SignIn.preload();
    // `/` redirects to the role's home: its page is the one that opens.
    const home = pathname === '/' ? homePathForRole(user.role) : null;
    const target = home ? findNavItem(home) : opened;
    if (!target || !target.roles.includes(user.role)) return;
    if (home) void LAZY[target.key].preload();
    if (target.key === 'health' && isHealthOverview(home ?? pathname)) {
      if (home) void preloadModule(loadErrorRateChart);
      prefetchOverview(queryClient, trpc, home ? '' : search);
    }
  };
  const meKey = trpc.auth.me.queryKey();
  const meHash = hashKey(meKey);
  const known = queryClient.getQueryState(meKey);
  if (known?.status === 'success') {
    signedIn(known.data as TSessionUser | null);
    return () => {};
  }
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryHash !== meHash || event.query.state.status !== 'success') return;
    unsubscribe();
    signedIn(event.query.state.data as TSessionUser | null);
  });
  return unsubscribe;
}

function FirstPageStart() {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  useEffect(() => startFirstPage(queryClient, trpc), [queryClient, trpc]);
  return null;
}

/** While a page's chunk loads: the overview's own layout on the overview, a generic page elsewhere. */
function PageFallback() {
  return isHealthOverview(useLocation().pathname) ? <HealthOverviewSkeleton /> : <PageSkeleton />;
}

const PAGES = Object.fromEntries(
  Object.entries(LAZY).map(([key, { Page }]) => [key, <Page key={key} />]),
) as Record<NavKey, ReactNode>;

const NESTED_PAGES: ReadonlySet<NavKey> = new Set(['health', 'incidents', 'releases', 'events', 'calendar', 'settings', 'support']);

// Paths and roles come from NAV_ITEMS, the same table the navbar reads.
const routes: RouteObject[] = [
  {
    path: SIGN_IN_PATH,
    element: <SignIn.Page />,
    errorElement: <CrashPage />,
  },
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
      <FirstPageStart />
      <RouterProvider router={router} />
    </Providers>
  );
}
