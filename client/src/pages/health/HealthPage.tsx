import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { HealthOverviewPage } from './HealthOverviewPage.tsx';
import { ProviderHealthPage } from './ProviderHealthPage.tsx';

/** /health (the overview) and /health/providers/:key (one provider); the route above hands us the rest. */
export function HealthPage() {
  return (
    <Routes>
      <Route index element={<HealthOverviewPage />} />
      <Route path="providers/:key" element={<ProviderHealthPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
