import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startOrFindEmbeddedPostgres } from '../../server/dev/embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
    chromiumPath: string;
    /** The server's embedded PostgreSQL, for the few states no API creates (a job that failed). */
    databaseUrl: string;
  }
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'e2e-demo-password-1';

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
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForReady(baseUrl, child, () => log);

  project.provide('baseUrl', baseUrl);
  project.provide('demoPassword', DEMO_PASSWORD);
  project.provide('chromiumPath', CHROMIUM);
  // Found, not started: the server owns the cluster under its DATA_DIR (as `npm run worker` finds it).
  project.provide('databaseUrl', (await startOrFindEmbeddedPostgres({ dir: path.join(dataDir, 'postgres') })).url);

  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
