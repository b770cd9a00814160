import { Route, Routes } from 'react-router';
import { useSessionUser } from '../../app/session.tsx';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { ForbiddenPage } from '../errors/ForbiddenPage.tsx';
import { IncidentsListPage } from './IncidentsListPage.tsx';
import { IncidentDetailPage } from './IncidentDetailPage.tsx';
import { AlertSettingsPage } from './AlertSettingsPage.tsx';

/** /incidents (list), /incidents/settings (rules, channels, mutes: admins) and /incidents/:id. */
export function IncidentsPage() {
  const isAdmin = useSessionUser().role === 'ADMIN';
  return (
    <Routes>
      <Route index element={<IncidentsListPage />} />
      <Route path="settings" element={isAdmin ? <AlertSettingsPage /> : <ForbiddenPage />} />
      <Route path=":id" element={<IncidentDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
