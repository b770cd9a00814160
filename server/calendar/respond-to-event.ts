// An attendee with an account answers the invitation. The answer is part of the event as
// calendar apps see it (ATTENDEE;PARTSTAT), so it bumps SEQUENCE and updatedAt like any edit.
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import type { TEventDetail, TRsvpStatus } from '../../shared/calendar-events.ts';
import { visibleEventsWhere, type Viewer } from './event-visibility.ts';
import { eventDetailSelect, toEventDetail } from './event-select.ts';
import { loadPrivateAccess } from './private-access.ts';
import { markGooglePushPending, queueGooglePushAfterCommit } from '../google/mark-push-pending.ts';

export async function respondToEvent(viewer: Viewer, id: string, rsvp: TRsvpStatus): Promise<TEventDetail> {
  let pushDue = false;
  const detail = await getDb().$transaction(async (tx) => {
    const event = await tx.calendarEvent.findFirst({
      where: { AND: [{ id }, visibleEventsWhere(viewer), { deletedAt: null }] },
      select: { id: true, ownerId: true, attendees: { where: { userId: viewer.id }, select: { id: true, rsvp: true } } },
    });
    if (!event) throw new AppError('NOT_FOUND', 'No such event');
    const mine = event.attendees[0];
    if (!mine) throw new AppError('FORBIDDEN', 'Only attendees can answer an invitation');
    if (mine.rsvp !== rsvp) {
      await tx.attendee.update({ where: { id: mine.id }, data: { rsvp }, select: { id: true } });
      await tx.calendarEvent.update({ where: { id }, data: { sequence: { increment: 1 }, updatedAt: new Date() }, select: { id: true } });
      // The organiser's Google copy shows the answer too.
      pushDue = await markGooglePushPending(tx, { id, ownerId: event.ownerId });
    }
    return toEventDetail(await tx.calendarEvent.findUniqueOrThrow({ where: { id }, select: eventDetailSelect }), viewer, await loadPrivateAccess(viewer, { tx }));
  });
  if (pushDue) await queueGooglePushAfterCommit(id);
  return detail;
}
