// Demo accounts for a fresh embedded database, so `npm start` is usable at once.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getDb } from '../db.ts';
import { hashPassword } from '../auth/password.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { TRole } from '../../shared/roles.ts';
import { seedDemoEvents } from './demo-events.ts';
import { backfillIntegrationEvents } from './backfill-integration-events.ts';
import { seedDiagnosticsDemo } from './demo-diagnostics.ts';

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: TRole }> = [
  { email: 'admin@opsdeck.local', name: 'Ada Admin', role: 'ADMIN' },
  { email: 'support@opsdeck.local', name: 'Sami Support', role: 'SUPPORT' },
  { email: 'user@opsdeck.local', name: 'Umut User', role: 'USER' },
];

export type DemoCredentials = { password: string; accounts: typeof DEMO_ACCOUNTS };

/**
 * The generated password is kept beside the data (never in the database) so that
 * every later start can print it again; DEMO_PASSWORD, when set, wins.
 */
function demoPassword(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'demo-accounts.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')).password;
  const password = randomBytes(12).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ password }, null, 2), { mode: 0o600 });
  return password;
}

/** Seeds only an empty database; returns the credentials when demo accounts exist. */
export async function seedDemo(opts: { dataDir: string; password?: string; force?: boolean }): Promise<{ seeded: boolean; credentials: DemoCredentials | null }> {
  const db = getDb();
  const password = demoPassword(opts.dataDir, opts.password);
  const userCount = await db.user.count();
  if (userCount > 0 && !opts.force) {
    const demoUsers = await db.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } });
    return { seeded: false, credentials: demoUsers > 0 ? { password, accounts: DEMO_ACCOUNTS } : null };
  }
  const passwordHash = await hashPassword(password);
  const ids = new Map<string, { id: string; role: TRole }>();
  await db.$transaction(async (tx) => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await tx.user.upsert({
        where: { email: account.email },
        create: { ...account, passwordHash, timezone: 'Europe/Istanbul' },
        update: { passwordHash, role: account.role, disabledAt: null },
        select: { id: true, role: true },
      });
      ids.set(account.email, user);
      await recordAudit({ actorId: null, action: 'user.seed_demo', targetType: 'User', targetId: user.id, after: account }, tx);
    }
  });
  // Only a fresh database gets demo events; a forced re-seed resets passwords, not calendars.
  if (userCount === 0) {
    await seedDemoEvents({ user: ids.get('user@opsdeck.local')!, support: ids.get('support@opsdeck.local')! });
    // A bounced reminder and a revoked Google token, for the support page's verdicts.
    await seedDiagnosticsDemo({ passwordHash });
    // A week of simulated provider traffic, so the health charts are never empty in a demo.
    await backfillIntegrationEvents();
  }
  return { seeded: true, credentials: { password, accounts: DEMO_ACCOUNTS } };
}
