import { randomUUID } from 'node:crypto';
import { getDb } from '../../server/db.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { toSessionUser, sessionUserSelect } from '../../server/auth/session-user.ts';
import { createContextInner, memoryCookieJar } from '../../server/trpc/context.ts';
import { createCaller } from '../../server/trpc/routers/_app.ts';
import type { TRole } from '../../shared/roles.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export async function createTestUser(opts: { role?: TRole; disabled?: boolean; email?: string; name?: string } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const unique = randomUUID().slice(0, 8);
  const row = await getDb().user.create({
    data: {
      email: opts.email ?? `user-${unique}@test.opsdeck`,
      name: opts.name ?? `Test ${opts.role ?? 'USER'} ${unique}`,
      role: opts.role ?? 'USER',
      passwordHash: await passwordHash,
      disabledAt: opts.disabled ? new Date() : null,
    },
    select: sessionUserSelect,
  });
  return toSessionUser(row);
}

/** A caller acting as `user` (or anonymous), with an inspectable cookie jar. */
export async function callerFor(user: Awaited<ReturnType<typeof createTestUser>> | null, opts: { ip?: string } = {}) {
  const cookies = memoryCookieJar();
  const caller = createCaller(await createContextInner({ user, cookies, ip: opts.ip ?? `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}` }));
  // The caller is itself a proxy over procedure paths, so `cookies` is layered on with another one.
  return new Proxy(caller, { get: (target, prop) => (prop === 'cookies' ? cookies : Reflect.get(target, prop)) }) as typeof caller & {
    cookies: typeof cookies;
  };
}
