// The health overview in Chromium at 10 million integration events (issue 7): how long from
// navigation to the provider cards and to the chart's lines, cold (a new browser context, empty
// cache) and warm (a reload), against the real built client and the real server.
//   npm run bench:overview -- [--events 10000000] [--runs 5] [--keep-db DIR] [--label after]
//                             [--path /health] [--quiet-wait 60] [--profile]
//                             [--compare DIR --compare-label before]
// It starts a throw-away embedded PostgreSQL (bench/support/bench-database.ts), loads the events
// and their rollups the way the health-query benchmark does (bench/support/seed-integration-events.ts),
// starts `server/main.ts` against it as the e2e setup does, signs an admin in, and drives
// /usr/bin/chromium with playwright-core. `npm run build` must have produced dist/client.
// --keep-db DIR keeps the cluster (and its events) in DIR for the next run; the events end at the
// time they were loaded, so a kept load shows fewer events in short windows as it ages (recorded
// as dataAgeMinutes). Results go to bench/results/overview.json under --label, next to earlier labels.
// --compare DIR: another build of the client (a copy of an earlier dist/client), measured run for
// run against dist/client on the same server and data, alternating which goes first; the two
// builds swap places on disk between runs (the server reads files per request) and are put back.
// A loaded shared machine moves every number, so only an interleaved A/B says what a change did.
// --profile also records a CPU profile of one more cold load (opsdeck-overview.cpuprofile in the
// system's temp dir; opens in Chromium's DevTools) and prints where the main thread's time went, by original source file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startBenchDatabase } from './support/bench-database.ts';
import { cpuWindow, summarize, waitForQuiet, type Summary } from './support/measure.ts';
import { seedIntegrationEvents, type SeedResult } from './support/seed-integration-events.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '5' },
    'keep-db': { type: 'string' },
    label: { type: 'string', default: 'current' },
    path: { type: 'string', default: '/health' },
    'quiet-wait': { type: 'string', default: '60' },
    profile: { type: 'boolean', default: false },
    compare: { type: 'string' },
    'compare-label': { type: 'string', default: 'compare' },
  },
});
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const PAGE_PATH = args.path;
const QUIET_WAIT_MS = Number(args['quiet-wait']) * 1000;
// Below this the machine counts as quiet: the bench itself (Chromium, server, PostgreSQL) is idle between runs.
const QUIET_CORES = 0.5;
const TARGET_MS = 1000;
const EMAIL = 'bench-admin@opsdeck.local';
const PASSWORD = 'bench-overview-password';
const log = (line: string) => process.stderr.write(`${line}\n`);

if (!existsSync(path.join(ROOT, 'dist/client/index.html'))) throw new Error('The client is not built: run `npm run build` first.');
if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}; set CHROMIUM_PATH.`);

// ---- database with 10M events ------------------------------------------------------------------
const db = await startBenchDatabase({ keepDir: args['keep-db'] });
const seedFile = path.join(db.dir, 'overview-seed.json');
const { getDb } = await import('../server/db.ts');
const { ensureProviderCatalog } = await import('../server/integrations/provider-catalog.ts');
const { hashPassword } = await import('../server/auth/password.ts');
const { summarizeProviders } = await import('../server/integrations/summarize-providers.ts');
const { providerTimeseries } = await import('../server/integrations/provider-timeseries.ts');

let seed: SeedResult;
const saved = existsSync(seedFile) ? (JSON.parse(readFileSync(seedFile, 'utf8')) as SeedResult) : null;
if (saved && saved.rows >= EVENTS * 0.99) {
  seed = { ...saved, from: new Date(saved.from), to: new Date(saved.to) };
  log(`reusing ${seed.rows} events in ${db.dir} (loaded ${Math.round((Date.now() - seed.to.getTime()) / 60_000)} min ago)`);
} else {
  if (saved) throw new Error(`${db.dir} holds ${saved.rows} events, not ${EVENTS}: use another --keep-db directory`);
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await ensureProviderCatalog(admin);
  // Fewer checkpoints during the load (a server setting, reloaded without a restart).
  await admin.query(`ALTER SYSTEM SET max_wal_size = '8GB'`);
  await admin.query('SELECT pg_reload_conf()');
  log(`loading ${EVENTS} events...`);
  seed = await seedIntegrationEvents(admin, { total: EVENTS, now: new Date(Math.floor(Date.now() / 1000) * 1000), log });
  await admin.end();
  writeFileSync(seedFile, JSON.stringify(seed, null, 2));
  log(`loaded ${seed.rows} rows in ${seed.ms.total} ms`);
}
const passwordHash = await hashPassword(PASSWORD);
await getDb().user.upsert({
  where: { email: EMAIL },
  create: { email: EMAIL, name: 'Bench Admin', role: 'ADMIN', passwordHash, timezone: 'Europe/Istanbul' },
  update: { passwordHash, role: 'ADMIN', disabledAt: null },
  select: { id: true },
});

// ---- what the build ships ----------------------------------------------------------------------
function builtAssets() {
  const dir = path.join(ROOT, 'dist/client/assets');
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f));
  const html = readFileSync(path.join(ROOT, 'dist/client/index.html'), 'utf8');
  const rows = files.map((f) => {
    const body = readFileSync(path.join(dir, f));
    return { file: f, bytes: statSync(path.join(dir, f)).size, gzipBytes: gzipSync(body).length, inIndexHtml: html.includes(`/assets/${f}`) };
  });
  return rows.sort((a, b) => b.bytes - a.bytes);
}
const LIVE_DIR = path.join(ROOT, 'dist/client');
const COMPARE_DIR = args.compare ? path.resolve(args.compare) : null;
if (COMPARE_DIR && !existsSync(path.join(COMPARE_DIR, 'index.html'))) throw new Error(`--compare ${COMPARE_DIR} holds no built client`);
const LABELS = [args.label, ...(COMPARE_DIR ? [args['compare-label']] : [])];
let liveLabel = args.label;
/** Puts the build of `label` at dist/client (the other one at --compare DIR). */
function useBuild(label: string) {
  if (label === liveLabel || !COMPARE_DIR) return;
  const parked = `${LIVE_DIR}.swap`;
  renameSync(LIVE_DIR, parked);
  renameSync(COMPARE_DIR, LIVE_DIR);
  renameSync(parked, COMPARE_DIR);
  liveLabel = label;
}
process.once('exit', () => useBuild(args.label));
const assets = builtAssets();
const compareAssets = COMPARE_DIR ? (useBuild(args['compare-label']), builtAssets()) : null;
useBuild(args.label);

// ---- the real server ---------------------------------------------------------------------------
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
const port = await freePort();
const serverDataDir = path.join(db.dir, 'server-data');
mkdirSync(serverDataDir, { recursive: true });
let serverLog = '';
const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: ROOT,
  env: { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: db.url, DATA_DIR: serverDataDir, SMTP_URL: '', SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout!.on('data', (d) => (serverLog += d));
server.stderr!.on('data', (d) => (serverLog += d));
const baseUrl = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 180_000;
for (;;) {
  if (server.exitCode !== null) throw new Error(`opsdeck exited with ${server.exitCode}:\n${serverLog}`);
  if (await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false)) break;
  if (Date.now() > deadline) throw new Error(`opsdeck was not ready within 180 s:\n${serverLog}`);
  await new Promise((r) => setTimeout(r, 250));
}
log(`server ready on ${baseUrl}`);

/** CPU ms used by a process and all its descendants (Chromium's renderers sit under a zygote). */
function treeCpuMs(rootPid: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    for (let p: number | undefined = pid; p; p = parent.get(p)) {
      if (p === rootPid) {
        total += t;
        break;
      }
    }
  }
  return total * 10; // CLK_TCK is 100 on Linux
}

// ---- Chromium ----------------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
function execPidOf(binary: string): number {
  // playwright-core does not expose the browser's pid; the newest chromium whose parent is us is ours.
  let best = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(path.basename(binary))) best = Math.max(best, Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return best;
}

const browserPid = execPidOf(CHROMIUM);

// Marks when the first card and the chart's first line are in the DOM, timed from navigation start.
const MARKS_SCRIPT = `(() => {
  const marks = (window.__overviewMarks = { longTasks: [] });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) marks.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  const check = () => {
    const now = performance.now();
    if (marks.skeletonMs === undefined && document.querySelector('[data-testid="provider-card-loading"]')) marks.skeletonMs = now;
    if (marks.cardsMs === undefined && document.querySelector('[data-testid="provider-card"]')) marks.cardsMs = now;
    if (marks.chartMs === undefined && document.querySelector('[data-testid="error-rate-chart"] .recharts-line')) marks.chartMs = now;
    if (marks.cardsMs !== undefined && marks.chartMs !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

type PageRun = {
  cardsMs: number;
  chartMs: number;
  skeletonMs: number | null;
  firstContentfulPaintMs: number | null;
  domContentLoadedMs: number;
  scriptsDoneMs: number;
  jsTransferredBytes: number;
  jsDecodedBytes: number;
  jsFiles: number;
  longTasksMs: number;
  longTasks: Array<[number, number]>;
  trpc: Array<{ procedures: string; startMs: number; endMs: number; durationMs: number; serverMs: number; bytes: number }>;
  machine: { loadAvg1: number; busyCoresDuring: number; quietBefore: { waitedMs: number; busyCores: number; quiet: boolean } };
  cpuMs: { chromium: number; server: number; postgres: number };
};

async function collect(page: Page) {
  await page.waitForFunction(() => {
    const m = (window as unknown as { __overviewMarks?: { cardsMs?: number; chartMs?: number } }).__overviewMarks;
    return m?.cardsMs !== undefined && m?.chartMs !== undefined;
  }, undefined, { timeout: 60_000 });
  return page.evaluate(() => {
    const m = (window as unknown as { __overviewMarks: { cardsMs: number; chartMs: number; skeletonMs?: number; longTasks: Array<[number, number]> } }).__overviewMarks;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const scripts = resources.filter((r) => /\.js(\?|$)/.test(r.name));
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      cardsMs: Math.round(m.cardsMs),
      chartMs: Math.round(m.chartMs),
      skeletonMs: m.skeletonMs === undefined ? null : Math.round(m.skeletonMs),
      firstContentfulPaintMs: fcp ? Math.round(fcp.startTime) : null,
      domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
      scriptsDoneMs: Math.round(Math.max(0, ...scripts.map((s) => s.responseEnd))),
      jsTransferredBytes: scripts.reduce((n, s) => n + s.transferSize, 0),
      jsDecodedBytes: scripts.reduce((n, s) => n + s.decodedBodySize, 0),
      jsFiles: scripts.length,
      longTasksMs: m.longTasks.reduce((n, [, d]) => n + d, 0),
      longTasks: m.longTasks,
      trpc: resources
        .filter((r) => r.name.includes('/api/trpc/'))
        .map((r) => ({
          procedures: decodeURIComponent(new URL(r.name).pathname.replace('/api/trpc/', '')),
          startMs: Math.round(r.startTime),
          endMs: Math.round(r.responseEnd),
          durationMs: Math.round(r.duration),
          // Loopback: from the request sent to the first byte back is the server's time.
          serverMs: Math.round(r.responseStart - r.requestStart),
          bytes: r.encodedBodySize,
        })),
    };
  });
}

async function measured(run: () => Promise<Page>): Promise<PageRun> {
  const quietBefore = await waitForQuiet(QUIET_WAIT_MS, QUIET_CORES);
  const cpu = { chromium: treeCpuMs(browserPid), server: treeCpuMs(server.pid!), postgres: treeCpuMs(db.postmasterPid) };
  const window = cpuWindow();
  const page = await run();
  const result = await collect(page);
  const busy = window();
  return {
    ...result,
    machine: { loadAvg1: Math.round(os.loadavg()[0]! * 100) / 100, busyCoresDuring: busy.machineBusyCores, quietBefore },
    cpuMs: { chromium: treeCpuMs(browserPid) - cpu.chromium, server: treeCpuMs(server.pid!) - cpu.server, postgres: treeCpuMs(db.postmasterPid) - cpu.postgres },
  };
}

async function signedInContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  const res = await context.request.post('/api/trpc/auth.signIn', { data: { json: { email: EMAIL, password: PASSWORD } } });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
  await context.addInitScript(MARKS_SCRIPT);
  return context;
}

// One untimed visit per build first: the server's and PostgreSQL's first-request costs (module
// loading, plan caches, the rollups' pages read from disk) are not what a browser's cold start means.
for (const label of LABELS) {
  useBuild(label);
  const context = await signedInContext();
  const page = await context.newPage();
  await page.goto(PAGE_PATH);
  await collect(page);
  await context.close();
}
useBuild(args.label);

type CpuProfile = {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
};

/** Self time per original source file (through the build's source maps) or per V8 category. */
function profileByFile(profile: CpuProfile): Array<{ file: string; selfMs: number }> {
  const maps = new Map<string, SourceMapConsumer | null>();
  const consumer = (url: string) => {
    if (!maps.has(url)) {
      const file = path.join(ROOT, 'dist/client', new URL(url).pathname + '.map');
      maps.set(url, existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8')) as RawSourceMap) : null);
    }
    return maps.get(url)!;
  };
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map<string, number>();
  const labels = new Map<number, string>();
  profile.samples.forEach((id, i) => {
    let label = labels.get(id);
    if (label === undefined) {
      const frame = byNode.get(id)!;
      if (!frame.url) label = frame.functionName || '(anonymous)';
      else if (!frame.url.startsWith(baseUrl)) label = frame.url;
      else {
        const pos = consumer(frame.url)?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
        label = (pos?.source ?? new URL(frame.url).pathname).replace(/^.*node_modules\//, 'node_modules/').replace(/^(\.\.\/)+/, '');
        // One row per package, not per file inside it.
        label = label.replace(/^node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, 'node_modules/$1');
      }
      labels.set(id, label);
    }
    selfUs.set(label, (selfUs.get(label) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...selfUs].map(([file, us]) => ({ file, selfMs: Math.round(us / 100) / 10 })).sort((a, b) => b.selfMs - a.selfMs);
}

let profileSummary: { cardsMs: number; chartMs: number; top: Array<{ file: string; selfMs: number }> } | null = null;
if (args.profile) {
  const context = await signedInContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await page.goto(PAGE_PATH);
  const marks = await collect(page);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await context.close();
  // Megabytes, and one machine's: kept out of the repository.
  const profileFile = path.join(os.tmpdir(), 'opsdeck-overview.cpuprofile');
  writeFileSync(profileFile, JSON.stringify(profile));
  log(`CPU profile: ${profileFile}`);
  profileSummary = { cardsMs: marks.cardsMs, chartMs: marks.chartMs, top: profileByFile(profile).slice(0, 40) };
  log(`profiled cold load: cards ${marks.cardsMs} ms, chart ${marks.chartMs} ms; self time by source:`);
  for (const row of profileSummary.top.slice(0, 25)) log(`  ${String(row.selfMs).padStart(8)} ms  ${row.file}`);
}

const measuredRuns = Object.fromEntries(LABELS.map((l) => [l, { cold: [] as PageRun[], warm: [] as PageRun[] }]));
for (let i = 0; i < RUNS; i++) {
  // Alternate which build goes first, so neither always follows the other's leftovers.
  for (const label of i % 2 ? [...LABELS].reverse() : LABELS) {
    useBuild(label);
    const { cold, warm } = measuredRuns[label]!;
    const context = await signedInContext();
    let page!: Page;
    cold.push(
      await measured(async () => {
        page = await context.newPage();
        await page.goto(PAGE_PATH);
        return page;
      }),
    );
    warm.push(
      await measured(async () => {
        await page.reload();
        return page;
      }),
    );
    log(`run ${i + 1}/${RUNS} [${label}]: cold cards ${cold.at(-1)!.cardsMs} / chart ${cold.at(-1)!.chartMs} ms; warm cards ${warm.at(-1)!.cardsMs} / chart ${warm.at(-1)!.chartMs} ms (load ${cold.at(-1)!.machine.loadAvg1})`);
    await context.close();
  }
}
useBuild(args.label);
const chromiumVersion = browser.version();
await browser.close();

// ---- the same queries in-process, for the server's share -----------------------------------------
const windowName = new URLSearchParams(PAGE_PATH.split('?')[1] ?? '').get('window') ?? '1h';
const input = { window: windowName } as { window: '1h' };
const inProcess = { summaryMs: [] as number[], timeseriesMs: [] as number[] };
for (let i = 0; i < 30; i++) {
  let t = performance.now();
  await summarizeProviders(input);
  inProcess.summaryMs.push(performance.now() - t);
  t = performance.now();
  await providerTimeseries({ ...input, by: 'provider', previous: false });
  inProcess.timeseriesMs.push(performance.now() - t);
}

server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
await db.close();

// ---- results -----------------------------------------------------------------------------------
const pick = (runs: PageRun[], f: (r: PageRun) => number): Summary => summarize(runs.map(f));
const digest = (runs: PageRun[]) => ({
  cardsMs: pick(runs, (r) => r.cardsMs),
  chartMs: pick(runs, (r) => r.chartMs),
  firstContentfulPaintMs: pick(runs, (r) => r.firstContentfulPaintMs ?? 0),
  scriptsDoneMs: pick(runs, (r) => r.scriptsDoneMs),
  longTasksMs: pick(runs, (r) => r.longTasksMs),
  jsTransferredBytes: pick(runs, (r) => r.jsTransferredBytes),
  cpuMs: { chromium: pick(runs, (r) => r.cpuMs.chromium), server: pick(runs, (r) => r.cpuMs.server), postgres: pick(runs, (r) => r.cpuMs.postgres) },
  busyCoresDuring: pick(runs, (r) => r.machine.busyCoresDuring),
  quietRuns: runs.filter((r) => r.machine.quietBefore.quiet).length,
  underTarget: runs.filter((r) => r.chartMs < TARGET_MS).length,
});
const common = {
  measuredAt: new Date().toISOString(),
  page: PAGE_PATH,
  targetMs: TARGET_MS,
  runsEach: RUNS,
  interleavedWith: COMPARE_DIR ? LABELS : undefined,
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, chromium: chromiumVersion, loadAvgAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
  data: { events: seed.rows, loadedAt: seed.to, dataAgeMinutes: Math.round((Date.now() - seed.to.getTime()) / 60_000), loadMs: seed.ms },
  serverInProcess: { summary: summarize(inProcess.summaryMs), timeseries: summarize(inProcess.timeseriesMs) },
};
const outFile = path.join(HERE, 'results/overview.json');
const results = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, unknown>) : {};
const s = (x: Summary) => `${x.median} (p95 ${x.p95}, ${x.min}–${x.max})`;
for (const label of LABELS) {
  const files = label === args.label ? assets : compareAssets!;
  const { cold, warm } = measuredRuns[label]!;
  const result = {
    ...common,
    build: { jsBytes: files.filter((a) => a.file.endsWith('.js')).reduce((n, a) => n + a.bytes, 0), files },
    ...(label === args.label && profileSummary ? { profile: profileSummary } : {}),
    cold: { summary: digest(cold), runs: cold },
    warm: { summary: digest(warm), runs: warm },
  };
  results[label] = result;
  log(`[${label}] cold: cards ${s(result.cold.summary.cardsMs)}, chart ${s(result.cold.summary.chartMs)} ms`);
  log(`[${label}] warm: cards ${s(result.warm.summary.cardsMs)}, chart ${s(result.warm.summary.chartMs)} ms`);
}
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
log(`server in-process: summary ${s(common.serverInProcess.summary)}, timeseries ${s(common.serverInProcess.timeseries)} ms`);
log(`wrote ${path.relative(ROOT, outFile)} [${LABELS.join(', ')}]`);
