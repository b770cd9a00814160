import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { findSessionUser, SESSION_COOKIE } from '../server/auth/sessions.ts';
import { callerFor, createTestUser, TEST_PASSWORD } from './support/factories.ts';

const newUser = (suffix: string) => ({
  email: `new-${suffix}-${Date.now()}@test.opsdeck`,
  name: `New ${suffix}`,
  role: 'USER' as const,
  password: 'a long enough password',
});

describe('[USERS] role checks', () => {
  it('refuses anonymous callers with UNAUTHORIZED', async () => {
    const anon = await callerFor(null);
    await expect(anon.users.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it.each(['USER', 'SUPPORT'] as const)('refuses a signed-in %s with FORBIDDEN on every users procedure', async (role) => {
    const me = await createTestUser({ role });
    const target = await createTestUser();
    const caller = await callerFor(me);
    await expect(caller.users.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.users.create(newUser(role))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.users.setRole({ id: target.id, role: 'ADMIN' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.users.setDisabled({ id: target.id, disabled: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const unchanged = await getDb().user.findUniqueOrThrow({ where: { id: target.id }, select: { role: true, disabledAt: true } });
    expect(unchanged).toEqual({ role: 'USER', disabledAt: null });
  });
});

describe('[USERS] administration', () => {
  it('creates a user who can then sign in, and audits it without the password', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const caller = await callerFor(admin);
    const input = newUser('create');
    const created = await caller.users.create(input);
    expect(created).toMatchObject({ email: input.email, name: input.name, role: 'USER', disabledAt: null });
    expect(created).not.toHaveProperty('passwordHash');

    const anon = await callerFor(null);
    await expect(anon.auth.signIn({ email: input.email, password: input.password })).resolves.toMatchObject({ id: created.id });

    const audit = await getDb().auditLog.findMany({ where: { targetId: created.id, action: 'user.create' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, targetType: 'User' });
    expect(JSON.stringify(audit[0]!.after)).not.toContain(input.password);
  });

  it('answers CONFLICT for an e-mail already taken, case-insensitively', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const existing = await createTestUser();
    const caller = await callerFor(admin);
    await expect(caller.users.create({ ...newUser('dup'), email: existing.email.toUpperCase() })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('returns field errors naming each bad field', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const caller = await callerFor(admin);
    const error = await caller.users.create({ email: 'nope', name: '', role: 'USER', password: 'short' }).catch((e) => e);
    expect(error.code).toBe('BAD_REQUEST');
    const fields = error.cause.issues.map((i: { path: string[] }) => i.path[0]).sort();
    expect(fields).toEqual(['email', 'name', 'password']);
  });

  it('changes a role and audits before and after', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const target = await createTestUser();
    const caller = await callerFor(admin);
    await expect(caller.users.setRole({ id: target.id, role: 'SUPPORT' })).resolves.toMatchObject({ role: 'SUPPORT' });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { targetId: target.id, action: 'user.set_role' } });
    expect(audit.before).toEqual({ role: 'USER', disabled: false });
    expect(audit.after).toEqual({ role: 'SUPPORT', disabled: false });
  });

  it('disabling a user ends their access at once, even for a session already open', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const target = await createTestUser({ role: 'ADMIN' });
    const victim = await callerFor(null);
    await victim.auth.signIn({ email: target.email, password: TEST_PASSWORD });
    const token = victim.cookies.get(SESSION_COOKIE);
    expect((await findSessionUser(token))?.user.id).toBe(target.id);

    const caller = await callerFor(admin);
    const disabled = await caller.users.setDisabled({ id: target.id, disabled: true });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(await findSessionUser(token)).toBeNull();
    await expect(victim.auth.signIn({ email: target.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    await caller.users.setDisabled({ id: target.id, disabled: false });
    await expect(victim.auth.signIn({ email: target.email, password: TEST_PASSWORD })).resolves.toMatchObject({ id: target.id });
    const actions = await getDb().auditLog.findMany({ where: { targetId: target.id }, orderBy: { createdAt: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(['user.disable', 'user.enable']);
  });

  it('a session opened before disabling is refused even if its row survived (race with in-flight requests)', async () => {
    const target = await createTestUser();
    const anon = await callerFor(null);
    await anon.auth.signIn({ email: target.email, password: TEST_PASSWORD });
    await getDb().user.update({ where: { id: target.id }, data: { disabledAt: new Date() } });
    expect(await getDb().session.count({ where: { userId: target.id } })).toBe(1);
    expect(await findSessionUser(anon.cookies.get(SESSION_COOKIE))).toBeNull();
  });

  it('refuses to let admins demote or disable themselves', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const caller = await callerFor(admin);
    await expect(caller.users.setRole({ id: admin.id, role: 'USER' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.users.setDisabled({ id: admin.id, disabled: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await getDb().auditLog.count({ where: { targetId: admin.id } })).toBe(0);
  });

  it('answers NOT_FOUND for an unknown user id', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const caller = await callerFor(admin);
    await expect(caller.users.setRole({ id: '00000000-0000-4000-8000-000000000000', role: 'USER' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('searches by name or e-mail and filters by role', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const findMe = await createTestUser({ role: 'SUPPORT', name: 'Zeynep Özdemir' });
    const caller = await callerFor(admin);
    expect((await caller.users.list({ search: 'özdemir' })).map((u) => u.id)).toEqual([findMe.id]);
    expect((await caller.users.list({ search: findMe.email.slice(0, 13) })).map((u) => u.id)).toContain(findMe.id);
    const supports = await caller.users.list({ role: 'SUPPORT' });
    expect(supports.every((u) => u.role === 'SUPPORT')).toBe(true);
  });
});
