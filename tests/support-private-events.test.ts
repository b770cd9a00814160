// "Support cannot read event descriptions of events marked private unless an admin grants it"
// (issue 9): every path support reads events through withholds the description without a live
// grant (event detail, lists, the diagnostics page, support's own ICS feed, the audit log of an
// edit), the owner and attendees still read it, admins read it, and a grant ends when it expires
// or is revoked.
import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { renderIcsFeed } from '../server/ics/render-ics-feed.ts';
import { feedEventsWhere, feedWindow } from '../server/ics/feed-window.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { codeOf } from './support/trpc-code.ts';

const SECRET = 'Client admits liability; settle below 40k';
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

async function setting() {
  const owner = await createTestUser();
  const attendee = await createTestUser();
  const support = await createTestUser({ role: 'SUPPORT' });
  const admin = await createTestUser({ role: 'ADMIN' });
  const event = await (await callerFor(owner)).calendarEvents.create({
    title: `Settlement ${owner.id.slice(0, 6)}`,
    description: SECRET,
    private: true,
    timezone: 'UTC',
    start: inMinutes(24 * 60),
    end: inMinutes(25 * 60),
    reminderMinutes: 30,
    attendees: [{ email: attendee.email }],
  });
  return { owner, attendee, support, admin, event };
}

async function supportReads(support: Awaited<ReturnType<typeof createTestUser>>, eventId: string, ownerId: string) {
  const c = await callerFor(support);
  const detail = await c.calendarEvents.get({ id: eventId });
  const diag = await c.support.diagnose({ userId: ownerId });
  const diagEvent = diag.events.find((e) => e.id === eventId)!;
  return { detail: [detail.description, detail.descriptionWithheld], diag: [diagEvent.description, diagEvent.descriptionWithheld] };
}

describe('[CAL-O2][SUPPORT][PRIVATE] private event descriptions', () => {
  it('owner and attendees read it; support does not through any path; admins do', async () => {
    const { owner, attendee, support, admin, event } = await setting();
    expect(event).toMatchObject({ private: true, description: SECRET, descriptionWithheld: false });
    for (const reader of [owner, attendee, admin]) {
      const detail = await (await callerFor(reader)).calendarEvents.get({ id: event.id });
      expect([detail.description, detail.descriptionWithheld]).toEqual([SECRET, false]);
    }
    expect(await supportReads(support, event.id, owner.id)).toEqual({ detail: [null, true], diag: [null, true] });
    const adminDiag = await (await callerFor(admin)).support.diagnose({ userId: owner.id });
    expect(adminDiag.events.find((e) => e.id === event.id)).toMatchObject({ description: SECRET, descriptionWithheld: false });

    // Lists carry no descriptions at all, only the flag.
    const list = await (await callerFor(support)).calendarEvents.list({ userId: owner.id });
    expect(list.items.find((e) => e.id === event.id)).toMatchObject({ private: true });
    expect(JSON.stringify(list)).not.toContain(SECRET);

    // Support's own ICS feed leaves other people's private events out; an admin's keeps them.
    const supportFeed = (await renderIcsFeed({ owner: { id: support.id, role: 'SUPPORT', name: support.name }, mode: 'FULL', linkName: 'x', cache: null })).body.toString('utf8');
    expect(supportFeed).not.toContain(event.title);
    expect(supportFeed).not.toContain('settle below');
    const adminFeed = (await renderIcsFeed({ owner: { id: admin.id, role: 'ADMIN', name: admin.name }, mode: 'FULL', linkName: 'x', cache: null })).body.toString('utf8');
    expect(adminFeed).toContain(event.title);
    // The Prisma form of the feed filter agrees with the SQL one.
    const viaPrisma = await getDb().calendarEvent.count({ where: { AND: [feedEventsWhere({ id: support.id, role: 'SUPPORT' }, feedWindow()), { id: event.id }] } });
    expect(viaPrisma).toBe(0);
  });

  it('support cannot overwrite the hidden description or make the event public; the audit log never shows it', async () => {
    const { owner, support, admin, event } = await setting();
    const c = await callerFor(support);
    expect(await codeOf(c.calendarEvents.update({ id: event.id, patch: { description: 'gone' } }))).toBe('FORBIDDEN');
    expect(await codeOf(c.calendarEvents.update({ id: event.id, patch: { private: false } }))).toBe('FORBIDDEN');
    // Other fields stay editable for support, and the description survives the edit.
    const edited = await c.calendarEvents.update({ id: event.id, patch: { location: 'Court 4' } });
    expect(edited).toMatchObject({ location: 'Court 4', description: null, descriptionWithheld: true });
    expect((await getDb().calendarEvent.findUniqueOrThrow({ where: { id: event.id } })).description).toBe(SECRET);

    await (await callerFor(owner)).calendarEvents.update({ id: event.id, patch: { description: `${SECRET} (updated)` } });
    const audit = await getDb().auditLog.findMany({ where: { targetType: 'CalendarEvent', targetId: event.id } });
    expect(JSON.stringify(audit)).not.toContain('settle below');
    expect(audit.find((a) => a.actorId === owner.id && a.action === 'calendar_event.update')?.after).toMatchObject({ description: '[private]' });

    // An admin may flip it; the owner may too.
    await (await callerFor(admin)).calendarEvents.update({ id: event.id, patch: { private: false } });
    expect((await (await callerFor(support)).calendarEvents.get({ id: event.id })).description).toBe(`${SECRET} (updated)`);
  });

  it('a live grant lets support read; it ends when it expires or is revoked, and is scoped to one user', async () => {
    const { owner, support, admin, event } = await setting();
    const other = await setting();
    const grant = await (await callerFor(admin)).support.grantPrivateAccess({ supportUserId: support.id, userId: owner.id, reason: 'Ticket 9: wrong reminder text', hours: 1 });
    expect(await supportReads(support, event.id, owner.id)).toEqual({ detail: [SECRET, false], diag: [SECRET, false] });
    // Scoped to this owner: another owner's private event stays withheld.
    expect((await (await callerFor(support)).calendarEvents.get({ id: other.event.id })).descriptionWithheld).toBe(true);
    // Not for other support users.
    const colleague = await createTestUser({ role: 'SUPPORT' });
    expect((await (await callerFor(colleague)).calendarEvents.get({ id: event.id })).descriptionWithheld).toBe(true);

    await getDb().privateEventAccessGrant.update({ where: { id: grant.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await supportReads(support, event.id, owner.id)).toEqual({ detail: [null, true], diag: [null, true] });

    const everyone = await (await callerFor(admin)).support.grantPrivateAccess({ supportUserId: support.id, reason: 'Audit week', hours: 1 });
    expect((await (await callerFor(support)).calendarEvents.get({ id: other.event.id })).description).toBe(SECRET);
    await (await callerFor(admin)).support.revokePrivateGrant({ id: everyone.id });
    expect(await supportReads(support, event.id, owner.id)).toEqual({ detail: [null, true], diag: [null, true] });
  });
});
