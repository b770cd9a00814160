// Load runs (issue 10): minutes of sustained load with autocannon against the product's hot
// paths, beside a bare tRPC-on-Express floor measured in the same run:
//   - floor:      a bare tRPC procedure on Express, no database (bench/support/bare-trpc-server.ts)
//   - floor-dashboard-bytes: the same bare procedure answering the dashboard's two answers as
//                 the product sent them at the start of the run (same bytes, nothing computed)
//   - app-floor:  the product's own stack for an anonymous `auth.me` (helmet, request ids, access
//                 log, metrics, the tRPC context): what every request pays before any work
//   - app-floor-signed-in: the same with the admin's session cookie (one session lookup)
//   - dashboard:  the health overview's two queries (integrations.summary + .timeseries, 24h)
//                 as a signed-in admin, over a million integration events: every connection asks
//                 the same, as tabs of one team during an incident do, so answers are shared
//                 (HEALTH_QUERY_SHARE_MS)
//   - dashboard-unshared: the same queries for custom 24-hour windows that each end at another
//                 millisecond, so no two requests share an answer: the cost of computing one
//   - ingest:     POST /api/integration-events, 50-event batches with fresh idempotency keys
//   - ics-304:    feed polls with If-None-Match across thousands of tokens (what calendar apps send)
//   - ics-200:    full feed downloads (50 events each) across the same tokens
//
//   node --import tsx bench/load.bench.ts [--duration 120] [--floor-duration 60] [--connections 10]
//                                          [--only ingest,ics-304] [--events 1000000] [--feeds 3000]
//                                          [--no-write] [--profile DIR]
//
// The product runs as `server/main.ts` in a child process (NODE_ENV=production, jobs off: the web
// tier of a split deployment, info-level logs written to a file), against its own throw-away
// embedded PostgreSQL. Memory (RSS and V8 heap, from /metrics) is sampled every 5 s; CPU time of
// the server process and of PostgreSQL comes from /proc. autocannon runs in this process: on a
// 2-core machine the load generator, the server and PostgreSQL share the same two cores.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import superjson from 'superjson';
import { startBenchDatabase } from './support/bench-database.ts';
import { seedIntegrationEvents } from './support/seed-integration-events.ts';
import { seedFeedEvents } from './support/seed-feed-events.ts';
import { cpuWindow, waitForQuiet } from './support/measure.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const SCENARIOS = ['floor', 'floor-dashboard-bytes', 'app-floor', 'app-floor-signed-in', 'dashboard', 'dashboard-unshared', 'ingest', 'ics-304', 'ics-200'] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '120' },
    'floor-duration': { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    events: { type: 'string', default: '1000000' },
    feeds: { type: 'string', default: '3000' },
    'no-write': { type: 'boolean', default: false },
    // Writes a V8 CPU profile of the server process into this directory when it exits.
    profile: { type: 'string' },
  },
});
const DURATION = Number(args.duration);
const FLOOR_DURATION = Number(args['floor-duration']);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const ONLY = args.only ? (args.only.split(',') as Scenario[]) : [...SCENARIOS];
const EVENTS = Number(args.events);
const FEED_USERS = Number(args.feeds);
const BATCH = 50;
const FEED_EVENTS = 50;
const log = (line: string) => process.stderr.write(`${line}\n`);
for (const s of ONLY) if (!SCENARIOS.includes(s)) throw new Error(`--only: unknown scenario ${s}; known: ${SCENARIOS.join(', ')}`);

// ---- database and data ---------------------------------------------------------------------
const db = await startBenchDatabase();
const { getDb, getPool } = await import('../server/db.ts');
const { ensureProviderCatalog } = await import('../server/integrations/provider-catalog.ts');
const { hashPassword } = await import('../server/auth/password.ts');
const { createApiKey } = await import('../server/api-keys/create-api-key.ts');
const { createIcsLink } = await import('../server/ics/create-ics-link.ts');
const { ICS_FEED_PATH } = await import('../shared/ics.ts');

const seedStarted = performance.now();
const client = new pg.Client({ connectionString: db.url });
await client.connect();
await ensureProviderCatalog(client);
if (ONLY.some((s) => s.startsWith('dashboard')) && EVENTS > 0) await seedIntegrationEvents(client, { total: EVENTS, now: new Date(), log: (l) => log(`  ${l}`) });
await client.end();

const password = randomBytes(18).toString('base64url');
const admin = await getDb().user.create({
  data: { email: 'load-admin@bench.opsdeck', name: 'Load Admin', role: 'ADMIN', passwordHash: await hashPassword(password) },
  select: { id: true, email: true },
});
const { key: apiKey } = await createApiKey({ input: { name: 'load bench', ratePerMinute: 10_000_000 }, actorId: admin.id });

// Feed tokens: the per-token limit (60 per 5 minutes) is part of the product, so the load is
// spread over enough tokens that a healthy run stays under it.
const feedPaths: string[] = [];
if (ONLY.some((s) => s.startsWith('ics'))) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < FEED_USERS) {
        next++;
        const feed = await seedFeedEvents(FEED_EVENTS);
        for (const name of ['iPhone', 'Outlook']) {
          const { url } = await createIcsLink({ userId: feed.userId, input: { name, mode: 'FULL' } });
          feedPaths.push(new URL(url).pathname);
        }
      }
    }),
  );
}
await getPool().query('VACUUM ANALYZE');
log(`seeded in ${Math.round((performance.now() - seedStarted) / 1000)} s: ${EVENTS} integration events, ${feedPaths.length} feed tokens over ${FEED_USERS} users`);

// ---- processes -----------------------------------------------------------------------------
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

const metricsToken = randomBytes(24).toString('base64url');
const serverLog = path.join(os.tmpdir(), `opsdeck-load-${process.pid}.log`);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const profileArgs = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : [];
const server = spawn(process.execPath, [...profileArgs, '--import', 'tsx', 'server/main.ts'], {
  cwd: ROOT,
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    JOBS_IN_SERVER: 'false',
    SEED_DEMO: 'false',
    METRICS_TOKEN: metricsToken,
    SMTP_FROM: 'opsdeck <reminders@bench.opsdeck>',
    PUBLIC_BASE_URL: 'http://127.0.0.1',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const logFile = createWriteStream(serverLog);
server.stdout!.pipe(logFile);
server.stderr!.pipe(logFile);
await waitFor(`${base}/readyz`, server);

async function waitFor(url: string, child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${url} did not come up; log: ${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Sign in like the SPA does: the cookie goes on every dashboard request.
const signIn = await fetch(`${base}/api/trpc/auth.signIn`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify({ json: { email: admin.email, password } }),
});
if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

// The bare floor also answers the dashboard's two answers as they are now (the same bytes, with
// no database, session or middleware), so the dashboard can be set against a floor of its size.
const trpcGet = (procedure: string, input: unknown) => `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const DASHBOARD_QUERIES = [
  ['summary', 'integrations.summary', { window: '24h' }],
  ['timeseries', 'integrations.timeseries', { window: '24h', by: 'provider' }],
] as const;
const answersFile = path.join(os.tmpdir(), `opsdeck-load-answers-${process.pid}.json`);
const answers: Record<string, unknown> = {};
const answerBytes: Record<string, number> = {};
for (const [name, procedure, input] of DASHBOARD_QUERIES) {
  const body = await fetch(`${base}${trpcGet(procedure, input)}`, { headers: { cookie } }).then((r) => r.text());
  answers[name] = (JSON.parse(body) as { result: { data: unknown } }).result.data;
  answerBytes[name] = Buffer.byteLength(body);
}
writeFileSync(answersFile, JSON.stringify(answers));
const bare = spawn(process.execPath, ['--import', 'tsx', 'bench/support/bare-trpc-server.ts'], {
  cwd: ROOT,
  env: { ...process.env, BARE_ANSWERS_FILE: answersFile },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [line] = (await once(bare.stdout!, 'data')) as [Buffer];
const barePort = (JSON.parse(line.toString()) as { port: number }).port;

// ETags for the 304 scenario: one honest GET per token first (this also fills the render caches,
// as any polled feed's would be).
const etags = new Map<string, string>();
if (ONLY.includes('ics-304')) {
  let i = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (i < feedPaths.length) {
        const p = feedPaths[i++]!;
        const r = await fetch(`${base}${p}`);
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`feed ${p}: ${r.status}`);
        etags.set(p, r.headers.get('etag')!);
      }
    }),
  );
}

// ---- measuring -----------------------------------------------------------------------------
const PROVIDERS = ['supabase', 'paytr', 'idenfy', 'twilio', 'sendgrid', 'posthog', 'sentry', 'openai', 'mapbox'];

function ingestBody(): string {
  const now = new Date().toISOString();
  return JSON.stringify({
    events: Array.from({ length: BATCH }, (_, i) => {
      const provider = PROVIDERS[i % PROVIDERS.length]!;
      const failed = i % 97 === 0;
      return {
        provider,
        event: `${provider}_${failed ? 'error' : 'ok'}`,
        outcome: failed ? 'error' : 'ok',
        occurredAt: now,
        latencyMs: 20 + (i % 180),
        ...(failed ? { errorCode: '503', errorMessage: 'upstream unavailable' } : {}),
        correlationId: `load-${randomUUID()}`,
        idempotencyKey: randomUUID(),
      };
    }),
  });
}

type Target = { url: string; requests: autocannon.Request[]; headers?: Record<string, string>; unit?: { name: string; perRequest: number } };
function target(s: Scenario): Target {
  let feed = 0;
  const nextFeed = () => feedPaths[feed++ % feedPaths.length]!;
  switch (s) {
    case 'floor':
      return { url: `http://127.0.0.1:${barePort}`, requests: [{ method: 'GET', path: '/trpc/ping' }] };
    case 'floor-dashboard-bytes':
      return { url: `http://127.0.0.1:${barePort}`, requests: DASHBOARD_QUERIES.map(([name]) => ({ method: 'GET' as const, path: `/trpc/${name}` })) };
    case 'app-floor':
      return { url: base, requests: [{ method: 'GET', path: trpcGet('auth.me', undefined) }] };
    case 'app-floor-signed-in':
      return { url: base, headers: { cookie }, requests: [{ method: 'GET', path: trpcGet('auth.me', undefined) }] };
    case 'dashboard':
      return {
        url: base,
        headers: { cookie },
        requests: DASHBOARD_QUERIES.map(([, procedure, input]) => ({ method: 'GET' as const, path: trpcGet(procedure, input) })),
      };
    case 'dashboard-unshared': {
      let n = 0;
      const distinctWindow = () => {
        const to = new Date(Date.now() - (n++ % 3_600_000));
        return { window: 'custom', from: new Date(to.getTime() - 24 * 3_600_000), to };
      };
      const path = (procedure: string, input: object) => `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
      return {
        url: base,
        headers: { cookie },
        requests: [
          { method: 'GET', setupRequest: (req) => ({ ...req, path: path('integrations.summary', distinctWindow()) }) },
          { method: 'GET', setupRequest: (req) => ({ ...req, path: path('integrations.timeseries', { ...distinctWindow(), by: 'provider' }) }) },
        ],
      };
    }
    case 'ingest':
      return {
        url: base,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: '/api/integration-events', body: ingestBody() }) }],
        unit: { name: 'events', perRequest: BATCH },
      };
    case 'ics-304':
      return {
        url: base,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const p = nextFeed();
              return { ...req, path: p, headers: { ...req.headers, 'if-none-match': etags.get(p)!, 'user-agent': 'iOS/18.1 (22B83) dataaccessd/1.0' } };
            },
          },
        ],
      };
    case 'ics-200':
      return {
        url: base,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: nextFeed(), headers: { ...req.headers, 'user-agent': 'Microsoft Outlook 16.0' } }) }],
      };
  }
}

type MemorySample = { atS: number; rssMiB: number; heapUsedMiB: number | null };
/** RSS from /proc; the V8 heap from the product's /metrics (the bare floor has none). */
async function memory(pid: number, startedAt: number): Promise<MemorySample> {
  const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  let heapUsedMiB: number | null = null;
  if (pid === server.pid) {
    const text = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } }).then((r) => r.text());
    // Default labels ({process="web"}) follow the name.
    heapUsedMiB = round(Number(/^opsdeck_nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)/m.exec(text)?.[1] ?? NaN) / 2 ** 20);
  }
  return { atS: Math.round((Date.now() - startedAt) / 1000), rssMiB: round(rssKb / 1024), heapUsedMiB };
}

const TICK_MS = 10; // CLK_TCK is 100 on Linux
/** CPU ticks of one process, or of a process and its direct children (PostgreSQL's backends). */
function cpuTicks(pid: number, children = false): number {
  let ticks = 0;
  for (const entry of children ? readdirSync('/proc').filter((e) => /^\d+$/.test(e)) : [String(pid)]) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(entry) === pid || (children && Number(fields[1]) === pid)) ticks += Number(fields[11]) + Number(fields[12]);
      // Children that exited and were reaped (PostgreSQL backends of closed connections) live on
      // in the parent's cutime/cstime; without them the sum drops when a connection closes.
      if (children && Number(entry) === pid) ticks += Number(fields[13]) + Number(fields[14]);
    } catch {
      // exited meanwhile
    }
  }
  return ticks;
}
const round = (x: number) => Math.round(x * 10) / 10;

/**
 * V8 collects the old generation lazily, so one reading says little; a leak shows as lows that
 * keep rising. The lowest heap of the run's first and last thirds (after each collection).
 */
function heapTrend(samples: MemorySample[]): { heapLowFirstThirdMiB: number | null; heapLowLastThirdMiB: number | null } {
  const heap = samples.map((m) => m.heapUsedMiB).filter((v): v is number => v !== null && Number.isFinite(v));
  if (heap.length < 3) return { heapLowFirstThirdMiB: null, heapLowLastThirdMiB: null };
  const third = Math.max(1, Math.floor(heap.length / 3));
  return { heapLowFirstThirdMiB: Math.min(...heap.slice(0, third)), heapLowLastThirdMiB: Math.min(...heap.slice(-third)) };
}

/** The server's count of computed and shared overview answers (opsdeck_shared_answers_total). */
async function sharedAnswerCounts(): Promise<{ computed: number; shared: number }> {
  const text = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } }).then((r) => r.text());
  const sum = (outcome: string) =>
    [...text.matchAll(new RegExp(`^opsdeck_shared_answers_total\\{[^}]*outcome="${outcome}"[^}]*\\} (\\S+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  return { computed: sum('computed'), shared: sum('shared') };
}

let ingestAcknowledged = 0;
async function run(s: Scenario, seconds: number) {
  const t = target(s);
  const result = await autocannon({ url: t.url, connections: CONNECTIONS, duration: seconds, requests: t.requests, headers: t.headers, timeout: 10 });
  if (s === 'ingest') ingestAcknowledged += (result.statusCodeStats?.['202' as keyof typeof result.statusCodeStats] as { count: number } | undefined)?.count ?? 0;
  return result;
}

const results: Record<string, unknown> = {};
for (const s of ONLY) {
  const seconds = s.includes('floor') ? FLOOR_DURATION : DURATION;
  const quiet = await waitForQuiet(60_000);
  log(`\n${s}: ${WARMUP} s warm-up, then ${seconds} s at ${CONNECTIONS} connections`);
  await run(s, WARMUP);
  // The floor runs in its own process; everything else in the product's.
  const measuredPid = s.startsWith('floor') ? bare.pid! : server.pid!;
  const startedAt = Date.now();
  const memoryBefore = await memory(measuredPid, startedAt);
  const samples: MemorySample[] = [memoryBefore];
  const sampler = setInterval(() => void memory(measuredPid, startedAt).then((m) => samples.push(m), () => undefined), 5_000);
  const serverTicks = cpuTicks(measuredPid);
  const pgTicks = cpuTicks(db.postmasterPid, true);
  const sharedBefore = s.startsWith('dashboard') ? await sharedAnswerCounts() : null;
  const machineWindow = cpuWindow();
  const result = await run(s, seconds);
  const sharedAfter = sharedBefore ? await sharedAnswerCounts() : null;
  clearInterval(sampler);
  const elapsedS = (Date.now() - startedAt) / 1000;
  const cores = (ticks: number) => Math.round(((ticks * TICK_MS) / 1000 / elapsedS) * 100) / 100;
  const serverCores = cores(cpuTicks(measuredPid) - serverTicks);
  // Should a process leave the tree uncounted (a backend's CPU time moves into the postmaster's
  // cutime only when it is reaped), the sum could fall: that is reported as unknown, not as a
  // negative number of cores.
  const pgDelta = cpuTicks(db.postmasterPid, true) - pgTicks;
  const pgCores = pgDelta < 0 ? null : cores(pgDelta);
  const machineCores = machineWindow().machineBusyCores;
  // After the load, idle for a moment: what stays is what grew.
  await new Promise((r) => setTimeout(r, 5_000));
  const memoryAfter = await memory(measuredPid, startedAt);
  samples.push(memoryAfter);
  const unit = target(s).unit;
  const statusCounts: Record<string, number> = {};
  for (const [code, n] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = (n as { count: number }).count;
  const entry = {
    durationS: seconds,
    connections: CONNECTIONS,
    requestsPerSec: round(result.requests.average),
    ...(unit ? { [`${unit.name}PerSec`]: round(result.requests.average * unit.perRequest) } : {}),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    statusCounts,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    throughputMiBPerSec: round(result.throughput.average / 2 ** 20),
    cpuCores: { server: serverCores, postgres: pgCores, machine: machineCores },
    serverCpuMsPerRequest: result.requests.average ? round((serverCores * 1000) / result.requests.average) : null,
    ...(sharedBefore && sharedAfter
      ? { answers: { computed: sharedAfter.computed - sharedBefore.computed, shared: sharedAfter.shared - sharedBefore.shared } }
      : {}),
    machineQuietBefore: quiet,
    memory: {
      beforeMiB: memoryBefore,
      afterMiB: memoryAfter,
      peakRssMiB: Math.max(...samples.map((m) => m.rssMiB)),
      peakHeapUsedMiB: measuredPid === server.pid ? Math.max(...samples.map((m) => m.heapUsedMiB ?? 0)) : null,
      ...heapTrend(samples),
      samples,
    },
  };
  results[s] = entry;
  log(
    `  ${entry.requestsPerSec} req/s${unit ? ` (${round(result.requests.average * unit.perRequest)} ${unit.name}/s)` : ''}, p50 ${entry.latencyMs.p50} ms, p99 ${entry.latencyMs.p99} ms, ` +
      `max ${entry.latencyMs.max} ms; statuses ${JSON.stringify(statusCounts)}, errors ${entry.errors}, timeouts ${entry.timeouts}; ` +
      `CPU server ${serverCores} + pg ${pgCores} of ${machineCores} busy; RSS ${memoryBefore.rssMiB} -> ${memoryAfter.rssMiB} MiB, heap ${memoryBefore.heapUsedMiB} -> ${memoryAfter.heapUsedMiB} MiB; ` +
      `${entry.serverCpuMsPerRequest} ms server CPU per request${entry.answers ? `; answers computed ${entry.answers.computed}, shared ${entry.answers.shared}` : ''}`,
  );
}

// ---- checks and output ---------------------------------------------------------------------
// Every acknowledged ingest event must be in the database, and the server must have logged no error.
const stored = Number((await getPool().query<{ n: string }>(`SELECT count(*) n FROM integration_events WHERE correlation_id LIKE 'load-%'`)).rows[0]!.n);
server.kill('SIGTERM');
bare.kill('SIGTERM');
await once(server, 'exit');
logFile.end();
const logText = readFileSync(serverLog, 'utf8');
const errorLines = logText.split('\n').filter((l) => /"level":(50|60)/.test(l));

const out = {
  generatedAt: new Date().toISOString(),
  command: `node --import tsx bench/load.bench.ts ${process.argv.slice(2).join(' ')}`.trim(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
  setup: {
    integrationEvents: EVENTS,
    feedTokens: feedPaths.length,
    feedEventsPerToken: FEED_EVENTS,
    ingestBatch: BATCH,
    server: 'server/main.ts, NODE_ENV=production, JOBS_IN_SERVER=false, LOG_LEVEL=info to a file',
    loadGenerator: 'autocannon in the benchmark process, on the same machine',
    dashboardAnswerBytes: answerBytes,
  },
  scenarios: results,
  checks: {
    ingestStoredAtLeastAcknowledged: results.ingest
      ? {
          stored,
          acknowledged: ingestAcknowledged * BATCH,
          // autocannon drops the requests in flight when a run ends; the server still commits them.
          ok: stored >= ingestAcknowledged * BATCH && stored - ingestAcknowledged * BATCH <= 2 * CONNECTIONS * BATCH,
        }
      : null,
    serverErrorLogLines: errorLines.length,
    firstErrorLines: errorLines.slice(0, 5),
  },
};
if (!args['no-write']) writeFileSync(path.join(HERE, 'results', 'load.json'), `${JSON.stringify(out, null, 2)}\n`);
log(`\nserver error log lines: ${errorLines.length}; ingest: ${stored} events stored, ${ingestAcknowledged * BATCH} acknowledged`);
await db.close();
process.exit(0);
