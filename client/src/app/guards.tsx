import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FullPageLoader } from '../components/common/FullPageLoader.tsx';
import { ErrorAlert } from '../components/common/ErrorAlert.tsx';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage.tsx';
import { homePathForRole, signInPathFor, type NavItem } from './navigation.ts';
import { SessionUserProvider, useSessionQuery, useSessionUser } from './session.tsx';

/** Signed-out visitors go to /sign-in, remembering where they were heading. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    // Not knowing who is signed in is not the same as being signed out: say so and offer a retry.
    return (
      <Center mih="100dvh" p="md">
        <ErrorAlert
          error={session.error}
          title={t('errors.title')}
          onRetry={() => void session.refetch()}
          retrying={session.isFetching}
          data-testid="session-error"
        />
      </Center>
    );
  }
  if (!session.data) {
    return <Navigate to={signInPathFor(location.pathname + location.search + location.hash)} replace />;
  }
  return <SessionUserProvider value={session.data}>{children}</SessionUserProvider>;
}

/** A signed-in user without the role sees a 403 page inside the shell, never a blank screen. */
export function RequireRole({ nav, children }: { nav: NavItem; children: ReactNode }) {
  const user = useSessionUser();
  return nav.roles.includes(user.role) ? children : <ForbiddenPage />;
}

export function RoleHomeRedirect() {
  const user = useSessionUser();
  return <Navigate to={homePathForRole(user.role)} replace />;
}
