import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startOrFindEmbeddedPostgres } from '../../server/dev/embedded-postgres.ts';
import { describeFindings, scanLogForSecrets, type KnownSecret } from './log-scan.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
    chromiumPath: string;
    /** The server's embedded PostgreSQL, for the few states no API creates (a job that failed). */
    databaseUrl: string;
    /** JSON lines of the secrets specs were handed (secret-recorder.ts), for the log scan. */
    secretsFile: string;
  }
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'e2e-demo-password-1';
const LOG_DIR = path.join('e2e', '.logs');
export const SERVER_LOG = path.join(LOG_DIR, 'server.log');
const SECRETS_FILE = path.join(LOG_DIR, 'secrets.jsonl');

/** SESSION_SECRET and the other keys the server generated into its DATA_DIR (server/config.ts). */
function serverSecrets(dataDir: string): KnownSecret[] {
  const file = path.join(dataDir, 'secrets.json');
  if (!existsSync(file)) return [];
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.entries(stored).flatMap(([name, value]) => (typeof value === 'string' ? [{ label: name, value }] : []));
}

function readRecordedSecrets(): KnownSecret[] {
  if (!existsSync(SECRETS_FILE)) return [];
  return readFileSync(SECRETS_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as KnownSecret);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForReady(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`opsdeck exited with ${child.exitCode} before it was ready:\n${output()}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`opsdeck was not ready within 120 s:\n${output()}`);
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}. Install one (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
        `or point CHROMIUM_PATH at a Chromium or Chrome binary.`,
    );
  }
  if (!existsSync('dist/client/index.html')) throw new Error('The client is not built: run `npm run build` first (npm run test:e2e does).');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'opsdeck-e2e-'));
  const port = await freePort();
  mkdirSync(LOG_DIR, { recursive: true });
  writeFileSync(SECRETS_FILE, '');
  // Everything the server prints, kept for the secret scan at the end of the run (and for reading).
  const logFile = createWriteStream(SERVER_LOG);
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_PASSWORD,
      DATABASE_URL: '',
      // Mail goes to the server's own mail catcher (the Mailbox page), never to a real SMTP server.
      SMTP_URL: '',
      // Specs trigger reminder scans themselves; the hourly job must not race them to a due reminder.
      CALENDAR_SYNC_POLL_INTERVAL_SEC: '3600',
      // Alert evaluation at its shortest, and a short hold-down, so incidents open and resolve within a spec.
      ALERTS_EVALUATE_INTERVAL_SEC: '5',
      ALERTS_HOLD_DOWN_SEC: '15',
      // Every level is written to the log file and scanned: a secret must not leak at debug either.
      LOG_LEVEL: 'debug',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The in-memory copy is only for the error message if start-up fails; the file keeps it all.
  const capture = (d: Buffer) => {
    logFile.write(d);
    if (log.length < 200_000) log += d;
  };
  child.stdout!.on('data', capture);
  child.stderr!.on('data', capture);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForReady(baseUrl, child, () => log);

  project.provide('baseUrl', baseUrl);
  project.provide('demoPassword', DEMO_PASSWORD);
  project.provide('chromiumPath', CHROMIUM);
  // Found, not started: the server owns the cluster under its DATA_DIR (as `npm run worker` finds it).
  const databaseUrl = (await startOrFindEmbeddedPostgres({ dir: path.join(dataDir, 'postgres') })).url;
  project.provide('databaseUrl', databaseUrl);
  project.provide('secretsFile', path.resolve(SECRETS_FILE));

  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await new Promise((r) => logFile.end(r));
    const generated = serverSecrets(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    // After the server has written its last line: a secret anywhere in its output fails the run.
    const secrets: KnownSecret[] = [
      { label: 'the demo password', value: DEMO_PASSWORD },
      { label: "the embedded PostgreSQL's password", value: decodeURIComponent(new URL(databaseUrl).password) },
      ...generated,
      ...readRecordedSecrets(),
    ];
    const findings = scanLogForSecrets(readFileSync(SERVER_LOG, 'utf8'), secrets);
    if (findings.length) {
      // Vitest reports an error thrown here ("error during close") but still exits 0: set the code.
      console.error(`\n[e2e] ${describeFindings(SERVER_LOG, findings)}\n[e2e] the secrets it looked for are in ${SECRETS_FILE}`);
      process.exitCode = 1;
      return;
    }
    rmSync(SECRETS_FILE, { force: true });
  };
}
