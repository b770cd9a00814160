import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { ReleasesListPage } from './ReleasesListPage.tsx';
import { ReleaseDetailPage } from './ReleaseDetailPage.tsx';

/** /health/releases (list, record, checklist items) and /health/releases/:id (the evaluated checklist). */
export function ReleasesPage() {
  return (
    <Routes>
      <Route index element={<ReleasesListPage />} />
      <Route path=":id" element={<ReleaseDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
