// The product as a newcomer runs it: `server/main.ts` on its embedded defaults,
// stopped with SIGTERM and started again on the same data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(tmpdir(), 'opsdeck-process-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function startServer(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  let output = '';
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  // The test process's own database settings must not leak into the product under test.
  for (const name of ['DATABASE_URL', 'DEMO_PASSWORD', 'SESSION_SECRET', 'ICS_SIGNING_SECRET', 'TOKEN_ENCRYPTION_KEY']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  while (!output.includes('opsdeck is running at')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

async function stopServer(child: ChildProcess): Promise<number | null> {
  child.kill('SIGTERM');
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const signIn = (port: number, email: string, password: string) =>
  fetch(`http://127.0.0.1:${port}/api/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: { email, password } }),
  });

describe('[BOOT] npm start on embedded defaults', () => {
  it('prints the URL and demo accounts, keeps data across a restart, and shuts down cleanly', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const first = await startServer(port);
    const banner = first.output();
    expect(banner).toContain(`opsdeck is running at http://localhost:${port}`);
    const password = /Demo accounts \(password: (\S+)\)/.exec(banner)?.[1];
    expect(password).toBeTruthy();
    for (const email of ['admin@opsdeck.local', 'support@opsdeck.local', 'user@opsdeck.local']) expect(banner).toContain(email);

    // An admin creates a user; that user must still exist after the restart.
    const login = await signIn(port, 'admin@opsdeck.local', password!);
    expect(login.status, first.output()).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`http://127.0.0.1:${port}/api/trpc/users.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ json: { email: 'kept@opsdeck.local', name: 'Kept Across Restarts', role: 'USER', password: 'kept-password-123' } }),
    });
    expect(created.status).toBe(200);
    expect(await stopServer(first.child), first.output()).toBe(0);

    const second = await startServer(port);
    // Same generated password printed again, same session secret: the old cookie still works.
    expect(second.output()).toContain(`Demo accounts (password: ${password})`);
    expect((await signIn(port, 'kept@opsdeck.local', 'kept-password-123')).status).toBe(200);
    const me = await fetch(`http://127.0.0.1:${port}/api/trpc/auth.me?input=${encodeURIComponent('{"json":null}')}`, { headers: { cookie } });
    expect((await me.json()).result.data.json.email).toBe('admin@opsdeck.local');
    expect(await stopServer(second.child), second.output()).toBe(0);
  });
});
