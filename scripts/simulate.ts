// Live simulated provider traffic, posted through the real ingestion API of a running server
// (npm start in another terminal), so dashboards, alerts and playbooks can be watched moving.
//
//   npm run simulate                                  # ~700 events/min at the afternoon peak
//   npm run simulate -- --rate 5 --incident mapbox:35:10
//   npm run simulate -- --url https://ops.example.com --key odk_... --duration 30m
//
// Without --key it creates one in the database the server uses (and prints it for next time).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createRng } from '../server/integrations/simulate/seeded-random.ts';
import { generateTraffic, parseIncident, SIMULATED_PROVIDERS, trafficAt, type Incident, type SimulatedEvent } from '../server/integrations/simulate/traffic-model.ts';

const USAGE = `usage: npm run simulate -- [--url URL] [--key odk_...] [--rate 1] [--incident provider:errorRate[:minutes[:latencyX]]]...
                            [--duration 10m] [--connections 1] [--seed text]
  --rate        volume multiplier over the traffic model (1 = a small app, ~700 events/min at the peak)
  --incident    e.g. mapbox:35:10 = Mapbox fails 35% of calls, 3x slower, for 10 minutes (repeatable)
  --duration    stop after 90s, 10m, 1h (default: until Ctrl+C)`;

const BATCH = 500;
const TICK_MS = 1_000;
const SEND_AFTER_MS = 2_000;
const REPORT_EVERY_MS = 5_000;
const MAX_QUEUED = 200_000;
const FLUSH_ON_STOP_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const n = (x: number) => x.toLocaleString('en-US');
const clock = (d = new Date()) => d.toTimeString().slice(0, 8);

function parseDuration(text: string | undefined): number | null {
  if (!text) return null;
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  if (!m) throw new Error(`--duration ${text}: use e.g. 90s, 10m or 1h`);
  return Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 's' | 'm' | 'h'];
}

/** A key made for this run in the database the server uses, on behalf of the first admin. */
async function createKey(): Promise<string> {
  const { boot } = await import('../server/boot.ts');
  const { getDb } = await import('../server/db.ts');
  const { createApiKey } = await import('../server/api-keys/create-api-key.ts');
  const booted = await boot({ migrate: false });
  try {
    const admin = await getDb().user.findFirst({ where: { role: 'ADMIN', disabledAt: null }, orderBy: { createdAt: 'asc' }, select: { id: true, email: true } });
    if (!admin) throw new Error('No admin user in the database to create an API key for; create a key in Settings and pass --key');
    const { key, apiKey } = await createApiKey({ input: { name: `simulator ${new Date().toISOString().slice(0, 16)}` }, actorId: admin.id });
    process.stdout.write(`Created API key "${apiKey.name}" (as ${admin.email}): ${key}\nReuse it with --key ${key}\n`);
    return key;
  } finally {
    await booted.close();
  }
}

async function defaultUrl(): Promise<string> {
  const { loadConfigOrExit } = await import('../server/boot.ts');
  const config = loadConfigOrExit();
  // The default public URL is localhost, which may resolve to ::1 while the server listens on IPv4.
  return config.publicBaseUrl === `http://localhost:${config.port}` ? `http://127.0.0.1:${config.port}` : config.publicBaseUrl;
}

type Totals = { batches: number; events: number; accepted: number; duplicate: number; rejected: number; errors: number; acks: number[] };
const emptyTotals = (): Totals => ({ batches: 0, events: 0, accepted: 0, duplicate: 0, rejected: 0, errors: 0, acks: [] });

async function main(): Promise<number> {
  // Set before the logger is first imported: this terminal shows the simulator's own lines.
  process.env.LOG_LEVEL ??= 'warn';
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      rate: { type: 'string', default: '1' },
      incident: { type: 'string', multiple: true, default: [] },
      duration: { type: 'string' },
      connections: { type: 'string', default: '1' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const rate = Number(values.rate);
  const connections = Number(values.connections);
  if (!(rate > 0)) throw new Error('--rate must be a positive number, e.g. 1 or 0.5');
  if (!Number.isInteger(connections) || connections < 1 || connections > 32) throw new Error('--connections must be 1 to 32');
  const durationMs = parseDuration(values.duration);
  const started = new Date();
  const incidents: Incident[] = values.incident.map((spec) => parseIncident(spec, started));
  const url = new URL('/api/integration-events', values.url ?? (await defaultUrl())).toString();

  // Before creating anything: is there a server to post to?
  const health = await fetch(new URL('/healthz', url)).catch((error: Error) => error);
  if (health instanceof Error) throw new Error(`No server at ${new URL(url).origin} (${(health.cause as Error | undefined)?.message ?? health.message}); start it with npm start or pass --url`);
  await health.arrayBuffer();
  const key = values.key ?? (await createKey());

  const runId = randomBytes(4).toString('hex');
  const rng = createRng(values.seed ?? runId);
  let sequence = 0;
  const nextKey = () => `sim-${runId}-${(sequence++).toString(36)}`;
  const perMinute = SIMULATED_PROVIDERS.reduce((sum, p) => sum + trafficAt(p, started, { rate }).operationsPerMinute, 0);
  const incidentText = incidents
    .map((i) => `${i.provider} ${Math.round(i.errorRate * 100)}% errors, ${i.latencyMultiplier}x latency${i.to.getTime() < 8e15 ? ` until ${clock(i.to)}` : ''}`)
    .join('; ');
  process.stdout.write(
    `Posting simulated traffic of ${SIMULATED_PROVIDERS.length} providers to ${url}\n` +
      `  ~${n(Math.round(perMinute))} calls/min now (rate ${rate}, Europe/Istanbul day curve)${incidentText ? `\n  incident: ${incidentText}` : ''}\n` +
      `  ${durationMs ? `for ${values.duration}` : 'until Ctrl+C'}; a line every ${REPORT_EVERY_MS / 1000} s\n`,
  );

  const queue: SimulatedEvent[] = [];
  let dropped = 0;
  let generatedUpTo = started.getTime();
  let stopping = false;
  let pausedUntil = 0;
  let lastSend = Date.now();
  let fatal: Error | null = null;
  const interval = emptyTotals();
  const total = emptyTotals();
  let firstRejection: string | null = null;

  const generate = () => {
    const to = Date.now();
    if (to <= generatedUpTo) return;
    for (const e of generateTraffic({ from: new Date(generatedUpTo), to: new Date(to), rng, rate, incidents, nextKey })) queue.push(e);
    generatedUpTo = to;
    if (queue.length > MAX_QUEUED) dropped += queue.splice(0, queue.length - MAX_QUEUED).length;
  };

  const record = (batch: SimulatedEvent[], ms: number, body: { accepted: number; duplicate: number; rejected: number; errors: { index: number; fieldErrors: unknown }[] }) => {
    const failed = batch.filter((e) => e.outcome === 'error').length;
    for (const t of [interval, total]) {
      t.batches++;
      t.events += batch.length;
      t.accepted += body.accepted;
      t.duplicate += body.duplicate;
      t.rejected += body.rejected;
      t.errors += failed;
      t.acks.push(ms);
    }
    if (body.rejected && !firstRejection) firstRejection = JSON.stringify(body.errors[0]);
  };

  /** One batch until it is acknowledged or the run ends; the same idempotency keys on every retry. */
  async function send(batch: SimulatedEvent[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const wait = pausedUntil - Date.now();
      if (wait > 0) await sleep(wait);
      const t0 = performance.now();
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ events: batch }),
        });
      } catch (error) {
        if (stopping) return;
        process.stdout.write(`${clock()}  server unreachable (${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}); retrying in 2 s\n`);
        pausedUntil = Date.now() + 2_000;
        continue;
      }
      const text = await res.text();
      if (res.status === 202) return record(batch, performance.now() - t0, JSON.parse(text));
      if (res.status === 429 || res.status === 503) {
        const seconds = Number(res.headers.get('retry-after')) || 5;
        process.stdout.write(`${clock()}  ${res.status} ${res.status === 429 ? 'rate limited' : 'not stored'}; retrying the batch in ${seconds} s\n`);
        pausedUntil = Math.max(pausedUntil, Date.now() + seconds * 1000);
        if (stopping && attempt > 1) return;
        continue;
      }
      fatal = new Error(`${res.status} from ${url}: ${text.slice(0, 300)}${res.status === 401 ? '\n(the API key was not accepted: revoked, or from another database?)' : ''}`);
      return;
    }
  }

  async function sender(): Promise<void> {
    while (!fatal) {
      const due = queue.length >= BATCH || (queue.length > 0 && (stopping || Date.now() - lastSend >= SEND_AFTER_MS));
      if (!due) {
        if (stopping) return;
        await sleep(100);
        continue;
      }
      lastSend = Date.now();
      await send(queue.splice(0, BATCH));
    }
  }

  const quantile = (xs: number[], q: number) => (xs.length ? Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!) : 0);
  const report = () => {
    const t = interval;
    const active = incidents.filter((i) => Date.now() >= i.from.getTime() && Date.now() < i.to.getTime()).map((i) => `${i.provider} incident`);
    process.stdout.write(
      `${clock()}  ${String(t.batches).padStart(3)} batch${t.batches === 1 ? ' ' : 'es'} ${n(t.events).padStart(7)} events  accepted ${n(t.accepted)}` +
        `${t.duplicate ? `  duplicate ${n(t.duplicate)}` : ''}${t.rejected ? `  REJECTED ${n(t.rejected)}` : ''}` +
        `  failed calls ${t.events ? ((100 * t.errors) / t.events).toFixed(1) : '0.0'}%  ack p50 ${quantile(t.acks, 0.5)} ms p99 ${quantile(t.acks, 0.99)} ms` +
        `  queued ${n(queue.length)}${dropped ? `  dropped ${n(dropped)}` : ''}${active.length ? `  [${active.join(', ')}]` : ''}\n`,
    );
    Object.assign(interval, emptyTotals());
  };

  const ticker = setInterval(generate, TICK_MS);
  const reporter = setInterval(report, REPORT_EVERY_MS);
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(ticker);
    generate();
    process.stdout.write(`${clock()}  ${why}: sending what is queued (${n(queue.length)} events, at most ${FLUSH_ON_STOP_MS / 1000} s)\n`);
    setTimeout(() => {
      if (queue.length) dropped += queue.splice(0).length;
    }, FLUSH_ON_STOP_MS).unref();
  };
  process.on('SIGINT', () => {
    if (stopping) process.exit(130); // a second Ctrl+C: do not wait for the flush
    stop('Ctrl+C');
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  const timer = durationMs ? setTimeout(() => stop(`after ${values.duration}`), durationMs) : null;

  await Promise.all(Array.from({ length: connections }, sender));
  clearInterval(ticker);
  clearInterval(reporter);
  if (timer) clearTimeout(timer);
  if (interval.batches) report();
  const seconds = (Date.now() - started.getTime()) / 1000;
  process.stdout.write(
    `Done in ${Math.round(seconds)} s: ${n(total.events)} events in ${n(total.batches)} batches, accepted ${n(total.accepted)}, duplicate ${n(total.duplicate)}, rejected ${n(total.rejected)}` +
      `${dropped ? `, not sent ${n(dropped)}` : ''}; ack p50 ${quantile(total.acks, 0.5)} ms, p99 ${quantile(total.acks, 0.99)} ms\n`,
  );
  if (firstRejection) process.stdout.write(`First rejected event: ${firstRejection}\n`);
  if (fatal) {
    process.stderr.write(`${(fatal as Error).message}\n`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`simulate: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
