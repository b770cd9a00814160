// The ETag behind the 304 path: derived from per-user feed versions that PostgreSQL triggers
// keep (migration ics_feed_cache), never from the body. Each test asks "did this user's tag
// change?" after one kind of write, through the same lookup the HTTP route uses.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { getConfig } from '../server/config.ts';
import { getDb } from '../server/db.ts';
import { computeFeedEtag } from '../server/ics/compute-feed-etag.ts';
import { feedWindow } from '../server/ics/feed-window.ts';
import { findFeedToken } from '../server/ics/find-feed-token.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { createEventRow, feedPath } from './support/ics-fixtures.ts';

type User = Awaited<ReturnType<typeof createTestUser>>;
const WINDOW = feedWindow(new Date('2026-10-15T12:00:00Z'));

async function feedOf(user: User, mode: 'FULL' | 'BUSY' = 'FULL') {
  const { url } = await (await callerFor(user)).icsLinks.create({ name: 'Phone', mode });
  const file = feedPath(url).split('/').pop()!;
  return {
    file,
    etag: async (window = WINDOW) => {
      const link = await findFeedToken(file);
      if (!link) throw new Error('link not found');
      return computeFeedEtag({
        tokenId: link.id,
        mode: link.mode,
        owner: { id: link.user.id, role: link.user.role, name: link.user.name },
        linkName: link.name,
        window,
        feedVersion: link.feedVersion,
      });
    },
  };
}

/** Runs `write` and reports which of the feeds got a new ETag. */
async function changedBy(feeds: Record<string, Awaited<ReturnType<typeof feedOf>>>, write: () => Promise<unknown>) {
  const before = Object.fromEntries(await Promise.all(Object.entries(feeds).map(async ([k, f]) => [k, await f.etag()] as const)));
  await write();
  const changed: string[] = [];
  for (const [k, f] of Object.entries(feeds)) if ((await f.etag()) !== before[k]) changed.push(k);
  return changed.sort();
}

describe('[ICS][ETAG] what changes a feed’s ETag', () => {
  it('is stable while nothing changes, and ignores other users’ events and reminder bookkeeping', async () => {
    const me = await createTestUser();
    const other = await createTestUser();
    const event = await createEventRow({ ownerId: me.id });
    const feeds = { me: await feedOf(me) };
    expect(await feeds.me.etag()).toBe(await feeds.me.etag());
    expect(await changedBy(feeds, () => createEventRow({ ownerId: other.id }))).toEqual([]);
    // Columns no feed shows, written without touching updatedAt (how a reminder claim may write).
    expect(
      await changedBy(feeds, () => getDb().$executeRaw`UPDATE "CalendarEvent" SET "reminderSentAt" = now() WHERE "id" = ${event.id}::uuid`),
    ).toEqual([]);
  });

  it('changes for the owner on create, edit, soft delete and hard delete', async () => {
    const me = await createTestUser();
    const feeds = { me: await feedOf(me) };
    let id = '';
    expect(await changedBy(feeds, async () => (id = (await createEventRow({ ownerId: me.id })).id))).toEqual(['me']);
    expect(await changedBy(feeds, () => getDb().calendarEvent.update({ where: { id }, data: { title: 'Moved', sequence: { increment: 1 } } }))).toEqual(['me']);
    expect(await changedBy(feeds, () => getDb().calendarEvent.update({ where: { id }, data: { deletedAt: new Date() } }))).toEqual(['me']);
    expect(await changedBy(feeds, () => getDb().calendarEvent.delete({ where: { id } }))).toEqual(['me']);
  });

  it('changes for everyone who sees the event when an attendee is added, answers or is removed', async () => {
    const owner = await createTestUser();
    const guest = await createTestUser();
    const bystander = await createTestUser();
    const event = await createEventRow({ ownerId: owner.id, attendees: [{ email: 'outside@example.com' }] });
    const feeds = { owner: await feedOf(owner), guest: await feedOf(guest), bystander: await feedOf(bystander) };

    // The event enters the guest's feed.
    expect(
      await changedBy(feeds, () => getDb().attendee.create({ data: { eventId: event.id, email: guest.email, userId: guest.id } })),
    ).toEqual(['guest', 'owner']);
    // An RSVP changes the ATTENDEE lines all of them see, even if nothing bumps the event row.
    expect(
      await changedBy(feeds, () => getDb().attendee.updateMany({ where: { eventId: event.id, email: 'outside@example.com' }, data: { rsvp: 'ACCEPTED' } })),
    ).toEqual(['guest', 'owner']);
    // Writing the same state again changes nothing.
    expect(
      await changedBy(feeds, () => getDb().attendee.updateMany({ where: { eventId: event.id, email: 'outside@example.com' }, data: { rsvp: 'ACCEPTED' } })),
    ).toEqual([]);
    // The event leaves the guest's feed.
    expect(await changedBy(feeds, () => getDb().attendee.deleteMany({ where: { eventId: event.id, userId: guest.id } }))).toEqual(['guest', 'owner']);
  });

  it('changes for the old and the new owner when an event changes hands', async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const event = await createEventRow({ ownerId: a.id });
    const feeds = { a: await feedOf(a), b: await feedOf(b) };
    expect(await changedBy(feeds, () => getDb().calendarEvent.update({ where: { id: event.id }, data: { ownerId: b.id } }))).toEqual(['a', 'b']);
  });

  it('changes attendees’ feeds when the organizer’s name changes (ORGANIZER;CN), not for a sign-in', async () => {
    const owner = await createTestUser();
    const guest = await createTestUser();
    await createEventRow({ ownerId: owner.id, attendees: [{ email: guest.email, userId: guest.id }] });
    const feeds = { owner: await feedOf(owner), guest: await feedOf(guest) };
    expect(await changedBy(feeds, () => getDb().user.update({ where: { id: owner.id }, data: { name: 'Av. Yeni İsim' } }))).toEqual(['guest', 'owner']);
    expect(await changedBy(feeds, () => getDb().user.update({ where: { id: owner.id }, data: { lastSignInAt: new Date() } }))).toEqual([]);
  });

  it('staff feeds (everything) change with any user’s event', async () => {
    const support = await createTestUser({ role: 'SUPPORT' });
    const someone = await createTestUser();
    const feeds = { support: await feedOf(support), someone: await feedOf(someone) };
    const other = await createTestUser();
    expect(await changedBy(feeds, () => createEventRow({ ownerId: other.id }))).toEqual(['support']);
  });

  it('changes with the link’s name and mode, and when the day-granular window moves', async () => {
    const me = await createTestUser();
    const feed = await feedOf(me);
    const link = (await findFeedToken(feed.file))!;
    const before = await feed.etag();
    expect(await changedBy({ feed }, () => getDb().icsToken.update({ where: { id: link.id }, data: { name: 'Tablet' } }))).toEqual(['feed']);
    expect(await changedBy({ feed }, () => getDb().icsToken.update({ where: { id: link.id }, data: { mode: 'BUSY' } }))).toEqual(['feed']);
    const today = await feed.etag(feedWindow(new Date('2026-10-15T00:00:01Z')));
    expect(await feed.etag(feedWindow(new Date('2026-10-15T23:59:59Z')))).toBe(today);
    expect(await feed.etag(feedWindow(new Date('2026-10-16T00:00:01Z')))).not.toBe(today);
    expect(before).toMatch(/^"ics1-[\w-]{32}"$/);
  });
});

describe('[ICS][ETAG] versions move at commit, once, without deadlocks', () => {
  it('a rolled-back transaction changes nothing; a committed one changes the tag only once it commits', async () => {
    const me = await createTestUser();
    const feed = await feedOf(me);
    const before = await feed.etag();
    await expect(
      getDb().$transaction(async (tx) => {
        await tx.calendarEvent.create({ data: { ownerId: me.id, title: 'x', startsAt: new Date(), endsAt: new Date(), timezone: 'UTC' } });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await feed.etag()).toBe(before);

    let inside = '';
    await getDb().$transaction(async (tx) => {
      await tx.calendarEvent.createMany({ data: [1, 2, 3].map((i) => ({ ownerId: me.id, title: `e${i}`, startsAt: new Date(), endsAt: new Date(), timezone: 'UTC' })) });
      await tx.calendarEvent.create({ data: { ownerId: me.id, title: 'e4', startsAt: new Date(), endsAt: new Date(), timezone: 'UTC' } });
      inside = await feed.etag(); // another connection: the change is not committed yet
    });
    expect(inside).toBe(before);
    expect(await feed.etag()).not.toBe(before);
    const rows = await getDb().$queryRaw<{ version: bigint }[]>`SELECT "version" FROM "ics_feed_versions" WHERE "userId" = ${me.id}::uuid`;
    expect(rows).toEqual([{ version: 1n }]); // one bump for four events in two statements; none for the rollback
    expect(await getDb().$queryRaw`SELECT count(*)::int AS n FROM "ics_feed_flushes"`).toEqual([{ n: 0 }]);
  });

  it('two users inviting each other in interleaved transactions both commit, and both feeds change', async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const feeds = { a: await feedOf(a), b: await feedOf(b) };
    const clients = [new pg.Client({ connectionString: getConfig().databaseUrl }), new pg.Client({ connectionString: getConfig().databaseUrl })];
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const changed = await changedBy(feeds, async () => {
        const [t1, t2] = clients as [pg.Client, pg.Client];
        const createEvent = async (c: pg.Client, owner: User) =>
          (
            await c.query<{ id: string }>(
              `INSERT INTO "CalendarEvent" ("id", "ownerId", "title", "startsAt", "endsAt", "timezone", "updatedAt")
               VALUES (gen_random_uuid(), $1, 't', now(), now() + interval '1 hour', 'UTC', now()) RETURNING "id"`,
              [owner.id],
            )
          ).rows[0]!.id;
        const invite = (c: pg.Client, eventId: string, guest: User) =>
          c.query(`INSERT INTO "Attendee" ("id", "eventId", "email", "userId") VALUES (gen_random_uuid(), $1, $2, $3)`, [eventId, guest.email, guest.id]);
        await t1.query('BEGIN');
        await t2.query('BEGIN');
        // Were versions bumped statement by statement, t1 would now hold a's row and t2 b's, and
        // each invitation would wait for the other transaction: a deadlock (or a hang here).
        const e1 = await createEvent(t1, a);
        const e2 = await createEvent(t2, b);
        await invite(t1, e1, b);
        await invite(t2, e2, a);
        await Promise.all([t1.query('COMMIT'), t2.query('COMMIT')]);
      });
      expect(changed).toEqual(['a', 'b']);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});
