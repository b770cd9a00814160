import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { getConfig } from '../server/config.ts';
import { hashIcsToken } from '../server/ics/hash-ics-token.ts';
import { ICS_MAX_ACTIVE_LINKS } from '../shared/ics.ts';
import { callerFor, createTestUser } from './support/factories.ts';

const URL_PATTERN = /^(.+)\/api\/calendar\/ics\/([A-Za-z0-9_-]{43})\.ics$/;

describe('[ICS][LINKS] create and list', () => {
  it('returns the feed URL once; the row holds only the HMAC and a prefix; list never exposes token or hash', async () => {
    const me = await createTestUser();
    const caller = await callerFor(me);
    const created = await caller.icsLinks.create({ name: '  iPhone  ', mode: 'BUSY' });

    const [, base, token] = created.url.match(URL_PATTERN) ?? [];
    expect(base).toBe(getConfig().publicBaseUrl.replace(/\/+$/, ''));
    expect(created.link).toEqual({
      id: expect.any(String),
      name: 'iPhone',
      mode: 'BUSY',
      prefix: token!.slice(0, 6),
      createdAt: expect.any(Date),
      lastUsedAt: null,
      lastUserAgent: null,
    });

    const row = await getDb().icsToken.findUniqueOrThrow({ where: { id: created.link.id } });
    expect(row.tokenHash).toBe(hashIcsToken(token!));
    expect(row.tokenHash).not.toContain(token!);
    expect(row.userId).toBe(me.id);

    const list = await caller.icsLinks.list();
    expect(list).toEqual([created.link]);
    const serialized = JSON.stringify(list);
    expect(serialized).not.toContain(token!);
    expect(serialized).not.toContain(row.tokenHash);
    expect(Object.keys(list[0]!).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'lastUserAgent', 'mode', 'name', 'prefix']);
  });

  it('defaults to full details, lists newest first and only the caller’s own links', async () => {
    const me = await createTestUser();
    const other = await createTestUser();
    const caller = await callerFor(me);
    const first = await caller.icsLinks.create({ name: 'Outlook' });
    const second = await caller.icsLinks.create({ name: 'Phone' });
    await (await callerFor(other)).icsLinks.create({ name: 'Not mine' });
    expect(first.link.mode).toBe('FULL');
    expect((await caller.icsLinks.list()).map((l) => l.name)).toEqual([second.link.name, first.link.name]);
  });

  it('rejects names that are empty after trimming or longer than 60 characters, naming the field', async () => {
    const caller = await callerFor(await createTestUser());
    for (const name of ['   ', 'x'.repeat(61)]) {
      const error = await caller.icsLinks.create({ name }).catch((e) => e);
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.cause.issues.map((i: { path: string[] }) => i.path[0])).toEqual(['name']);
    }
    await expect(caller.icsLinks.create({ name: 'y'.repeat(60) })).resolves.toMatchObject({ link: { name: 'y'.repeat(60) } });
  });

  it(`allows at most ${ICS_MAX_ACTIVE_LINKS} active links; revoking one makes room`, async () => {
    const me = await createTestUser();
    const caller = await callerFor(me);
    const links = [];
    for (let i = 0; i < ICS_MAX_ACTIVE_LINKS; i++) links.push(await caller.icsLinks.create({ name: `Link ${i}` }));
    const error = await caller.icsLinks.create({ name: 'One too many' }).catch((e) => e);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/20 calendar links/);
    expect(await getDb().icsToken.count({ where: { userId: me.id } })).toBe(ICS_MAX_ACTIVE_LINKS);

    await caller.icsLinks.revoke({ id: links[0]!.link.id });
    await expect(caller.icsLinks.create({ name: 'Now it fits' })).resolves.toMatchObject({ link: { name: 'Now it fits' } });
  });

  it('holds the limit under concurrent creates (the owner row is locked while counting)', async () => {
    const me = await createTestUser();
    const caller = await callerFor(me);
    for (let i = 0; i < ICS_MAX_ACTIVE_LINKS - 2; i++) await caller.icsLinks.create({ name: `Link ${i}` });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => caller.icsLinks.create({ name: `Race ${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results.filter((r) => r.status === 'rejected')) expect(r.reason).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await getDb().icsToken.count({ where: { userId: me.id, revokedAt: null } })).toBe(ICS_MAX_ACTIVE_LINKS);
  });

  it('refuses anonymous callers with UNAUTHORIZED', async () => {
    const anon = await callerFor(null);
    await expect(anon.icsLinks.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(anon.icsLinks.create({ name: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(anon.icsLinks.revokeAll()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('[ICS][LINKS] revoke', () => {
  it('revokes one link: it leaves the list, keeps its row with revokedAt, and a second revoke changes nothing', async () => {
    const me = await createTestUser();
    const caller = await callerFor(me);
    const keep = await caller.icsLinks.create({ name: 'Keep' });
    const drop = await caller.icsLinks.create({ name: 'Drop' });

    const revoked = await caller.icsLinks.revoke({ id: drop.link.id });
    expect(revoked).toEqual({ id: drop.link.id, revokedAt: expect.any(Date) });
    expect((await caller.icsLinks.list()).map((l) => l.id)).toEqual([keep.link.id]);
    const row = await getDb().icsToken.findUniqueOrThrow({ where: { id: drop.link.id }, select: { revokedAt: true } });
    expect(row.revokedAt).toEqual(revoked.revokedAt);

    await expect(caller.icsLinks.revoke({ id: drop.link.id })).resolves.toEqual(revoked);
    expect(await getDb().auditLog.count({ where: { targetId: drop.link.id, action: 'ics_link.revoke' } })).toBe(1);
  });

  it('answers NOT_FOUND (not FORBIDDEN) for another user’s link and leaves it active', async () => {
    const owner = await createTestUser();
    const intruder = await createTestUser({ role: 'ADMIN' });
    const link = (await (await callerFor(owner)).icsLinks.create({ name: 'Private' })).link;
    const caller = await callerFor(intruder);
    await expect(caller.icsLinks.revoke({ id: link.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.icsLinks.revoke({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const row = await getDb().icsToken.findUniqueOrThrow({ where: { id: link.id }, select: { revokedAt: true } });
    expect(row.revokedAt).toBeNull();
  });

  it('revokeAll revokes only the caller’s active links and reports how many', async () => {
    const me = await createTestUser();
    const other = await createTestUser();
    const caller = await callerFor(me);
    const a = await caller.icsLinks.create({ name: 'A' });
    await caller.icsLinks.create({ name: 'B' });
    await caller.icsLinks.revoke({ id: a.link.id });
    await (await callerFor(other)).icsLinks.create({ name: 'Other' });

    await expect(caller.icsLinks.revokeAll()).resolves.toEqual({ revoked: 1 });
    await expect(caller.icsLinks.list()).resolves.toEqual([]);
    await expect(caller.icsLinks.revokeAll()).resolves.toEqual({ revoked: 0 });
    expect(await getDb().icsToken.count({ where: { userId: other.id, revokedAt: null } })).toBe(1);
  });
});

describe('[ICS][LINKS] audit', () => {
  it('writes one audit row per create, revoke and revoke-all, without the token or its hash', async () => {
    const me = await createTestUser();
    const caller = await callerFor(me);
    const created = await caller.icsLinks.create({ name: 'Audited', mode: 'BUSY' });
    await caller.icsLinks.revoke({ id: created.link.id });
    await caller.icsLinks.create({ name: 'Second' });
    await caller.icsLinks.revokeAll();

    const rows = await getDb().auditLog.findMany({ where: { actorId: me.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.action, r.targetType])).toEqual([
      ['ics_link.create', 'IcsToken'],
      ['ics_link.revoke', 'IcsToken'],
      ['ics_link.create', 'IcsToken'],
      ['ics_link.revoke_all', 'User'],
    ]);
    expect(rows[0]).toMatchObject({ targetId: created.link.id, after: { name: 'Audited', mode: 'BUSY', prefix: created.link.prefix } });
    expect(rows[1]).toMatchObject({ targetId: created.link.id, after: { revoked: true } });
    expect(rows[3]).toMatchObject({ targetId: me.id, after: { revoked: 1 } });
    const token = created.url.match(URL_PATTERN)![2]!;
    const hash = hashIcsToken(token);
    for (const row of rows) {
      expect(JSON.stringify(row)).not.toContain(token);
      expect(JSON.stringify(row)).not.toContain(hash);
    }
  });

  it('a failed create (over the limit) leaves neither a link nor an audit row', async () => {
    const me = await createTestUser();
    const caller = await callerFor(me);
    for (let i = 0; i < ICS_MAX_ACTIVE_LINKS; i++) await caller.icsLinks.create({ name: `L${i}` });
    await expect(caller.icsLinks.create({ name: 'Over' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await getDb().auditLog.count({ where: { actorId: me.id, action: 'ics_link.create' } })).toBe(ICS_MAX_ACTIVE_LINKS);
    expect(await getDb().icsToken.count({ where: { userId: me.id, name: 'Over' } })).toBe(0);
  });
});
