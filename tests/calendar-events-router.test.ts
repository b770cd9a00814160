// calendarEvents.* through the real router and database: wall-clock times, field errors,
// the one visibility rule on every path, SEQUENCE and reminder re-planning on change.
import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { renderIcsFeed } from '../server/ics/render-ics-feed.ts';
import { EVENT_MAX_ATTENDEES, type TEventCreateInput } from '../shared/calendar-events.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { fieldErrorsOf } from './support/field-errors.ts';
import { codeOf } from './support/trpc-code.ts';

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

function eventInput(overrides: Partial<TEventCreateInput> = {}): TEventCreateInput {
  return {
    title: 'Duruşma — Ağır Ceza',
    timezone: 'Europe/Istanbul',
    start: '2026-12-10T09:30',
    end: '2026-12-10T11:00',
    reminderMinutes: 30,
    ...overrides,
  };
}

async function eventFor(owner: TestUser, overrides: Partial<TEventCreateInput> = {}) {
  return (await callerFor(owner)).calendarEvents.create(eventInput(overrides));
}

describe('[CAL][EVENTS] create', () => {
  it('stores wall-clock times of the event zone as UTC instants and gives them back as typed', async () => {
    const colleague = await createTestUser({ email: `colleague-${Date.now()}@test.opsdeck` });
    const owner = await createTestUser();
    const created = await (await callerFor(owner)).calendarEvents.create(
      eventInput({ attendees: [{ email: colleague.email.toUpperCase(), name: 'Colleague' }, { email: 'outside@example.com' }] }),
    );

    // Istanbul is UTC+3 all year since 2016.
    expect(created.startsAt.toISOString()).toBe('2026-12-10T06:30:00.000Z');
    expect(created.endsAt.toISOString()).toBe('2026-12-10T08:00:00.000Z');
    expect(created).toMatchObject({
      start: '2026-12-10T09:30',
      end: '2026-12-10T11:00',
      timezone: 'Europe/Istanbul',
      allDay: false,
      reminderMinutes: 30,
      reminderSentAt: null,
      sequence: 0,
      canEdit: true,
      myRsvp: null,
      owner: { id: owner.id, email: owner.email },
      attendeeCount: 2,
    });
    // E-mails are matched case-insensitively and linked to the account that owns them.
    expect(created.attendees).toEqual([
      { id: expect.any(String), email: colleague.email, name: 'Colleague', userId: colleague.id, rsvp: 'NEEDS_ACTION' },
      { id: expect.any(String), email: 'outside@example.com', name: null, userId: null, rsvp: 'NEEDS_ACTION' },
    ]);
    const audit = await getDb().auditLog.findFirst({ where: { targetId: created.id }, select: { action: true, actorId: true } });
    expect(audit).toEqual({ action: 'calendar_event.create', actorId: owner.id });
  });

  it('keeps all-day events as dates with an exclusive end, and applies DST rules of the event zone', async () => {
    const owner = await createTestUser();
    const allDay = await eventFor(owner, { allDay: true, start: '2026-03-29', end: '2026-03-30', timezone: 'Europe/Istanbul' });
    const row = await getDb().calendarEvent.findUniqueOrThrow({ where: { id: allDay.id }, select: { allDayStart: true, allDayEnd: true } });
    expect(row.allDayStart?.toISOString().slice(0, 10)).toBe('2026-03-29');
    expect(row.allDayEnd?.toISOString().slice(0, 10)).toBe('2026-03-31');
    expect(allDay).toMatchObject({ start: '2026-03-29', end: '2026-03-30' });
    expect(allDay.startsAt.toISOString()).toBe('2026-03-28T21:00:00.000Z');

    // New York springs forward on 2026-03-08: 02:30 does not exist and moves to 03:30 EDT.
    const gap = await eventFor(owner, { timezone: 'America/New_York', start: '2026-03-08T02:30', end: '2026-03-08T04:00' });
    expect(gap.startsAt.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(gap.start).toBe('2026-03-08T03:30');
    // ...and falls back on 2026-11-01: 01:30 happens twice; the first (EDT) is taken.
    const repeated = await eventFor(owner, { timezone: 'America/New_York', start: '2026-11-01T01:30', end: '2026-11-01T03:00' });
    expect(repeated.startsAt.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(repeated.endsAt.toISOString()).toBe('2026-11-01T08:00:00.000Z');
  });

  it('rejects bad input with a message on the field that is wrong', async () => {
    const caller = await callerFor(await createTestUser());
    const create = (o: Partial<TEventCreateInput>) => fieldErrorsOf(caller.calendarEvents.create(eventInput(o)));

    expect((await create({ end: '2026-12-10T09:00' })).end).toEqual(['The end must be after the start']);
    expect((await create({ allDay: true, start: '2026-12-10', end: '2026-12-09' })).end).toEqual(['The end date cannot be before the start date']);
    expect((await create({ timezone: 'Mars/Olympus' })).timezone?.[0]).toMatch(/Unknown time zone "Mars\/Olympus"/);
    expect((await create({ start: '10.12.2026 09:30' })).start).toEqual(['Use the form YYYY-MM-DDTHH:mm']);
    expect((await create({ start: '2026-02-30T09:30' })).start).toEqual(['Not a real date and time']);
    expect((await create({ reminderMinutes: 40_321 })).reminderMinutes?.[0]).toMatch(/at most 40320 minutes/);
    expect((await create({ reminderMinutes: -1 })).reminderMinutes?.[0]).toMatch(/cannot be negative/);
    expect((await create({ attendees: [{ email: 'not-an-address' }] })).attendees?.[0]).toMatch(/valid e-mail address/);
    const tooMany = Array.from({ length: EVENT_MAX_ATTENDEES + 1 }, (_, i) => ({ email: `a${i}@example.com` }));
    expect((await create({ attendees: tooMany })).attendees).toEqual([`An event can have at most ${EVENT_MAX_ATTENDEES} attendees`]);
    expect((await create({ attendees: [{ email: 'a@example.com' }, { email: 'A@example.com' }] })).attendees?.[0]).toMatch(/listed twice/);
    expect((await create({ title: '   ' })).title).toEqual(['Enter a title']);
    // Exactly the limit is fine.
    const atLimit = Array.from({ length: EVENT_MAX_ATTENDEES }, (_, i) => ({ email: `b${i}@example.com` }));
    expect((await caller.calendarEvents.create(eventInput({ attendees: atLimit }))).attendeeCount).toBe(EVENT_MAX_ATTENDEES);
  });
});

describe('[CAL][VISIBILITY] one rule on every path', () => {
  it('a user never sees, edits, cancels or receives in a feed another user’s event; invisible is NOT_FOUND', async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const attendee = await createTestUser();
    const support = await createTestUser({ role: 'SUPPORT' });
    const event = await eventFor(owner, { title: `Private ${owner.id}`, attendees: [{ email: attendee.email }] });
    const strangerCaller = await callerFor(stranger);

    const strangerList = await strangerCaller.calendarEvents.list({ search: owner.id });
    expect(strangerList.items).toEqual([]);
    expect(await codeOf(strangerCaller.calendarEvents.get({ id: event.id }))).toBe('NOT_FOUND');
    // The same answer as for an id that does not exist at all: no oracle.
    expect(await codeOf(strangerCaller.calendarEvents.get({ id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(await codeOf(strangerCaller.calendarEvents.update({ id: event.id, patch: { title: 'Mine now' } }))).toBe('NOT_FOUND');
    expect(await codeOf(strangerCaller.calendarEvents.delete({ id: event.id }))).toBe('NOT_FOUND');
    expect(await codeOf(strangerCaller.calendarEvents.respond({ id: event.id, rsvp: 'ACCEPTED' }))).toBe('NOT_FOUND');
    const strangerFeed = await renderIcsFeed({ owner: { ...stranger, name: stranger.name }, mode: 'FULL', linkName: 'x', cache: null });
    expect(strangerFeed.body.toString('utf8')).not.toContain(event.id);

    // The attendee sees it everywhere but cannot change it.
    const attendeeCaller = await callerFor(attendee);
    expect((await attendeeCaller.calendarEvents.list({ search: owner.id })).items.map((e) => e.id)).toEqual([event.id]);
    expect((await attendeeCaller.calendarEvents.get({ id: event.id })).canEdit).toBe(false);
    expect(await codeOf(attendeeCaller.calendarEvents.update({ id: event.id, patch: { title: 'Edited' } }))).toBe('FORBIDDEN');
    expect(await codeOf(attendeeCaller.calendarEvents.delete({ id: event.id }))).toBe('FORBIDDEN');
    const attendeeFeed = await renderIcsFeed({ owner: { ...attendee, name: attendee.name }, mode: 'FULL', linkName: 'x', cache: null });
    expect(attendeeFeed.body.toString('utf8')).toContain(event.id);

    // Support sees and may correct everyone's events.
    const supportCaller = await callerFor(support);
    expect((await supportCaller.calendarEvents.list({ search: owner.id })).items.map((e) => e.id)).toEqual([event.id]);
    expect((await supportCaller.calendarEvents.get({ id: event.id })).canEdit).toBe(true);

    const stored = await getDb().calendarEvent.findUniqueOrThrow({ where: { id: event.id }, select: { title: true, deletedAt: true, sequence: true } });
    expect(stored).toEqual({ title: `Private ${owner.id}`, deletedAt: null, sequence: 0 });
  });

  it('requires a session for every procedure', async () => {
    const anonymous = await callerFor(null);
    expect(await codeOf(anonymous.calendarEvents.list({}))).toBe('UNAUTHORIZED');
    expect(await codeOf(anonymous.calendarEvents.create(eventInput()))).toBe('UNAUTHORIZED');
  });
});

describe('[CAL][EVENTS] update, cancel, respond', () => {
  it('bumps SEQUENCE and updatedAt on every visible change and never on a no-op', async () => {
    const owner = await createTestUser();
    const caller = await callerFor(owner);
    const event = await eventFor(owner);

    const same = await caller.calendarEvents.update({ id: event.id, patch: { title: event.title, start: event.start } });
    expect(same.sequence).toBe(0);
    expect(same.updatedAt).toEqual(event.updatedAt);

    const renamed = await caller.calendarEvents.update({ id: event.id, patch: { title: 'Renamed' } });
    expect(renamed.sequence).toBe(1);
    expect(renamed.updatedAt.getTime()).toBeGreaterThan(event.updatedAt.getTime());

    const withAttendee = await caller.calendarEvents.update({ id: event.id, patch: { attendees: [{ email: 'guest@example.com' }] } });
    expect(withAttendee.sequence).toBe(2);
    expect(withAttendee.attendees.map((a) => a.email)).toEqual(['guest@example.com']);

    // Moving the end only: the stored start stays, the merged event is validated as a whole.
    const errors = await fieldErrorsOf(caller.calendarEvents.update({ id: event.id, patch: { end: '2026-12-10T08:00' } }));
    expect(errors.end).toEqual(['The end must be after the start']);
    expect(await codeOf(caller.calendarEvents.update({ id: event.id, expectedSequence: 0, patch: { title: 'Lost update' } }))).toBe('CONFLICT');
    expect((await caller.calendarEvents.get({ id: event.id })).title).toBe('Renamed');
  });

  it('a partial patch changes only what it names: attendees and all-day stay as stored', async () => {
    const owner = await createTestUser();
    const caller = await callerFor(owner);
    const timed = await eventFor(owner, { attendees: [{ email: 'kept@example.com', name: 'Kept' }] });
    const renamed = await caller.calendarEvents.update({ id: timed.id, patch: { title: 'Only the title' } });
    expect(renamed.attendees.map((a) => a.email)).toEqual(['kept@example.com']);
    const allDay = await eventFor(owner, { allDay: true, start: '2026-12-24', end: '2026-12-26' });
    const moved = await caller.calendarEvents.update({ id: allDay.id, patch: { location: 'Home' } });
    expect(moved).toMatchObject({ allDay: true, start: '2026-12-24', end: '2026-12-26', location: 'Home', sequence: 1 });
  });

  it('clears reminderSentAt when the start or the reminder changes, and only then (CAL-R3)', async () => {
    const owner = await createTestUser();
    const caller = await callerFor(owner);
    const event = await eventFor(owner);
    const markSent = () => getDb().calendarEvent.update({ where: { id: event.id }, data: { reminderSentAt: new Date() }, select: { id: true } });

    await markSent();
    expect((await caller.calendarEvents.update({ id: event.id, patch: { title: 'New title', location: 'Çağlayan' } })).reminderSentAt).not.toBeNull();
    expect((await caller.calendarEvents.update({ id: event.id, patch: { end: '2026-12-10T12:00' } })).reminderSentAt).not.toBeNull();
    expect((await caller.calendarEvents.update({ id: event.id, patch: { start: '2026-12-10T10:00' } })).reminderSentAt).toBeNull();
    await markSent();
    expect((await caller.calendarEvents.update({ id: event.id, patch: { reminderMinutes: 60 } })).reminderSentAt).toBeNull();
  });

  it('cancels softly with a new SEQUENCE; the owner no longer finds it, support still does', async () => {
    const owner = await createTestUser();
    const support = await createTestUser({ role: 'SUPPORT' });
    const caller = await callerFor(owner);
    const event = await eventFor(owner, { title: `Cancelled ${owner.id}` });

    const { deletedAt } = await caller.calendarEvents.delete({ id: event.id });
    expect(await codeOf(caller.calendarEvents.get({ id: event.id }))).toBe('NOT_FOUND');
    expect(await codeOf(caller.calendarEvents.delete({ id: event.id }))).toBe('NOT_FOUND');
    expect((await caller.calendarEvents.list({ search: owner.id })).items).toEqual([]);

    const supportCaller = await callerFor(support);
    expect(await supportCaller.calendarEvents.get({ id: event.id })).toMatchObject({ deletedAt, sequence: 1, canEdit: false });
    expect((await supportCaller.calendarEvents.list({ search: owner.id })).items).toEqual([]);
    expect((await supportCaller.calendarEvents.list({ search: owner.id, includeDeleted: true })).items.map((e) => e.id)).toEqual([event.id]);
    // A user cannot ask for cancelled events.
    expect((await caller.calendarEvents.list({ search: owner.id, includeDeleted: true })).items).toEqual([]);
  });

  it('lets an attendee answer, which other attendees and feeds see as a change', async () => {
    const owner = await createTestUser();
    const attendee = await createTestUser();
    const support = await createTestUser({ role: 'SUPPORT' });
    const event = await eventFor(owner, { attendees: [{ email: attendee.email }, { email: 'x@example.com' }] });

    const answered = await (await callerFor(attendee)).calendarEvents.respond({ id: event.id, rsvp: 'DECLINED' });
    expect(answered.myRsvp).toBe('DECLINED');
    expect(answered.sequence).toBe(1);
    expect(answered.attendees.find((a) => a.userId === attendee.id)?.rsvp).toBe('DECLINED');
    // Editing the event keeps the answers of attendees who stay.
    const edited = await (await callerFor(owner)).calendarEvents.update({ id: event.id, patch: { attendees: [{ email: attendee.email }] } });
    expect(edited.attendees).toEqual([expect.objectContaining({ email: attendee.email, rsvp: 'DECLINED' })]);
    // Seeing an event is not attending it.
    expect(await codeOf((await callerFor(support)).calendarEvents.respond({ id: event.id, rsvp: 'ACCEPTED' }))).toBe('FORBIDDEN');
  });
});

describe('[CAL][EVENTS] list', () => {
  it('filters by overlapping range and search, pages with a cursor without gaps or repeats', async () => {
    const owner = await createTestUser();
    const caller = await callerFor(owner);
    const tag = owner.id.slice(0, 8);
    const days = Array.from({ length: 7 }, (_, i) => `2027-01-${String(10 + i).padStart(2, '0')}`);
    const created = [];
    for (const day of days) created.push(await eventFor(owner, { title: `Meeting ${tag} ${day}`, start: `${day}T10:00`, end: `${day}T11:00` }));
    // Two at the same instant: the id breaks the tie so paging stays exact.
    created.push(await eventFor(owner, { title: `Meeting ${tag} twin`, start: '2027-01-12T10:00', end: '2027-01-12T10:30', attendees: [{ email: `findme-${tag}@example.com` }] }));

    const all = await caller.calendarEvents.list({ search: tag, limit: 500 });
    expect(all.items).toHaveLength(8);
    expect(all.nextCursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof caller.calendarEvents.list>> = await caller.calendarEvents.list({ search: tag, limit: 3, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.items.map((e) => e.id));

    const desc = await caller.calendarEvents.list({ search: tag, order: 'desc', limit: 2 });
    const descNext = await caller.calendarEvents.list({ search: tag, order: 'desc', limit: 2, cursor: desc.nextCursor });
    expect([...desc.items, ...descNext.items].map((e) => e.id)).toEqual(all.items.map((e) => e.id).reverse().slice(0, 4));

    // Overlap: an event from 10:00 to 11:00 Istanbul (07:00–08:00Z) overlaps a range starting 07:30Z.
    const ranged = await caller.calendarEvents.list({ search: tag, from: new Date('2027-01-11T07:30:00Z'), to: new Date('2027-01-12T07:00:00Z') });
    expect(ranged.items.map((e) => e.title)).toEqual([`Meeting ${tag} 2027-01-11`]);

    const byAttendee = await caller.calendarEvents.list({ search: `FINDME-${tag}` });
    expect(byAttendee.items.map((e) => e.title)).toEqual([`Meeting ${tag} twin`]);

    expect((await fieldErrorsOf(caller.calendarEvents.list({ cursor: 'garbage' }))).cursor).toEqual(['Not a cursor from a previous page']);
    expect((await fieldErrorsOf(caller.calendarEvents.list({ from: new Date('2027-01-02'), to: new Date('2027-01-01') }))).to).toEqual([
      '"to" must be after "from"',
    ]);
  });

  it('lets staff narrow to one user, owned or attending', async () => {
    const owner = await createTestUser();
    const attendee = await createTestUser();
    const admin = await createTestUser({ role: 'ADMIN' });
    const owned = await eventFor(owner);
    const attended = await eventFor(attendee, { attendees: [{ email: owner.email }] });
    await eventFor(attendee);
    const list = await (await callerFor(admin)).calendarEvents.list({ userId: owner.id });
    expect(list.items.map((e) => e.id).sort()).toEqual([owned.id, attended.id].sort());
  });
});
