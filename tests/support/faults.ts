// Shared by the fault drills (tests/faults-*.test.ts, scripts/drills.ts): a throw-away PostgreSQL
// that a drill may stop and start again (never the suite's shared cluster), the real server as
// a child process, a polling helper, and where a drill's numbers go.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, startOrFindEmbeddedPostgres, type StartedPostgres } from '../../server/dev/embedded-postgres.ts';
import { applyMigrations } from '../../server/dev/schema-engine.ts';
import { ensureProviderCatalog } from '../../server/integrations/provider-catalog.ts';
import { connectDatabase, disconnectDatabase } from '../../server/db.ts';

/** How long each drill keeps its fault up: short in `npm test`, a full minute under `npm run drills`. */
export const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_SEC ?? 10) * 1000;
/** A drill test's own time limit: the outage, plus what recovery may take, plus set-up. */
export const drillTimeout = (recoveryFactor = 4) => OUTAGE_MS * recoveryFactor + 90_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(read: () => Promise<T> | T, done: (v: T) => boolean, ms: number, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms; last value: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

export type DrillPostgres = {
  /** The migrated drill database. */
  url: string;
  /** Stops PostgreSQL: `fast` (SIGINT: sessions are cut, a clean checkpoint) or `immediate` (SIGQUIT: crash recovery at start). */
  stop: (mode: 'fast' | 'immediate') => Promise<void>;
  /** Starts it again on the same port and data directory. */
  start: () => Promise<void>;
  /** Counts rows in the drill database on a short-lived connection (the app's pool may be the thing under test). */
  query: <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>;
  close: () => Promise<void>;
};

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Its own embedded PostgreSQL in a temp dir on a free port, migrated and holding the provider catalog. */
export async function startDrillPostgres(): Promise<DrillPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdeck-drill-pg-'));
  const dataDir = path.join(dir, 'postgres');
  let cluster: StartedPostgres = await startOrFindEmbeddedPostgres({ dir: dataDir });
  const port = Number(new URL(cluster.url).port);
  const url = await createDatabase(cluster.url, 'opsdeck_drill');
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await ensureProviderCatalog(client).finally(() => client.end());
  let running = true;

  const stop = async (mode: 'fast' | 'immediate') => {
    const pid = postmasterPid(dataDir);
    process.kill(pid, mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    await waitFor(() => alive(pid), (a) => !a, 30_000, 'PostgreSQL exited');
    running = false;
  };
  const start = async () => {
    cluster = await startOrFindEmbeddedPostgres({ dir: dataDir, port });
    running = true;
  };
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query<R>(sql, params)).rows;
    } finally {
      await c.end();
    }
  };
  return {
    url,
    stop,
    start,
    query,
    close: async () => {
      if (running) await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Points this process's one pool at `url` instead of the file's database from per-file-database.ts. */
export async function useDatabase(url: string) {
  await disconnectDatabase();
  connectDatabase(url, { poolSize: 5 });
}

export type ServerProcess = { port: number; base: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

/** The real server (server/main.ts) as a child process, up once /healthz answers. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', JOBS_IN_SERVER: 'false', SEED_DEMO: 'false', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await sleep(100);
  }
  return {
    port,
    base,
    child,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

export type DrillResult = {
  drill: string;
  outageMs: number;
  /** What the drill counts as its unit of work (batches, e-mails, pushes). */
  unit: string;
  requests: number;
  acknowledged: number;
  failures: number;
  lost: number;
  doubled: number;
  /** From the end of the fault to the first success, and to everything done. */
  firstSuccessAfterFaultMs: number | null;
  recoveredAfterFaultMs: number;
  details?: Record<string, unknown>;
};

/** Under `npm run drills` (FAULT_RESULTS_FILE set) each drill appends its numbers as one JSON line. */
export function recordDrill(result: DrillResult) {
  const file = process.env.FAULT_RESULTS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
}

export function tempDir(prefix: string) {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export type SmtpMode = 'up' | 'closed' | 'greeting-421';
export type DrillMail = { to: string[]; messageId: string; at: number };

export type FlakySmtp = {
  url: string;
  received: DrillMail[];
  /** Attempts the server turned away with 421 at the greeting. */
  refusedWith421: number;
  /** `closed`: nothing listens on the port (connection refused); `greeting-421`: it answers 421 and hangs up. */
  setMode: (mode: SmtpMode) => Promise<void>;
  to: (email: string) => DrillMail[];
  close: () => Promise<void>;
};

/** A real SMTP server on a fixed port that can go away and come back, or refuse everyone with 421. */
export async function startFlakySmtp(opts: { delayMs?: number } = {}): Promise<FlakySmtp> {
  const { SMTPServer } = await import('smtp-server');
  const port = await freePort();
  const received: DrillMail[] = [];
  let mode: SmtpMode = 'up';
  let refusedWith421 = 0;
  let server: InstanceType<typeof SMTPServer> | null = null;
  const listen = async () => {
    const s = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Going away means going away: pooled client connections are cut, not waited for.
      closeTimeout: 200,
      onConnect(_session, callback) {
        if (mode !== 'greeting-421') return callback();
        refusedWith421++;
        callback(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const messageId = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '';
          const record = () => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), messageId, at: Date.now() });
            callback(null, `Queued as ${received.length}`);
          };
          if (opts.delayMs) setTimeout(record, opts.delayMs);
          else record();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    server = s;
  };
  const unlisten = async () => {
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refusedWith421() {
      return refusedWith421;
    },
    setMode: async (next) => {
      mode = next;
      if (next === 'closed') await unlisten();
      else if (!server) await listen();
    },
    to: (email) => received.filter((m) => m.to.includes(email.toLowerCase())),
    close: unlisten,
  };
}
