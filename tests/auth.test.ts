import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { findSessionUser, SESSION_COOKIE } from '../server/auth/sessions.ts';
import { callerFor, createTestUser, TEST_PASSWORD } from './support/factories.ts';

describe('[AUTH] sign-in', () => {
  it('signs in with the right password, sets a session cookie, and me() resolves through it', async () => {
    const user = await createTestUser({ role: 'SUPPORT' });
    const anon = await callerFor(null);
    const result = await anon.auth.signIn({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(result).toEqual(user);
    expect(result).not.toHaveProperty('passwordHash');

    const token = anon.cookies.get(SESSION_COOKIE);
    expect(token).toMatch(/^[\w-]{43}$/);
    const session = await findSessionUser(token);
    expect(session?.user).toEqual(user);
    // Only a keyed hash is stored, never the token itself.
    const stored = await getDb().session.findMany({ where: { userId: user.id }, select: { tokenHash: true } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toBe(token);
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { lastSignInAt: true } });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
  });

  it('answers a wrong password and an unknown e-mail with the same UNAUTHORIZED error', async () => {
    const user = await createTestUser();
    const anon = await callerFor(null);
    const wrong = anon.auth.signIn({ email: user.email, password: 'not the password' });
    await expect(wrong).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid e-mail or password' });
    const unknown = anon.auth.signIn({ email: 'nobody@test.opsdeck', password: TEST_PASSWORD });
    await expect(unknown).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid e-mail or password' });
    expect(anon.cookies.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a disabled account with the same error', async () => {
    const user = await createTestUser({ disabled: true });
    const anon = await callerFor(null);
    await expect(anon.auth.signIn({ email: user.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('returns field errors for malformed input', async () => {
    const anon = await callerFor(null);
    await expect(anon.auth.signIn({ email: 'not-an-email', password: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('rate-limits repeated failures per account and address, then even the right password waits', async () => {
    const user = await createTestUser();
    const ip = '203.0.113.7';
    const anon = await callerFor(null, { ip });
    for (let i = 0; i < 5; i++) {
      await expect(anon.auth.signIn({ email: user.email, password: `wrong-${i}` })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const blocked = anon.auth.signIn({ email: user.email, password: TEST_PASSWORD });
    await expect(blocked).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const error = await blocked.catch((e) => e);
    expect(error.cause.details.retryAfterSeconds).toBeGreaterThan(60);
    // Another address is not punished for this one's failures.
    const elsewhere = await callerFor(null, { ip: '198.51.100.9' });
    await expect(elsewhere.auth.signIn({ email: user.email, password: TEST_PASSWORD })).resolves.toMatchObject({ id: user.id });
  });

  it('a successful sign-in clears the failure count', async () => {
    const user = await createTestUser();
    const anon = await callerFor(null, { ip: '192.0.2.44' });
    for (let i = 0; i < 4; i++) await anon.auth.signIn({ email: user.email, password: 'nope' }).catch(() => undefined);
    await anon.auth.signIn({ email: user.email, password: TEST_PASSWORD });
    for (let i = 0; i < 4; i++) await anon.auth.signIn({ email: user.email, password: 'nope' }).catch(() => undefined);
    await expect(anon.auth.signIn({ email: user.email, password: TEST_PASSWORD })).resolves.toMatchObject({ id: user.id });
  });

  it('rotates the session on sign-in and ends it on sign-out', async () => {
    const user = await createTestUser();
    const anon = await callerFor(null);
    await anon.auth.signIn({ email: user.email, password: TEST_PASSWORD });
    const first = anon.cookies.get(SESSION_COOKIE);
    await anon.auth.signIn({ email: user.email, password: TEST_PASSWORD });
    const second = anon.cookies.get(SESSION_COOKIE);
    expect(second).not.toBe(first);
    expect(await findSessionUser(first)).toBeNull();

    const session = await findSessionUser(second);
    const signedIn = await callerFor(session!.user);
    signedIn.cookies.set(SESSION_COOKIE, second!, new Date(Date.now() + 60_000));
    await expect(signedIn.auth.signOut()).resolves.toEqual({ ok: true });
    expect(await findSessionUser(second)).toBeNull();
    expect(signedIn.cookies.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('treats an expired session as signed out', async () => {
    const user = await createTestUser();
    const anon = await callerFor(null);
    await anon.auth.signIn({ email: user.email, password: TEST_PASSWORD });
    await getDb().session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findSessionUser(anon.cookies.get(SESSION_COOKIE))).toBeNull();
  });

  it('a session valid for another minute still resolves; "last seen" moves at most once a minute', async () => {
    const user = await createTestUser();
    const anon = await callerFor(null);
    await anon.auth.signIn({ email: user.email, password: TEST_PASSWORD });
    const token = anon.cookies.get(SESSION_COOKIE);
    const old = new Date(Date.now() - 5 * 60_000);
    await getDb().session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() + 60_000), lastSeenAt: old } });
    expect((await findSessionUser(token))?.user).toEqual(user);
    const seen = async () => (await getDb().session.findFirstOrThrow({ where: { userId: user.id }, select: { lastSeenAt: true } })).lastSeenAt.getTime();
    const touched = await seen();
    expect(touched).toBeGreaterThan(Date.now() - 10_000);
    await findSessionUser(token);
    expect(await seen()).toBe(touched);
  });

  it('me() is null for anonymous callers and signOut needs a session', async () => {
    const anon = await callerFor(null);
    await expect(anon.auth.me()).resolves.toBeNull();
    await expect(anon.auth.signOut()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
