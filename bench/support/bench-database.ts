// A throw-away PostgreSQL for benchmarks: embedded, in a temp dir, migrated with the committed
// migrations, and the app's one pool pointed at it. Environment is set before anything reads
// getConfig(), as tests/support/per-file-database.ts does.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectDatabase, disconnectDatabase } from '../../server/db.ts';
import { createDatabase, startOrFindEmbeddedPostgres } from '../../server/dev/embedded-postgres.ts';
import { applyMigrations } from '../../server/dev/schema-engine.ts';

export type BenchDatabase = {
  url: string;
  /** The PostgreSQL server's process id, to measure its CPU time. */
  postmasterPid: number;
  close: () => Promise<void>;
};

export async function startBenchDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdeck-bench-pg-'));
  const pg = await startOrFindEmbeddedPostgres({ dir: path.join(dir, 'postgres') });
  const url = await createDatabase(pg.url, 'opsdeck_bench');
  await applyMigrations(url);

  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'silent';
  process.env.DATA_DIR = path.join(dir, 'data');
  process.env.DATABASE_URL = url;
  process.env.PUBLIC_BASE_URL ??= 'https://ops.example.com';
  for (const name of ['SESSION_SECRET', 'ICS_SIGNING_SECRET', 'TOKEN_ENCRYPTION_KEY']) {
    process.env[name] ??= randomBytes(48).toString('base64url');
  }
  connectDatabase(url, { poolSize: 10 });

  const postmasterPid = Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url,
    postmasterPid,
    close: async () => {
      await disconnectDatabase();
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
