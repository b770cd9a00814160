// Deleting is a cancellation: the row stays with deletedAt and a new SEQUENCE, because Google
// and subscribed calendars must learn that it is gone (issue 3, CAL-G1).
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { isStaff } from '../../shared/roles.ts';
import { visibleEventsWhere, type Viewer } from './event-visibility.ts';
import { markGooglePushPending, queueGooglePushAfterCommit } from '../google/mark-push-pending.ts';

export async function deleteEvent(viewer: Viewer, id: string, requestId?: string): Promise<{ id: string; deletedAt: Date }> {
  let pushDue = false;
  const result = await getDb().$transaction(async (tx) => {
    const current = await tx.calendarEvent.findFirst({
      where: { AND: [{ id }, visibleEventsWhere(viewer), { deletedAt: null }] },
      select: { id: true, ownerId: true, title: true, sequence: true },
    });
    if (!current) throw new AppError('NOT_FOUND', 'No such event');
    if (!isStaff(viewer.role) && current.ownerId !== viewer.id) {
      throw new AppError('FORBIDDEN', 'Only the organiser can cancel this event');
    }
    const deletedAt = new Date();
    const { count } = await tx.calendarEvent.updateMany({
      where: { id, deletedAt: null },
      data: { deletedAt, sequence: { increment: 1 }, updatedAt: deletedAt },
    });
    // Someone else cancelled it between the read and the write: the outcome is the same.
    if (count === 0) throw new AppError('NOT_FOUND', 'No such event');
    await recordAudit(
      { actorId: viewer.id, action: 'calendar_event.delete', targetType: 'CalendarEvent', targetId: id, before: { title: current.title }, requestId },
      tx,
    );
    pushDue = await markGooglePushPending(tx, { id, ownerId: current.ownerId, deleted: true });
    return { id, deletedAt };
  });
  if (pushDue) await queueGooglePushAfterCommit(id);
  return result;
}
