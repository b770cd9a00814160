// The feed over real HTTP: headers, ETag/304, the one 404, revocation, visibility, rate limit.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../server/ics/render-ics-feed.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../server/ics/render-ics-feed.ts')>();
  return { ...actual, renderIcsFeed: vi.fn(actual.renderIcsFeed) };
});
vi.mock('../server/ics/record-feed-outcome.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../server/ics/record-feed-outcome.ts')>();
  return { ...actual, recordFeedOutcome: vi.fn(actual.recordFeedOutcome) };
});

import { createApp } from '../server/http/app.ts';
import { getDb } from '../server/db.ts';
import { hashIcsToken } from '../server/ics/hash-ics-token.ts';
import { renderIcsFeed } from '../server/ics/render-ics-feed.ts';
import { recordFeedOutcome } from '../server/ics/record-feed-outcome.ts';
import { flushIntegrationEvents } from '../server/integrations/log-integration-event.ts';
import { getPool } from '../server/db.ts';
import { FEED_RATE_LIMIT } from '../server/ics/consume-feed-rate-limit.ts';
import { findFeedBody, findPreviousFeedBody, icsBodyCache, keepFeedBody } from '../server/ics/feed-body-store.ts';
import { flushFeedWrites } from '../server/ics/write-behind.ts';
import { icsEventCache } from '../server/ics/render-ics-event.ts';
import { callerFor, createTestUser, TEST_PASSWORD } from './support/factories.ts';
import { createEventRow, feedPath } from './support/ics-fixtures.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

type User = Awaited<ReturnType<typeof createTestUser>>;

async function newLink(user: User, mode: 'FULL' | 'BUSY' = 'FULL') {
  const { link, url } = await (await callerFor(user)).icsLinks.create({ name: 'Phone', mode });
  return { link, url, path: feedPath(url) };
}
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

async function signInCookie(user: User): Promise<string> {
  const res = await fetch(`${base}/api/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: { email: user.email, password: TEST_PASSWORD } }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

describe('[ICS][FEED] serving', () => {
  it('answers 200 with calendar headers, a strong ETag, no compression, and the event', async () => {
    const me = await createTestUser();
    const event = await createEventRow({ ownerId: me.id, title: 'Court date' });
    const { path } = await newLink(me);

    const res = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate, no-transform');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="opsdeck.ics"');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('etag')).toMatch(/^"ics1-[\w-]{32}"$/);
    const body = await res.text();
    expect(body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//opsdeck//Calendar Feed//EN\r\n')).toBe(true);
    expect(body).toContain(`UID:${event.id}@localhost\r\n`);
    expect(body).toContain('SUMMARY:Court date\r\n');
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
  });

  it('answers HEAD with the same headers and no body', async () => {
    const me = await createTestUser();
    await createEventRow({ ownerId: me.id });
    const { path } = await newLink(me);
    const getRes = await get(path);
    await getRes.text();
    const head = await fetch(`${base}${path}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    for (const name of ['content-type', 'cache-control', 'content-disposition', 'etag', 'content-length']) {
      expect(head.headers.get(name), name).toBe(getRes.headers.get(name));
    }
    expect(await head.text()).toBe('');
  });

  it('answers 304 without rendering when If-None-Match matches, and 200 with a new ETag after a change', async () => {
    const me = await createTestUser();
    const event = await createEventRow({ ownerId: me.id, title: 'Before' });
    const { path } = await newLink(me);
    const first = await get(path);
    const etag = first.headers.get('etag')!;
    await first.text();

    const rendersBefore = vi.mocked(renderIcsFeed).mock.calls.length;
    const again = await get(path, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const weak = await get(path, { 'if-none-match': `"other", W/${etag}` });
    expect(weak.status).toBe(304);
    expect(vi.mocked(renderIcsFeed).mock.calls.length).toBe(rendersBefore);

    await getDb().calendarEvent.update({ where: { id: event.id }, data: { title: 'After', sequence: { increment: 1 } } });
    const changed = await get(path, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toContain('SUMMARY:After');
  });

  it('changes the ETag when an event is soft-deleted, and drops the event from the feed', async () => {
    const me = await createTestUser();
    const keep = await createEventRow({ ownerId: me.id, title: 'Stays' });
    const gone = await createEventRow({ ownerId: me.id, title: 'Cancelled' });
    await createEventRow({ ownerId: me.id, title: 'Deleted long ago', deletedAt: new Date() });
    const { path } = await newLink(me);
    const before = await get(path);
    const beforeBody = await before.text();
    expect(beforeBody).toContain(`UID:${gone.id}@`);
    expect(beforeBody).not.toContain('Deleted long ago');

    await getDb().calendarEvent.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    const after = await get(path, { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    const body = await after.text();
    expect(body).toContain(`UID:${keep.id}@`);
    expect(body).not.toContain(gone.id);
  });

  it('adding an attendee changes the owner’s and the invited user’s ETags, and the event reaches the invitee', async () => {
    const owner = await createTestUser();
    const invitee = await createTestUser();
    const event = await createEventRow({ ownerId: owner.id, title: 'Keşif' });
    const feeds = [(await newLink(owner)).path, (await newLink(invitee)).path];
    const tags: string[] = [];
    for (const path of feeds) {
      const res = await get(path);
      await res.text();
      tags.push(res.headers.get('etag')!);
    }
    for (const [i, path] of feeds.entries()) expect((await get(path, { 'if-none-match': tags[i]! })).status).toBe(304);

    await getDb().attendee.create({ data: { eventId: event.id, email: invitee.email, name: invitee.name, userId: invitee.id } });
    const rendersBefore = vi.mocked(renderIcsFeed).mock.calls.length;
    for (const [i, path] of feeds.entries()) {
      const res = await get(path, { 'if-none-match': tags[i]! });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).not.toBe(tags[i]);
      expect(await res.text()).toContain(`UID:${event.id}@`);
    }
    expect(vi.mocked(renderIcsFeed).mock.calls.length).toBe(rendersBefore + 2);
  });

  it('records when and by which client a link was last used, at most once a minute', async () => {
    const me = await createTestUser();
    const { path, link } = await newLink(me);
    const longAgent = `Calendar/1.0 ${'x'.repeat(300)}`;
    await (await get(path, { 'user-agent': longAgent })).text();
    const first = await getDb().icsToken.findUniqueOrThrow({ where: { id: link.id }, select: { lastUsedAt: true, lastUserAgent: true } });
    expect(first.lastUsedAt).toBeInstanceOf(Date);
    expect(first.lastUserAgent).toBe(longAgent.slice(0, 200));

    await (await get(path, { 'user-agent': 'Other/2.0' })).text();
    const second = await getDb().icsToken.findUniqueOrThrow({ where: { id: link.id }, select: { lastUsedAt: true, lastUserAgent: true } });
    expect(second).toEqual(first);

    await getDb().icsToken.update({ where: { id: link.id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    await (await get(path, { 'user-agent': 'Other/2.0' })).text();
    const third = await getDb().icsToken.findUniqueOrThrow({ where: { id: link.id }, select: { lastUserAgent: true } });
    expect(third.lastUserAgent).toBe('Other/2.0');
    expect((await (await callerFor(me)).icsLinks.list())[0]).toMatchObject({ lastUserAgent: 'Other/2.0' });
  });
});

describe('[ICS][FEED] kept bodies', () => {
  const keptRow = async (tokenId: string) =>
    (await getPool().query<{ etag: string; body: Buffer }>('SELECT "etag", "body" FROM "ics_feed_bodies" WHERE "tokenId" = $1', [tokenId])).rows[0];
  const renders = () => vi.mocked(renderIcsFeed).mock.calls.length;

  it('serves an unchanged feed from the body kept under its ETag, from memory and after a restart, and renders again after a change', async () => {
    const me = await createTestUser();
    const event = await createEventRow({ ownerId: me.id, title: 'Keşif, İzmir' });
    const { path, link } = await newLink(me);
    const first = await get(path);
    const etag = first.headers.get('etag')!;
    const body = await first.text();
    await flushFeedWrites();
    const row = await keptRow(link.id);
    expect(row?.etag).toBe(etag);
    expect(row?.body.toString('utf8')).toBe(body);

    // Clients that never send If-None-Match: the same bytes, no render.
    let before = renders();
    const again = await get(path);
    expect({ etag: again.headers.get('etag'), body: await again.text() }).toEqual({ etag, body });
    // A restart empties memory: the stored body answers.
    icsBodyCache.clear();
    const restarted = await get(path);
    expect({ etag: restarted.headers.get('etag'), body: await restarted.text(), length: restarted.headers.get('content-length') }).toEqual({
      etag,
      body,
      length: String(Buffer.byteLength(body)),
    });
    expect(renders()).toBe(before);

    // A change moves the tag: neither the remembered nor the stored body is served under the new one.
    await getDb().calendarEvent.update({ where: { id: event.id }, data: { title: 'Duruşma', sequence: { increment: 1 } } });
    icsBodyCache.clear();
    before = renders();
    const changed = await get(path);
    const changedBody = await changed.text();
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changedBody).toContain('SUMMARY:Duruşma');
    expect(changedBody).not.toContain('Keşif');
    expect(renders()).toBe(before + 1);
    await flushFeedWrites();
    expect(await keptRow(link.id)).toEqual({ etag: changed.headers.get('etag'), body: Buffer.from(changedBody, 'utf8') });
  });

  it('after a restart and an edit, a GET copies the unchanged events out of the body last served and keeps the new one with its index', async () => {
    const me = await createTestUser();
    const events = [];
    for (let i = 0; i < 4; i++) events.push(await createEventRow({ ownerId: me.id, title: `Duruşma ${i}`, startsAt: new Date(Date.now() + (i + 1) * 86_400_000) }));
    const { path, link } = await newLink(me);
    await (await get(path)).text();
    await flushFeedWrites();
    const before = (await getPool().query<{ events: string | null }>('SELECT "events" FROM "ics_feed_bodies" WHERE "tokenId" = $1', [link.id])).rows[0];
    expect(before?.events?.split('\n').map((line) => line.split(' ')[0])).toEqual(events.map((e) => e.id));

    await getDb().calendarEvent.update({ where: { id: events[2]!.id }, data: { title: 'Keşif', sequence: { increment: 1 } } });
    // A restart: both memory caches empty.
    icsEventCache.clear();
    icsBodyCache.clear();
    const changed = await get(path);
    const text = await changed.text();
    expect(text).toContain('SUMMARY:Keşif');
    expect(text).not.toContain('SUMMARY:Duruşma 2');
    const result = await vi.mocked(renderIcsFeed).mock.results.at(-1)!.value;
    expect(result).toMatchObject({ events: 4, fromPrevious: 3, fromStore: 0, fromMemory: 0, rendered: 1 });
    await flushFeedWrites();
    const after = (await getPool().query<{ etag: string; events: string | null }>('SELECT "etag", "events" FROM "ics_feed_bodies" WHERE "tokenId" = $1', [link.id])).rows[0];
    expect(after).toEqual({ etag: changed.headers.get('etag'), events: result.index() });
    expect(after!.events).not.toBe(before!.events);
  });

  it('reads a kept body larger than one slice back byte for byte, and only under its own tag', async () => {
    const me = await createTestUser();
    const { link } = await newLink(me);
    // 2.5 MiB over three 1 MiB slices; every byte differs from its neighbours' slice offsets.
    const body = Buffer.alloc(2.5 * 1024 * 1024 + 7);
    for (let i = 0; i < body.length; i++) body[i] = (i * 31 + (i >> 20)) & 0xff;
    keepFeedBody(link.id, '"big"', body, () => 'an index');
    await flushFeedWrites();
    icsBodyCache.clear();
    const found = await findFeedBody(link.id, '"big"');
    expect(found.body && { from: found.from, equal: found.body.equals(body) }).toEqual({ from: 'store', equal: true });
    expect(await findFeedBody(link.id, '"big"')).toMatchObject({ from: 'memory' });
    icsBodyCache.clear();
    // Under another tag: no body, but word that one is kept to render from, and it reads back whole.
    expect(await findFeedBody(link.id, '"other"')).toEqual({ body: undefined, previousKept: true });
    const previous = await findPreviousFeedBody(link.id);
    expect(previous && { equal: previous.body.equals(body), events: previous.events }).toEqual({ equal: true, events: 'an index' });
    // A body kept without an index (stored before the column existed) is no help to a render.
    await getPool().query('UPDATE "ics_feed_bodies" SET "events" = NULL WHERE "tokenId" = $1', [link.id]);
    expect(await findFeedBody(link.id, '"other"')).toEqual({ body: undefined, previousKept: false });
    expect(await findPreviousFeedBody(link.id)).toBeUndefined();
    expect(await findFeedBody(link.id, '"big"')).toMatchObject({ from: 'store' });
  });

  it('revoking a link, or all of them, deletes what they last served; a write behind a revoke does not bring it back', async () => {
    const me = await createTestUser();
    await createEventRow({ ownerId: me.id });
    const one = await newLink(me);
    const two = await newLink(me, 'BUSY');
    const three = await newLink(me);
    for (const l of [one, two, three]) await (await get(l.path)).text();
    await flushFeedWrites();
    for (const l of [one, two, three]) expect(await keptRow(l.link.id)).toBeDefined();

    await (await callerFor(me)).icsLinks.revoke({ id: one.link.id });
    expect(await keptRow(one.link.id)).toBeUndefined();
    expect(await keptRow(two.link.id)).toBeDefined();
    keepFeedBody(one.link.id, '"late"', Buffer.from('BEGIN:VCALENDAR'));
    await flushFeedWrites();
    expect(await keptRow(one.link.id)).toBeUndefined();

    await (await callerFor(me)).icsLinks.revokeAll();
    expect(await keptRow(two.link.id)).toBeUndefined();
    expect(await keptRow(three.link.id)).toBeUndefined();
  });
});

describe('[ICS][FEED] one 404 for every token that does not open a feed', () => {
  async function notFound(path: string) {
    const res = await get(path);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  }

  it('unknown, malformed, revoked and foreign-secret tokens answer the same 404', async () => {
    const me = await createTestUser();
    const { path: revokedPath, link } = await newLink(me);
    await (await callerFor(me)).icsLinks.revoke({ id: link.id });

    // A well-formed token hashed with another environment's secret.
    const foreign = randomBytes(32).toString('base64url');
    await getDb().icsToken.create({
      data: { userId: me.id, name: 'Staging', tokenHash: hashIcsToken(foreign, randomBytes(48).toString('base64url')), prefix: foreign.slice(0, 6) },
    });

    const expected = { status: 404, type: 'application/json; charset=utf-8', body: '{"error":"not_found"}' };
    const paths = [
      `/api/calendar/ics/${randomBytes(32).toString('base64url')}.ics`, // unknown
      '/api/calendar/ics/not-a-token.ics', // malformed
      `/api/calendar/ics/${'A'.repeat(500)}.ics`, // malformed, long
      `/api/calendar/ics/${randomBytes(32).toString('base64url')}`, // no .ics
      '/api/calendar/ics/%00.ics',
      revokedPath,
      `/api/calendar/ics/${foreign}.ics`,
    ];
    for (const path of paths) expect(await notFound(path), path).toEqual(expected);
    const post = await fetch(`${base}${revokedPath}`, { method: 'POST' });
    expect({ status: post.status, body: await post.text() }).toEqual({ status: 404, body: expected.body });

    // The same token does open the feed once its hash is the one this environment computes.
    await getDb().icsToken.updateMany({ where: { prefix: foreign.slice(0, 6), userId: me.id }, data: { tokenHash: hashIcsToken(foreign) } });
    expect((await get(`/api/calendar/ics/${foreign}.ics`)).status).toBe(200);
  });

  it('DELETE /api/calendar/ics/token revokes all of the signed-in user’s links; their URLs then 404 (CAL-I2)', async () => {
    const me = await createTestUser();
    const other = await createTestUser();
    const mine = [await newLink(me), await newLink(me, 'BUSY')];
    const theirs = await newLink(other);
    for (const l of mine) expect((await get(l.path)).status).toBe(200);

    const anonymous = await fetch(`${base}/api/calendar/ics/token`, { method: 'DELETE' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'unauthenticated' });
    expect((await get(mine[0]!.path)).status).toBe(200);

    const cookie = await signInCookie(me);
    const res = await fetch(`${base}/api/calendar/ics/token`, { method: 'DELETE', headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: 2 });
    for (const l of mine) expect((await get(l.path)).status).toBe(404);
    expect((await get(theirs.path)).status).toBe(200);
    expect(await getDb().auditLog.count({ where: { actorId: me.id, action: 'ics_link.revoke_all' } })).toBe(1);
  });

  it('disabling the user (users.setDisabled) revokes their links and the feed answers 404', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const me = await createTestUser();
    const { path, link } = await newLink(me);
    expect((await get(path)).status).toBe(200);

    await (await callerFor(admin)).users.setDisabled({ id: me.id, disabled: true });
    expect((await get(path)).status).toBe(404);
    const row = await getDb().icsToken.findUniqueOrThrow({ where: { id: link.id }, select: { revokedAt: true } });
    expect(row.revokedAt).toBeInstanceOf(Date);
    // Re-enabling does not bring old links back: they were revoked, not paused.
    await (await callerFor(admin)).users.setDisabled({ id: me.id, disabled: false });
    expect((await get(path)).status).toBe(404);
  });

  it('a disabled owner’s still-active link answers 404 too (disabled outside the normal path)', async () => {
    const me = await createTestUser();
    const { path } = await newLink(me);
    await getDb().user.update({ where: { id: me.id }, data: { disabledAt: new Date() } });
    expect(await notFound(path)).toEqual({ status: 404, type: 'application/json; charset=utf-8', body: '{"error":"not_found"}' });
  });
});

describe('[ICS][FEED] content follows the visibility rule', () => {
  it('a user sees what they own or attend, never another user’s event; support sees everything', async () => {
    const me = await createTestUser();
    const other = await createTestUser();
    const support = await createTestUser({ role: 'SUPPORT' });
    const own = await createEventRow({ ownerId: me.id, title: 'Mine' });
    const attending = await createEventRow({
      ownerId: other.id,
      title: 'Invited',
      attendees: [{ email: me.email, name: me.name, userId: me.id, rsvp: 'ACCEPTED' }],
    });
    const hidden = await createEventRow({ ownerId: other.id, title: 'Secret matter', attendees: [{ email: 'x@example.com' }] });

    const body = await (await get((await newLink(me)).path)).text();
    expect(body).toContain(`UID:${own.id}@`);
    expect(body).toContain(`UID:${attending.id}@`);
    expect(body).not.toContain(hidden.id);
    expect(body).not.toContain('Secret matter');
    expect(body.replace(/\r\n /g, '')).toMatch(new RegExp(`ATTENDEE;[^\\r]*PARTSTAT=ACCEPTED[^\\r]*:MAILTO:${me.email}`));

    const staffBody = await (await get((await newLink(support)).path)).text();
    for (const e of [own, attending, hidden]) expect(staffBody).toContain(`UID:${e.id}@`);
  });

  it('busy mode blocks the time but hides title, description, location, organizer and attendees', async () => {
    const me = await createTestUser();
    const event = await createEventRow({
      ownerId: me.id,
      title: 'Privileged: Acme v. Roe',
      description: 'Settlement strategy',
      location: 'Room 12',
      attendees: [{ email: 'client@example.com', name: 'Client' }],
    });
    const body = await (await get((await newLink(me, 'BUSY')).path)).text();
    expect(body).toContain(`UID:${event.id}@`);
    expect(body).toContain('SUMMARY:Busy\r\n');
    expect(body).toContain('TRANSP:OPAQUE\r\n');
    expect(body).toContain('CLASS:PRIVATE\r\n');
    for (const secret of ['Acme', 'Settlement', 'Room 12', 'client@example.com', 'DESCRIPTION', 'LOCATION', 'ATTENDEE', 'ORGANIZER', me.email]) {
      expect(body, secret).not.toContain(secret);
    }
  });
});

describe('[ICS][FEED] logging', () => {
  it('records every request once with status, latency and owner, never the token', async () => {
    const me = await createTestUser();
    const { path, link } = await newLink(me);
    const token = path.split('/').pop()!.replace('.ics', '');
    const outcomes = vi.mocked(recordFeedOutcome);
    outcomes.mockClear();
    const ok = await get(path);
    await ok.text();
    await (await get(path, { 'if-none-match': ok.headers.get('etag')! })).text();
    await (await get('/api/calendar/ics/nope.ics')).text();

    expect(outcomes.mock.calls.map(([o]) => [o.status, o.userId, o.tokenId])).toEqual([
      [200, me.id, link.id],
      [304, me.id, link.id],
      [404, null, null],
    ]);
    for (const [o] of outcomes.mock.calls) {
      expect(o.latencyMs).toBeGreaterThan(0);
      expect(JSON.stringify(o)).not.toContain(token);
    }
    // Each request is also an integration event of provider ics_feed, with no token in it.
    await flushIntegrationEvents();
    const { rows } = await getPool().query(
      `SELECT event, ok, error_code, subject, metadata FROM integration_events WHERE provider = 'ics_feed' ORDER BY id DESC LIMIT 3`,
    );
    expect(rows.reverse().map((r) => [r.event, r.ok, r.error_code, r.subject, r.metadata.status])).toEqual([
      ['ics_feed_served', true, null, me.id, 200],
      ['ics_feed_served', true, null, me.id, 304],
      ['ics_feed_error', false, '404', null, 404],
    ]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe('[ICS][FEED] rate limit', () => {
  it(`answers 429 with Retry-After after ${FEED_RATE_LIMIT.points} requests per link; other links are unaffected`, async () => {
    const me = await createTestUser();
    const limited = await newLink(me);
    const fresh = await newLink(me);
    for (let i = 0; i < FEED_RATE_LIMIT.points; i++) {
      const res = await fetch(`${base}${limited.path}`, { method: 'HEAD' });
      expect(res.status, `request ${i + 1}`).toBe(200);
    }
    const blocked = await get(limited.path);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(FEED_RATE_LIMIT.durationSec);
    expect(await blocked.json()).toEqual({ error: 'rate_limited' });
    expect((await get(fresh.path)).status).toBe(200);
  });
});
