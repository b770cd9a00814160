import { getDb } from '../db.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { TEventCreateInput, TEventDetail } from '../../shared/calendar-events.ts';
import type { Viewer } from './event-visibility.ts';
import { eventDetailSelect, toEventDetail } from './event-select.ts';
import { eventColumns, validateEvent } from './validate-event.ts';
import { loadPrivateAccess } from './private-access.ts';
import { userIdsByEmail } from './attendee-users.ts';
import { markGooglePushPending, queueGooglePushAfterCommit } from '../google/mark-push-pending.ts';

/** Everyone creates events of their own; the viewer is the owner. */
export async function createEvent(viewer: Viewer, input: TEventCreateInput, requestId?: string): Promise<TEventDetail> {
  const v = validateEvent(input);
  let pushDue = false;
  const detail = await getDb().$transaction(async (tx) => {
    const users = await userIdsByEmail(tx, v.attendees.map((a) => a.email));
    const row = await tx.calendarEvent.create({
      data: {
        ownerId: viewer.id,
        ...eventColumns(v),
        attendees: {
          create: v.attendees.map((a) => ({ email: a.email, name: a.name || null, userId: users.get(a.email) ?? null })),
        },
      },
      select: eventDetailSelect,
    });
    await recordAudit(
      { actorId: viewer.id, action: 'calendar_event.create', targetType: 'CalendarEvent', targetId: row.id, after: { title: row.title, startsAt: row.startsAt.toISOString() }, requestId },
      tx,
    );
    pushDue = await markGooglePushPending(tx, { id: row.id, ownerId: viewer.id });
    // The creator owns it, so a private description is theirs to read.
    return toEventDetail(row, viewer, await loadPrivateAccess(viewer, { tx }));
  });
  if (pushDue) await queueGooglePushAfterCommit(detail.id);
  return detail;
}
