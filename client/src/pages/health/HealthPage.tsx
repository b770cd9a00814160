import { Route, Routes } from 'react-router';
import { PageSkeleton } from '../../components/common/PageSkeleton.tsx';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { HealthOverviewPage } from './HealthOverviewPage.tsx';

import { useLoadedModule } from '../../lib/use-loaded-module.ts';

// The provider page brings its own charts and lists: the overview (the admin's home) does not carry them.
const loadProviderPage = () => import('./ProviderHealthPage.tsx');

function ProviderHealthPage() {
  const page = useLoadedModule(loadProviderPage);
  return page ? <page.ProviderHealthPage /> : <PageSkeleton />;
}

/** /health (the overview) and /health/providers/:key (one provider); the route above hands us the rest. */
export function HealthPage() {
  return (
    <Routes>
      <Route index element={<HealthOverviewPage />} />
      <Route
        path="providers/:key"
        element={<ProviderHealthPage />}
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
