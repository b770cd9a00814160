import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { EventDetailPage } from './EventDetailPage.tsx';
import { EventsListPage } from './EventsListPage.tsx';
import { DeliveriesPage } from './DeliveriesPage.tsx';

/** /events (the list), /events/deliveries (the reminder trail) and /events/:id (one event); the route above hands us the rest of the path. */
export function EventsPage() {
  return (
    <Routes>
      <Route index element={<EventsListPage />} />
      <Route path="deliveries" element={<DeliveriesPage />} />
      <Route path=":id" element={<EventDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
