import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import type { TEventDetail } from '../../shared/calendar-events.ts';
import { isStaff } from '../../shared/roles.ts';
import { visibleEventsWhere, type Viewer } from './event-visibility.ts';
import { eventDetailSelect, toEventDetail } from './event-select.ts';
import { loadPrivateAccess } from './private-access.ts';

/**
 * NOT_FOUND for events the viewer may not see, exactly as for ids that do not exist:
 * FORBIDDEN would confirm that the id is someone's event.
 */
export async function getEvent(viewer: Viewer, id: string): Promise<TEventDetail> {
  const row = await getDb().calendarEvent.findFirst({
    where: { AND: [{ id }, visibleEventsWhere(viewer), isStaff(viewer.role) ? {} : { deletedAt: null }] },
    select: eventDetailSelect,
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such event');
  return toEventDetail(row, viewer, await loadPrivateAccess(viewer));
}
