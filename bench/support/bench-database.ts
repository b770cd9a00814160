// A throw-away PostgreSQL for benchmarks: embedded, in a temp dir, migrated with the committed
// migrations, and the app's one pool pointed at it. Environment is set before anything reads
// getConfig(), as tests/support/per-file-database.ts does.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectDatabase, disconnectDatabase } from '../../server/db.ts';
import { createDatabase, databaseUrl, startOrFindEmbeddedPostgres } from '../../server/dev/embedded-postgres.ts';
import { applyMigrations } from '../../server/dev/schema-engine.ts';

export type BenchDatabase = {
  url: string;
  /** The PostgreSQL server's process id, to measure its CPU time. */
  postmasterPid: number;
  /** The directory holding the cluster (and DATA_DIR): a temp dir, or the one asked to keep. */
  dir: string;
  /** False when a kept directory already held the database from an earlier run. */
  created: boolean;
  close: () => Promise<void>;
};

/**
 * `keepDir`: the cluster lives there and survives `close()` (stopped, not removed), so a later
 * run finds its data again instead of loading it anew.
 */
export async function startBenchDatabase(opts: { keepDir?: string } = {}): Promise<BenchDatabase> {
  const dir = opts.keepDir ? path.resolve(opts.keepDir) : mkdtempSync(path.join(tmpdir(), 'opsdeck-bench-pg-'));
  mkdirSync(dir, { recursive: true });
  const kept = !!opts.keepDir && existsSync(path.join(dir, 'postgres', 'PG_VERSION'));
  const pg = await startOrFindEmbeddedPostgres({ dir: path.join(dir, 'postgres') });
  let created = true;
  const url = await createDatabase(pg.url, 'opsdeck_bench').catch((error: { code?: string }) => {
    if (error.code !== '42P04' || !kept) throw error; // 42P04: it exists, from the kept run
    created = false;
    return databaseUrl(pg.url, 'opsdeck_bench');
  });
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
    dir,
    created,
    close: async () => {
      await disconnectDatabase();
      await pg.stop();
      if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
