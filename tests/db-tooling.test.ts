// The dev database tooling against a real embedded PostgreSQL in a temp dir (not the shared
// test cluster: these tests stop and restart their own).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  dropDatabase,
  startOrFindEmbeddedPostgres,
  type StartedPostgres,
} from '../server/dev/embedded-postgres.ts';
import { applyMigrations, checkDrift, createMigration, migrationStatus } from '../server/dev/schema-engine.ts';

const root = mkdtempSync(path.join(tmpdir(), 'opsdeck-db-tooling-'));
const dir = path.join(root, 'postgres');
const committed = readdirSync('prisma/migrations', { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
let current: StartedPostgres;

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const portOf = (url: string) => Number(new URL(url).port);
const acceptsConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

function writePostmasterPid(pid: number, port: number) {
  const lines = [pid, dir, Math.floor(Date.now() / 1000), port, '', '127.0.0.1', '  1234  5', 'ready'];
  writeFileSync(path.join(dir, 'postmaster.pid'), `${lines.join('\n')}\n`);
}

afterAll(async () => {
  await current?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('initialises and starts once; a second caller finds the running instance', async () => {
    const started = performance.now();
    current = await startOrFindEmbeddedPostgres({ dir });
    console.info(`initialise + start: ${Math.round(performance.now() - started)} ms`);
    expect(current.owned).toBe(true);
    expect(current.url).toMatch(/^postgresql:\/\/postgres:[\w-]{20,}@127\.0\.0\.1:\d+\/opsdeck$/);
    expect(statSync(`${dir}.json`).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).not.toContain('postgres.json');

    const found = await startOrFindEmbeddedPostgres({ dir });
    expect(found).toMatchObject({ owned: false, url: current.url });
    await found.stop(); // not the owner: must leave the server running
    const [row] = await query<{ db: string; listen: string; encoding: string; folds: boolean }>(
      current.url,
      `SELECT current_database() AS db, current_setting('listen_addresses') AS listen,
              current_setting('server_encoding') AS encoding, 'Zeynep Özdemir' ILIKE '%özdemir%' AS folds`,
    );
    expect(row).toEqual({ db: 'opsdeck', listen: '127.0.0.1', encoding: 'UTF8', folds: true });
  });

  it('keeps data across stop and start', async () => {
    await query(current.url, 'CREATE TABLE kept (note text)');
    await query(current.url, `INSERT INTO kept VALUES ('survives restarts')`);
    const oldPort = portOf(current.url);
    await current.stop();
    expect(await acceptsConnections(oldPort)).toBe(false);

    const restarted = performance.now();
    current = await startOrFindEmbeddedPostgres({ dir });
    console.info(`restart: ${Math.round(performance.now() - restarted)} ms`);
    expect(current.owned).toBe(true);
    expect(await query(current.url, 'SELECT note FROM kept')).toEqual([{ note: 'survives restarts' }]);
  });

  it('starts despite a postmaster.pid naming a dead pid or a pid reused by another process', async () => {
    const port = portOf(current.url);
    await current.stop();
    const deadPid = spawnSync('true').pid;
    // Not our own pid: PostgreSQL itself ignores a lock naming its parent.
    const unrelated = spawn('sleep', ['60']);
    try {
      for (const pid of [deadPid, unrelated.pid!]) {
        writePostmasterPid(pid, port);
        current = await startOrFindEmbeddedPostgres({ dir, port });
        expect(current.owned).toBe(true);
        expect(portOf(current.url)).toBe(port);
        expect(await query(current.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 1 }]);
        if (pid === deadPid) await current.stop();
      }
    } finally {
      unrelated.kill();
    }
  });
});

describe('schema engine', () => {
  let url: string;
  beforeAll(async () => {
    url = await createDatabase(current.url, 'tooling_migrations');
  });

  it('applies the committed migrations once and records them like prisma migrate deploy', async () => {
    expect(committed.length).toBeGreaterThan(0);
    expect(await migrationStatus(url)).toEqual({ applied: [], pending: committed, failed: [] });
    expect(await applyMigrations(url)).toEqual({ applied: committed });
    expect(await applyMigrations(url)).toEqual({ applied: [] });

    const tables = await query<{ name: string }>(
      url,
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.name)).toEqual([
      'Attendee',
      'AuditLog',
      'CalendarEvent',
      'IcsToken',
      'Session',
      'User',
      '_prisma_migrations',
      'accounts',
      'alert_rules',
      'api_keys',
      'auth_rate_limits',
      'google_event_links',
      'ics_event_chunks',
      'ics_feed_bodies',
      'ics_feed_flushes',
      'ics_feed_versions',
      'incident_checks',
      'incident_timeline_entries',
      'incidents',
      'integration_error_groups',
      'integration_events',
      'integration_rollup_five_minutes',
      'integration_rollup_hours',
      'integration_rollup_minutes',
      'integration_rollup_provider_hours',
      'integration_rollup_watermarks',
      'job_runs',
      'job_workers',
      'notification_channels',
      'notification_deliveries',
      'oauth_states',
      'playbook_versions',
      'playbooks',
      'private_event_access_grants',
      'provider_mutes',
      'provider_states',
      'providers',
      'release_check_items',
      'release_check_overrides',
      'releases',
      'reminder_deliveries',
    ]);
    // Rate-limit counters alone skip the WAL (see that migration); every other table must survive a crash.
    const unlogged = await query<{ name: string }>(
      url,
      `SELECT relname AS name FROM pg_class WHERE relpersistence = 'u' AND relkind = 'r' ORDER BY 1`,
    );
    expect(unlogged.map((t) => t.name)).toEqual(['auth_rate_limits']);
    const history = await query<{ migration_name: string; steps: number }>(
      url,
      `SELECT migration_name, applied_steps_count AS steps FROM _prisma_migrations
       WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    expect(history).toEqual(committed.map((migration_name) => ({ migration_name, steps: 1 })));
    expect(await migrationStatus(url)).toEqual({ applied: committed, pending: [], failed: [] });
  });

  it('lets a CLI exit as soon as its work is done (no pool or engine timer left behind)', async () => {
    const target = await createDatabase(current.url, 'tooling_cli');
    const script = `import { applyMigrations } from './server/dev/schema-engine.ts';
      console.log(JSON.stringify(await applyMigrations(process.env.URL)));`;
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, URL: target },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ applied: committed });
  });

  it('clones a migrated database from a template', async () => {
    const cloneUrl = await createDatabase(current.url, 'tooling_clone', 'tooling_migrations');
    expect(await query(cloneUrl, 'SELECT count(*)::int AS n FROM _prisma_migrations')).toEqual([{ n: committed.length }]);
    await dropDatabase(current.url, 'tooling_clone');
    expect(await query(current.url, `SELECT 1 FROM pg_database WHERE datname = 'tooling_clone'`)).toEqual([]);
  });

  it('runs a migration whole: semicolons in strings and function bodies, all or nothing', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'opsdeck-migration-'));
    const write = (name: string, sql: string) => {
      mkdirSync(path.join(work, name));
      writeFileSync(path.join(work, name, 'migration.sql'), sql);
    };
    write('20260101000000_semicolons', `CREATE TABLE notes (v text);
INSERT INTO notes VALUES ('a;b');
CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append-only';
END;
$$;`);
    write('20260102000000_broken', 'CREATE TABLE half (v text);\nSELECT no_such_function();\n');
    const target = await createDatabase(current.url, 'tooling_scripts');
    try {
      await expect(applyMigrations(target, { migrationsDir: work })).rejects.toThrow(/no_such_function/);
      expect(await query(target, `SELECT v, to_regproc('refuse') IS NOT NULL AS fn, to_regclass('half') AS half FROM notes`))
        .toEqual([{ v: 'a;b', fn: true, half: null }]);
      expect(await migrationStatus(target, { migrationsDir: work })).toEqual({
        applied: ['20260101000000_semicolons'],
        pending: [],
        failed: ['20260102000000_broken'],
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('finds no drift between the committed migrations and schema.prisma', async () => {
    expect(await checkDrift(url)).toBe('');
  });

  it('creates a migration for a new model, ignoring tables other libraries add to the dev database', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'opsdeck-migration-'));
    const opts = { schemaPath: path.join(work, 'schema.prisma'), migrationsDir: path.join(work, 'migrations') };
    cpSync('prisma/schema.prisma', opts.schemaPath);
    cpSync('prisma/migrations', opts.migrationsDir, { recursive: true });
    appendFileSync(opts.schemaPath, '\nmodel Note {\n  id   Int    @id @default(autoincrement())\n  body String\n}\n');
    await query(url, 'CREATE TABLE "agendaJobs" (id serial PRIMARY KEY)');
    try {
      const created = await createMigration(url, 'add_note', opts);
      expect(path.basename(created.dir ?? '')).toMatch(/^\d{14}_add_note$/);
      expect(created.sql).toContain('CREATE TABLE "Note"');
      expect(created.sql).not.toContain('agendaJobs');
      expect(created.sql).not.toMatch(/"(User|Session|AuditLog)"/);
      expect(readFileSync(path.join(created.dir!, 'migration.sql'), 'utf8')).toBe(created.sql);

      expect(await checkDrift(url, opts)).toBe('');
      expect(await createMigration(url, 'again', opts)).toEqual({ dir: null, sql: '' });
      expect(readdirSync(opts.migrationsDir).filter((n) => n.endsWith('_again'))).toEqual([]);
      const shadows = await query(current.url, `SELECT datname FROM pg_database WHERE datname LIKE 'opsdeck_shadow_%'`);
      expect(shadows).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
