import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { PageSkeleton } from '../../components/common/PageSkeleton.tsx';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { HealthOverviewPage } from './HealthOverviewPage.tsx';

// The provider page brings its own charts and lists: the overview (the admin's home) does not carry them.
const ProviderHealthPage = lazy(() => import('./ProviderHealthPage.tsx').then((m) => ({ default: m.ProviderHealthPage })));

/** /health (the overview) and /health/providers/:key (one provider); the route above hands us the rest. */
export function HealthPage() {
  return (
    <Routes>
      <Route index element={<HealthOverviewPage />} />
      <Route
        path="providers/:key"
        element={
          <Suspense fallback={<PageSkeleton />}>
            <ProviderHealthPage />
          </Suspense>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
