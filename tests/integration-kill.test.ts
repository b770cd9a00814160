// An acknowledged integration event survives the server being killed (SIGKILL, no shutdown):
// 202 is sent only after COMMIT. Unacknowledged batches are retried after a restart, and
// idempotency keys make the retry count once.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { getPool } from '../server/db.ts';
import { createApiKey } from '../server/api-keys/create-api-key.ts';
import { createTestUser } from './support/factories.ts';
import { testDatabaseUrl } from './support/per-file-database.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function start(port: number): Promise<ChildProcess> {
  let output = '';
  const env = { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: testDatabaseUrl, JOBS_IN_SERVER: 'false', SEED_DEMO: 'false', LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (up) return child;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

describe('[IH][DURABILITY]', () => {
  it('a killed server loses no acknowledged event, and retried batches count once', { timeout: 120_000 }, async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const { key } = await createApiKey({ input: { name: 'kill test', ratePerMinute: 10_000_000 }, actorId: admin.id });
    const port = await freePort();
    const first = await start(port);

    const batches = Array.from({ length: 400 }, (_, b) =>
      Array.from({ length: 200 }, (_, i) => ({ provider: 'supabase', event: 'supabase_rpc_ok', outcome: 'ok', latencyMs: 20, idempotencyKey: `kill-${b}-${i}` })),
    );
    const acked = new Set<number>();
    const post = (b: number, p = port) =>
      fetch(`http://127.0.0.1:${p}/api/integration-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ events: batches[b] }),
      }).then(
        (r) => r.status === 202,
        () => false,
      );

    // Four senders in flight; the server dies under them.
    let next = 0;
    let killed = false;
    const sender = async () => {
      while (next < batches.length) {
        const b = next++;
        if (await post(b)) acked.add(b);
        if (!killed && acked.size >= 40) {
          killed = true;
          first.kill('SIGKILL');
        }
      }
    };
    await Promise.all([sender(), sender(), sender(), sender()]);
    await exited(first);
    expect(killed).toBe(true);
    expect(acked.size).toBeGreaterThanOrEqual(40);
    expect(acked.size).toBeLessThan(batches.length);

    const stored = async () =>
      new Set((await getPool().query<{ k: string }>(`SELECT idempotency_key k FROM integration_events WHERE idempotency_key LIKE 'kill-%'`)).rows.map((r) => r.k));
    const afterKill = await stored();
    for (const b of acked) for (const e of batches[b]!) expect(afterKill.has(e.idempotencyKey)).toBe(true);

    // The senders retry everything not acknowledged against the restarted server.
    const second = await start(port);
    for (let b = 0; b < batches.length; b++) if (!acked.has(b)) expect(await post(b)).toBe(true);
    second.kill('SIGTERM');
    await exited(second);
    const final = await getPool().query<{ n: string; d: string }>(
      `SELECT count(*) n, count(DISTINCT idempotency_key) d FROM integration_events WHERE idempotency_key LIKE 'kill-%'`,
    );
    expect(Number(final.rows[0]!.n)).toBe(400 * 200);
    expect(Number(final.rows[0]!.d)).toBe(400 * 200);
    const rollup = await getPool().query<{ n: string }>(`SELECT sum(total) n FROM integration_rollup_minutes WHERE provider = 'supabase'`);
    expect(Number(rollup.rows[0]!.n)).toBe(400 * 200);
  });
});
