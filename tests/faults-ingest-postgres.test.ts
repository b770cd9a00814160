// Fault drill: PostgreSQL stops (immediate shutdown, so it starts with crash recovery) while
// senders keep POSTing batches to the real server process. Every 202 must be in the database
// after recovery, every refusal must be a 503 with Retry-After and a JSON body (the sender's cue
// to retry the same batch), /readyz must follow the database down and back up without the
// server being restarted, and retried batches must count exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../server/api-keys/create-api-key.ts';
import { createTestUser } from './support/factories.ts';
import { OUTAGE_MS, drillTimeout, recordDrill, sleep, startDrillPostgres, startServerProcess, useDatabase, waitFor, type DrillPostgres, type ServerProcess } from './support/faults.ts';

const BATCH = 100;
const SENDERS = 4;

let db: DrillPostgres;
let server: ServerProcess;
let key: string;

beforeAll(async () => {
  db = await startDrillPostgres();
  await useDatabase(db.url);
  const admin = await createTestUser({ role: 'ADMIN' });
  ({ key } = await createApiKey({ input: { name: 'fault drill', ratePerMinute: 10_000_000 }, actorId: admin.id }));
  server = await startServerProcess({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '5' });
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

type Answer = { batch: number; at: number; status: number | 'network'; retryAfter: string | null; body: unknown };

const eventsOf = (batch: number) =>
  Array.from({ length: BATCH }, (_, i) => ({ provider: 'supabase', event: 'supabase_rpc_ok', outcome: 'ok', latencyMs: 12, idempotencyKey: `pgdrill-${batch}-${i}` }));

async function post(batch: number): Promise<Answer> {
  try {
    const res = await fetch(`${server.base}/api/integration-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ events: eventsOf(batch) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: the assertion below reports it.
    }
    return { batch, at: Date.now(), status: res.status, retryAfter: res.headers.get('retry-after'), body };
  } catch {
    return { batch, at: Date.now(), status: 'network', retryAfter: null, body: null };
  }
}

describe('[FAULTS][INGEST] PostgreSQL restarted during ingestion', () => {
  it('loses no acknowledged batch, refuses with 503 + Retry-After, recovers without a restart, and retries count once', { timeout: drillTimeout(3) }, async () => {
    const serverPid = server.child.pid;
    const answers: Answer[] = [];
    const readiness: { at: number; status: number }[] = [];
    let next = 0;
    let sending = true;
    const sender = async () => {
      while (sending) {
        const answer = await post(next++);
        answers.push(answer);
        // A refused sender backs off a little, as a real one honouring Retry-After would (shortened).
        if (answer.status !== 202) await sleep(200);
      }
    };
    const prober = async () => {
      while (sending) {
        const status = await fetch(`${server.base}/readyz`, { signal: AbortSignal.timeout(15_000) }).then((r) => r.status, () => 0);
        readiness.push({ at: Date.now(), status });
        await sleep(250);
      }
    };
    const running = Promise.all([...Array.from({ length: SENDERS }, sender), prober()]);

    await waitFor(() => answers.filter((a) => a.status === 202).length, (n) => n >= 20, 30_000, 'traffic before the fault');
    const faultStart = Date.now();
    await db.stop('immediate');
    await sleep(OUTAGE_MS);
    const restarting = Date.now();
    await db.start();
    const faultEnd = Date.now();
    await waitFor(() => answers.filter((a) => a.at > faultEnd && a.status === 202).length, (n) => n >= 20, 60_000, 'acknowledgements after the fault').catch((error: unknown) => {
      const after = answers.filter((a) => a.at > faultEnd).slice(-5);
      throw new Error(`${(error as Error).message}\nlast answers: ${JSON.stringify(after)}\nserver output:\n${server.output().slice(-3000)}`);
    });
    const recoveredAt = Date.now();
    await waitFor(() => readiness.at(-1)?.status, (s) => s === 200, 30_000, 'ready again');
    sending = false;
    await running;

    // The server process was never restarted.
    expect(server.child.pid).toBe(serverPid);
    expect(server.child.exitCode).toBeNull();

    const acked = new Set(answers.filter((a) => a.status === 202).map((a) => a.batch));
    const refused = answers.filter((a) => a.status !== 202);
    expect(refused.length).toBeGreaterThan(0);
    // A DB outage is a 503 with Retry-After and a JSON problem, never a bare 500 or a dropped connection.
    for (const a of refused) {
      expect({ status: a.status, retryAfter: a.retryAfter, body: a.body }).toMatchObject({
        status: 503,
        retryAfter: expect.stringMatching(/^\d+$/),
        body: { error: 'unavailable', message: expect.any(String) },
      });
    }

    // Readiness followed the database: ready, then not ready during the outage, then ready.
    const during = readiness.filter((r) => r.at > faultStart + 500 && r.at < restarting);
    expect(readiness.find((r) => r.at < faultStart)?.status).toBe(200);
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((r) => r.status !== 503)).toEqual([]);
    expect(readiness.at(-1)!.status).toBe(200);

    // Every acknowledged batch is fully there, each key once.
    const stored = await db.query<{ batch: string; n: string; d: string }>(
      `SELECT split_part(idempotency_key, '-', 2) batch, count(*) n, count(DISTINCT idempotency_key) d
       FROM integration_events WHERE idempotency_key LIKE 'pgdrill-%' GROUP BY 1`,
    );
    const perBatch = new Map(stored.map((r) => [Number(r.batch), { n: Number(r.n), d: Number(r.d) }]));
    const lost = [...acked].filter((b) => perBatch.get(b)?.n !== BATCH);
    expect(lost).toEqual([]);
    for (const { n, d } of perBatch.values()) expect(n).toBe(d);

    // The senders retry every refused batch with the same keys: each ends counted once.
    const refusedBatches = [...new Set(refused.map((a) => a.batch))].filter((b) => !acked.has(b));
    for (const b of refusedBatches) expect((await post(b)).status).toBe(202);
    const total = next;
    const final = await db.query<{ n: string; d: string }>(`SELECT count(*) n, count(DISTINCT idempotency_key) d FROM integration_events WHERE idempotency_key LIKE 'pgdrill-%'`);
    expect(Number(final[0]!.n)).toBe(total * BATCH);
    expect(Number(final[0]!.d)).toBe(total * BATCH);
    const rollup = await db.query<{ n: string }>(`SELECT coalesce(sum(total), 0) n FROM integration_rollup_minutes WHERE provider = 'supabase'`);
    expect(Number(rollup[0]!.n)).toBe(total * BATCH);

    const firstAfter = answers.filter((a) => a.at > faultEnd && a.status === 202).sort((a, b) => a.at - b.at)[0]!;
    recordDrill({
      drill: 'postgres-restart-during-ingestion',
      outageMs: restarting - faultStart,
      unit: `batch of ${BATCH} events`,
      requests: answers.length + refusedBatches.length,
      acknowledged: acked.size,
      failures: refused.length,
      lost: lost.length,
      doubled: Number(final[0]!.n) - Number(final[0]!.d),
      firstSuccessAfterFaultMs: firstAfter.at - faultEnd,
      recoveredAfterFaultMs: (readiness.find((r) => r.at > faultEnd && r.status === 200)?.at ?? recoveredAt) - faultEnd,
      details: {
        shutdown: 'immediate (SIGQUIT), crash recovery at start',
        refusedStatuses: [...new Set(refused.map((a) => a.status))],
        retriedBatches: refusedBatches.length,
        eventsStored: Number(final[0]!.n),
        rollupTotal: Number(rollup[0]!.n),
      },
    });
  });
});
