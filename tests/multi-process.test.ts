// Issue 10, "several web and worker processes on one database work together": two web processes
// with JOBS_IN_SERVER=false and two `npm run worker` processes on one PostgreSQL. A session made
// on one web process works on the other; both workers register and heartbeat; due reminders go
// out exactly once although both workers and both web processes (the admin's manual scan) scan
// at the same time; a worker killed with SIGKILL leaves the other doing the work.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { testDatabaseUrl } from './support/per-file-database.ts';
import { createTestUser, TEST_PASSWORD } from './support/factories.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.ts';

type Proc = { name: string; child: ChildProcess; output: () => string };
const procs: Proc[] = [];
const dirs: string[] = [];
let smtp: SmtpTestServer;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

function start(name: string, entry: 'server/main.ts' | 'server/worker.ts', extra: NodeJS.ProcessEnv, ready: (out: string) => boolean): Promise<Proc> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `opsdeck-${name}-`));
  dirs.push(dataDir);
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: testDatabaseUrl,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'opsdeck <reminders@opsdeck.test>',
      GOOGLE_STANDIN: 'false',
      CALENDAR_SYNC_POLL_INTERVAL_SEC: '30',
      JOB_HEARTBEAT_SEC: '1',
      LOG_LEVEL: 'info',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const proc = { name, child, output: () => output };
  procs.push(proc);
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 90_000;
    const poll = setInterval(() => {
      if (ready(output)) {
        clearInterval(poll);
        resolve(proc);
      } else if (child.exitCode !== null || Date.now() > deadline) {
        clearInterval(poll);
        reject(new Error(`${name} did not start:\n${output}`));
      }
    }, 100);
  });
}

const trpc = (port: number, proc: string, input: unknown, cookie?: string) =>
  fetch(`http://127.0.0.1:${port}/api/trpc/${proc}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json: input }),
  });

beforeAll(async () => {
  smtp = await startSmtpTestServer();
});
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await smtp.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('[OPS][PROCESSES] two web and two worker processes on one database', () => {
  it('share sessions, both workers heartbeat, reminders go out once, and a killed worker is replaced by the other', { timeout: 240_000 }, async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const [webA, webB] = await Promise.all([
      start('web-a', 'server/main.ts', { PORT: String(portA), JOBS_IN_SERVER: 'false' }, (o) => o.includes('opsdeck is running at')),
      start('web-b', 'server/main.ts', { PORT: String(portB), JOBS_IN_SERVER: 'false' }, (o) => o.includes('opsdeck is running at')),
    ]);

    // A session made on A is valid on B: sessions live in PostgreSQL, not in a process.
    const admin = await createTestUser({ role: 'ADMIN' });
    const login = await trpc(portA, 'auth.signIn', { email: admin.email, password: TEST_PASSWORD });
    expect(login.status, webA.output()).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const me = await fetch(`http://127.0.0.1:${portB}/api/trpc/auth.me?input=${encodeURIComponent('{"json":null}')}`, { headers: { cookie } });
    expect((await me.json()).result.data.json.email).toBe(admin.email);

    // 12 events whose reminder is due now, created half on each web process.
    const soon = new Date(Date.now() + 20 * 60_000);
    const wall = (d: Date) => d.toISOString().slice(0, 16);
    for (let i = 0; i < 12; i++) {
      const res = await trpc(i % 2 ? portB : portA, 'calendarEvents.create', {
        title: `Hearing ${i}`,
        timezone: 'UTC',
        start: wall(soon),
        end: wall(new Date(soon.getTime() + 3600_000)),
        reminderMinutes: 30,
        attendees: [{ email: `guest-${i}@example.com` }],
      }, cookie);
      expect(res.status).toBe(200);
    }

    // Both workers and both web processes scan at once: still one e-mail per recipient.
    const workerReady = (o: string) => o.includes('worker running');
    const [w1] = await Promise.all([start('worker-1', 'server/worker.ts', {}, workerReady), start('worker-2', 'server/worker.ts', {}, workerReady)]);
    const manual = await Promise.all([trpc(portA, 'reminders.scanNow', null, cookie), trpc(portB, 'reminders.scanNow', null, cookie)]);
    expect(manual.map((r) => r.status)).toEqual([200, 200]);
    const deadline = Date.now() + 60_000;
    while (smtp.received.length < 24 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    // Give a duplicate, if any, time to arrive.
    await new Promise((r) => setTimeout(r, 2000));
    const recipients = smtp.received.flatMap((m) => m.to).sort();
    expect(recipients).toHaveLength(24);
    // One per recipient and event: the owner once per event, each guest once.
    expect(new Set(smtp.received.map((m) => `${m.to.join()}|${m.parsed.subject}`)).size).toBe(24);
    expect(recipients.filter((r) => r === admin.email)).toHaveLength(12);
    expect(await getDb().reminderDelivery.count({ where: { status: 'SENT', event: { ownerId: admin.id } } })).toBe(24);

    // Both workers (and no web process) registered and heartbeat.
    const workers = await getDb().jobWorker.findMany({ select: { name: true, kind: true, lastHeartbeatAt: true } });
    expect(workers.filter((w) => w.kind === 'worker')).toHaveLength(2);
    expect(workers.filter((w) => w.kind === 'web')).toHaveLength(0);

    // SIGKILL one worker (no graceful stop): the other keeps running the recurring jobs.
    w1.child.kill('SIGKILL');
    await new Promise((r) => w1.child.once('exit', r));
    const later = new Date(Date.now() + 25 * 60_000);
    const afterKill = await trpc(portA, 'calendarEvents.create', { title: 'After the kill', timezone: 'UTC', start: wall(later), end: wall(new Date(later.getTime() + 3600_000)), reminderMinutes: 30 }, cookie);
    expect(afterKill.status).toBe(200);
    const deadline2 = Date.now() + 75_000;
    while (smtp.received.length < 25 && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received).toHaveLength(25);
    expect(smtp.received.at(-1)!.parsed.subject).toContain('After the kill');

    for (const p of [webA, webB, ...procs.filter((p) => p.name === 'worker-2')]) {
      p.child.kill('SIGTERM');
      const code = await new Promise((r) => p.child.once('exit', r));
      expect(code, p.output()).toBe(0);
    }
  });
});
