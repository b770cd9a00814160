// One user's facts, in the order the runbook checks them (CAL-O2): their upcoming and recent
// events with reminderMinutes, reminderSentAt and attendees; every reminder delivery of those
// events or to their address; the Google Account; ICS links; integration events about them.
// Then the verdicts, computed from exactly these facts.
import { getConfig } from '../config.ts';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../calendar/event-visibility.ts';
import { loadPrivateAccess } from '../calendar/private-access.ts';
import { getGoogleConnection } from '../google/get-google-connection.ts';
import { deliverySelect } from '../reminders/list-reminder-deliveries.ts';
import { searchIntegrationEvents } from '../integrations/search-integration-events.ts';
import { SUPPORT_RECENT_DAYS, SUPPORT_UPCOMING_DAYS, type TDiagEvent, type TDiagnosis } from '../../shared/support.ts';
import { computeVerdicts } from './compute-verdicts.ts';
import { supportUserSelect } from './find-support-users.ts';

const DAY_MS = 86_400_000;
const EVENTS_MAX = 100;
const DELIVERIES_MAX = 200;
const INTEGRATION_EVENTS_MAX = 30;

export async function diagnoseUser(opts: { viewer: Viewer; userId: string; now?: Date }): Promise<TDiagnosis> {
  const now = opts.now ?? new Date();
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: opts.userId }, select: supportUserSelect });
  if (!user) throw new AppError('NOT_FOUND', 'No such user');

  const from = new Date(now.getTime() - SUPPORT_RECENT_DAYS * DAY_MS);
  const to = new Date(now.getTime() + SUPPORT_UPCOMING_DAYS * DAY_MS);
  const [rows, access] = await Promise.all([
    db.calendarEvent.findMany({
      where: {
        AND: [
          { OR: [{ ownerId: user.id }, { attendees: { some: { OR: [{ userId: user.id }, { email: { equals: user.email, mode: 'insensitive' } }] } } }] },
          { startsAt: { gte: from, lt: to } },
          { deletedAt: null },
        ],
      },
      select: {
        id: true,
        title: true,
        description: true,
        private: true,
        startsAt: true,
        endsAt: true,
        timezone: true,
        allDay: true,
        reminderMinutes: true,
        reminderSentAt: true,
        deletedAt: true,
        owner: { select: { id: true, name: true, email: true } },
        attendees: { select: { email: true, name: true, userId: true, rsvp: true }, orderBy: { email: 'asc' } },
      },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: EVENTS_MAX,
    }),
    loadPrivateAccess(opts.viewer, { now }),
  ]);

  const events: TDiagEvent[] = rows.map((e) => {
    const withheld = !access.canRead({ private: e.private, ownerId: e.owner.id, attendeeUserIds: e.attendees.map((a) => a.userId) });
    return {
      ...e,
      description: withheld ? null : e.description,
      descriptionWithheld: withheld,
      relation: e.owner.id === user.id ? 'OWNER' : 'ATTENDEE',
      when: e.startsAt > now ? 'UPCOMING' : 'RECENT',
    };
  });
  const upcoming = events.filter((e) => e.when === 'UPCOMING');
  const recent = events.filter((e) => e.when === 'RECENT').reverse();

  const [deliveryRows, google, links, pushes, integration] = await Promise.all([
    db.reminderDelivery.findMany({
      where: { OR: [{ eventId: { in: events.map((e) => e.id) } }, { recipientUserId: user.id }, { recipient: { equals: user.email, mode: 'insensitive' } }] },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: DELIVERIES_MAX,
      select: deliverySelect,
    }),
    getGoogleConnection(user.id, { recentErrors: true }),
    db.icsToken.findMany({
      where: { userId: user.id },
      orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
      select: { id: true, name: true, mode: true, prefix: true, createdAt: true, lastUsedAt: true, lastUserAgent: true, revokedAt: true },
    }),
    db.googleEventLink.findMany({
      where: { account: { userId: user.id }, state: { in: ['PENDING', 'FAILED'] } },
      orderBy: [{ pendingSince: 'asc' }],
      take: 50,
      select: { eventId: true, state: true, attempts: true, lastError: true, pendingSince: true, lastPushedAt: true, event: { select: { title: true } } },
    }),
    searchIntegrationEvents({ subject: user.id, limit: INTEGRATION_EVENTS_MAX }),
  ]);

  const deliveries = deliveryRows.map(({ event, ...d }) => ({ ...d, eventTitle: event.title }));
  const diagPushes = pushes.map(({ event, ...p }) => ({ ...p, title: event.title }));
  const config = getConfig();
  const ordered = [...upcoming, ...recent];
  return {
    generatedAt: now,
    user,
    events: ordered,
    deliveries,
    google,
    pushes: diagPushes,
    icsLinks: links,
    integrationEvents: integration.items,
    verdicts: computeVerdicts({
      now,
      events: [...recent, ...upcoming],
      deliveries,
      google,
      pushes: diagPushes,
      icsLinks: links,
      syncIntervalSec: config.google.syncIntervalSec,
      graceMinutes: config.reminders.graceMinutes,
    }),
    syncIntervalSec: config.google.syncIntervalSec,
  };
}
