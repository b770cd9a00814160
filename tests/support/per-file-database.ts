// Runs in every test file's process: clones the migrated template into a database
// of its own and points the app's one Prisma client at it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import { connectDatabase, disconnectDatabase } from '../../server/db.ts';
import { createDatabase, dropDatabase } from '../../server/dev/embedded-postgres.ts';
import { withDatabase } from './global-setup.ts';

const templateUrl = inject('templateDatabaseUrl');
const name = `opsdeck_test_${randomBytes(6).toString('hex')}`;
const templateName = new URL(templateUrl).pathname.slice(1);

await createDatabase(templateUrl, name, templateName);
export const testDatabaseUrl = withDatabase(templateUrl, name);

process.env.NODE_ENV = 'test';
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'opsdeck-test-data-'));
process.env.DATABASE_URL = testDatabaseUrl;
process.env.SESSION_SECRET ??= randomBytes(48).toString('base64url');
process.env.ICS_SIGNING_SECRET ??= randomBytes(48).toString('base64url');
process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(48).toString('base64url');

connectDatabase(testDatabaseUrl, { poolSize: 5 });

afterAll(async () => {
  await disconnectDatabase();
  await dropDatabase(templateUrl, name).catch(() => undefined);
  // One directory per test file: left behind, a day of runs filled /tmp with hundreds.
  rmSync(process.env.DATA_DIR!, { recursive: true, force: true });
});
