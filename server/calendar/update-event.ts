// An update is a patch merged into the stored event and validated as a whole. Every change a
// calendar app could notice bumps SEQUENCE and updatedAt (feeds, ETags and Google depend on
// it); an update that changes nothing writes nothing. Moving the start or changing the
// reminder plans a new reminder window (CAL-R3).
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { TEventDetail, TEventUpdateInput } from '../../shared/calendar-events.ts';
import { isStaff } from '../../shared/roles.ts';
import { visibleEventsWhere, type Viewer } from './event-visibility.ts';
import { eventDetailSelect, toEventDetail } from './event-select.ts';
import { toWallClock } from './event-time.ts';
import { eventColumns, validateEvent } from './validate-event.ts';
import { loadPrivateAccess } from './private-access.ts';
import { userIdsByEmail } from './attendee-users.ts';
import { markGooglePushPending, queueGooglePushAfterCommit } from '../google/mark-push-pending.ts';

export const STALE_EVENT_MESSAGE = 'This event was changed meanwhile; reload it and try again';

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export async function updateEvent(viewer: Viewer, input: TEventUpdateInput, requestId?: string): Promise<TEventDetail> {
  let pushDue = false;
  const detail = await getDb().$transaction(async (tx) => {
    const current = await tx.calendarEvent.findFirst({
      where: { AND: [{ id: input.id }, visibleEventsWhere(viewer), { deletedAt: null }] },
      select: eventDetailSelect,
    });
    if (!current) throw new AppError('NOT_FOUND', 'No such event');
    // Visible but not editable: an attendee. Saying so is no leak, they can already see it.
    if (!isStaff(viewer.role) && current.owner.id !== viewer.id) {
      throw new AppError('FORBIDDEN', 'Only the organiser can change this event');
    }
    if (input.expectedSequence !== undefined && input.expectedSequence !== current.sequence) {
      throw new AppError('CONFLICT', STALE_EVENT_MESSAGE);
    }
    const access = await loadPrivateAccess(viewer, { tx });
    const attendeeUserIds = current.attendees.map((a) => a.userId);
    // Turning "private" off would hand support the description: only the owner (or an admin) may.
    if (input.patch.private !== undefined && input.patch.private !== current.private && current.owner.id !== viewer.id && viewer.role !== 'ADMIN') {
      throw new AppError('FORBIDDEN', 'Only the organiser can change whether this event is private');
    }
    const hidden = !access.canRead({ private: current.private, ownerId: current.owner.id, attendeeUserIds });
    // A description one cannot read cannot be overwritten either (the form leaves it out).
    if (hidden && input.patch.description !== undefined) {
      throw new AppError('FORBIDDEN', 'The description of this private event needs an admin grant');
    }

    const v = validateEvent({
      title: current.title,
      description: current.description,
      location: current.location,
      timezone: current.timezone,
      allDay: current.allDay,
      ...toWallClock(current),
      reminderMinutes: current.reminderMinutes,
      private: current.private,
      attendees: current.attendees.map((a) => ({ email: a.email, name: a.name })),
      ...definedOnly(input.patch),
    });

    const next = eventColumns(v);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => {
      const before = current[key];
      const after = next[key];
      return before instanceof Date || after instanceof Date ? !sameTime(before as Date | null, after as Date | null) : before !== after;
    });

    const stored = new Map(current.attendees.map((a) => [a.email, a]));
    const wanted = new Map(v.attendees.map((a) => [a.email, a.name || null]));
    const removed = current.attendees.filter((a) => !wanted.has(a.email)).map((a) => a.email);
    const added = [...wanted.keys()].filter((email) => !stored.has(email));
    const renamed = [...wanted].filter(([email, name]) => stored.has(email) && stored.get(email)!.name !== name);

    if (changed.length === 0 && removed.length + added.length + renamed.length === 0) return toEventDetail(current, viewer, access);

    const reminderReplanned = changed.includes('startsAt') || changed.includes('reminderMinutes');
    // The sequence in the condition makes a concurrent update lose cleanly instead of merging.
    const { count } = await tx.calendarEvent.updateMany({
      where: { id: current.id, sequence: current.sequence },
      data: {
        ...next,
        sequence: { increment: 1 },
        updatedAt: new Date(),
        ...(reminderReplanned ? { reminderSentAt: null } : {}),
      },
    });
    if (count === 0) throw new AppError('CONFLICT', STALE_EVENT_MESSAGE);

    if (removed.length) await tx.attendee.deleteMany({ where: { eventId: current.id, email: { in: removed } } });
    if (added.length) {
      const users = await userIdsByEmail(tx, added);
      await tx.attendee.createMany({
        data: added.map((email) => ({ eventId: current.id, email, name: wanted.get(email) ?? null, userId: users.get(email) ?? null })),
      });
    }
    for (const [email, name] of renamed) {
      await tx.attendee.update({ where: { eventId_email: { eventId: current.id, email } }, data: { name }, select: { id: true } });
    }

    const after = await tx.calendarEvent.findUniqueOrThrow({ where: { id: current.id }, select: eventDetailSelect });
    // Support reads the audit log: a private event's description stays out of it.
    const auditValue = (key: keyof typeof next, value: unknown) =>
      key === 'description' && (current.private || v.private) ? '[private]' : String(value instanceof Date ? value.toISOString() : value);
    await recordAudit(
      {
        actorId: viewer.id,
        action: 'calendar_event.update',
        targetType: 'CalendarEvent',
        targetId: current.id,
        before: Object.fromEntries(changed.map((k) => [k, auditValue(k, current[k])])),
        after: {
          ...Object.fromEntries(changed.map((k) => [k, auditValue(k, next[k])])),
          ...(removed.length ? { attendeesRemoved: removed } : {}),
          ...(added.length ? { attendeesAdded: added } : {}),
          sequence: after.sequence,
        },
        requestId,
      },
      tx,
    );
    pushDue = await markGooglePushPending(tx, { id: current.id, ownerId: current.owner.id });
    return toEventDetail(after, viewer, access);
  });
  if (pushDue) await queueGooglePushAfterCommit(detail.id);
  return detail;
}
