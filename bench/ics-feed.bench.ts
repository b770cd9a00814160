// ICS feed benchmark (issue 3): feed generation for 1,000, 10,000 and 50,000 visible events,
// time and memory, and the 304 path. Run: node --import tsx bench/ics-feed.bench.ts
// It starts its own embedded PostgreSQL in a temp dir, seeds it, measures, and writes
// bench/results/ics-feed.json. What "cold" means is explained in bench/README.md.
import { execFile } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startBenchDatabase } from './support/bench-database.ts';
import { collectGarbage, cpuMeter, cpuWindow, mib, request, summarize, timeRuns, waitForQuiet, type Timed } from './support/measure.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SIZES = [1_000, 10_000, 50_000] as const;
const TARGETS = { cold10kMs: 150, notModifiedMs: 2 } as const;
// Fewer runs where one run takes seconds; medians need at least five.
const RUNS: Record<number, { render: number; never: number; http: number; child: number }> = {
  1_000: { render: 15, never: 5, http: 10, child: 3 },
  10_000: { render: 15, never: 5, http: 10, child: 3 },
  50_000: { render: 7, never: 3, http: 5, child: 3 },
};
const NOT_MODIFIED_RUNS = 300;
const NOT_MODIFIED_WARM_UP = 600;

const loadAtStart = os.loadavg();
const db = await startBenchDatabase();
// Imported after startBenchDatabase has set the environment that config and logger read.
const { getPool } = await import('../server/db.ts');
const { createApp } = await import('../server/http/app.ts');
const { createIcsLink } = await import('../server/ics/create-ics-link.ts');
const { feedWindow } = await import('../server/ics/feed-window.ts');
const { flushFeedWrites } = await import('../server/ics/write-behind.ts');
const { icsBodyCache } = await import('../server/ics/feed-body-store.ts');
const { icsEventCache } = await import('../server/ics/render-ics-event.ts');
const { renderIcsFeed } = await import('../server/ics/render-ics-feed.ts');
const { seedFeedEvents } = await import('./support/seed-feed-events.ts');

const server = createApp().listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const pool = getPool();
// CPU time of this process and of PostgreSQL per run: what a run costs whatever the neighbours do.
const meter = cpuMeter(db.postmasterPid);

// The per-link limit (60 polls in 5 minutes) would turn the repeated requests into 429s.
const resetRateLimit = async () => void (await pool.query(`DELETE FROM auth_rate_limits WHERE key LIKE 'ics_feed%'`));
// After a restart the link was last used more than a minute ago, so the first request records its use.
const staleLastUse = async () =>
  void (await pool.query(`UPDATE "IcsToken" SET "lastUsedAt" = (now() AT TIME ZONE 'UTC') - interval '2 minutes'`));
// Nothing stored: neither VEVENT text nor whole bodies (a format-version bump, a first feed ever).
const forgetStoredChunks = async () => {
  await forgetStoredBodies();
  await pool.query('TRUNCATE ics_event_chunks');
};
// The feed changed since it was last served: its kept body no longer matches, the VEVENT text of
// what did not change is still stored. Deleting the row has the same effect on the next request.
const forgetStoredBodies = async () => {
  await flushFeedWrites();
  await pool.query('TRUNCATE ics_feed_bodies');
};
// The feed changed since it was last served: one of its events was edited. Its kept body is
// under the old tag now, and holds the old text of that one event only. The title's last
// character flips, so the body keeps its length (the GET checks it) whatever the run.
const editOneEvent = async (ownerId: string) => {
  await flushFeedWrites();
  const { rowCount } = await pool.query(
    `UPDATE "CalendarEvent" SET "title" = left("title", -1) || CASE WHEN right("title", 1) = 'x' THEN 'y' ELSE 'x' END,
                                "sequence" = "sequence" + 1, "updatedAt" = now() AT TIME ZONE 'UTC'
     WHERE "id" = (SELECT "id" FROM "CalendarEvent" WHERE "ownerId" = $1 AND "deletedAt" IS NULL AND "startsAt" > now()
                   AND "title" ~ '[a-z]$' ORDER BY random() LIMIT 1)`,
    [ownerId],
  );
  if (rowCount !== 1) throw new Error(`editing one event changed ${rowCount} rows`);
};
/**
 * What a restart empties: both in-process caches. After the work a render leaves behind it
 * (stored text, and memory filled once its caller has the body), or that would land afterwards.
 */
const forgetEvents = async () => {
  await flushFeedWrites();
  icsEventCache.clear();
};
const forgetMemory = async () => {
  await forgetEvents();
  icsBodyCache.clear();
};

type FirstRequest = {
  status: number;
  bytes: number;
  ms: number;
  storeMs: number;
  cpu: { nodeMs: number; postgresMs: number };
  heapUsed: number;
  rss: number;
  peakRssBefore: number;
  peakRss: number;
};

async function firstRequestInNewProcess(feedPath: string, etag?: string): Promise<FirstRequest> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(HERE, 'support/first-request.ts'), feedPath, ...(etag ? [etag] : [])], {
    env: { ...process.env, BENCH_POSTMASTER_PID: String(db.postmasterPid) },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as FirstRequest;
}

async function childRuns(runs: number, before: () => Promise<void>, feedPath: string, etag?: string) {
  const results: FirstRequest[] = [];
  for (let i = 0; i < runs; i++) {
    await before();
    results.push(await firstRequestInNewProcess(feedPath, etag));
  }
  const expected = etag ? 304 : 200;
  if (results.some((r) => r.status !== expected)) throw new Error(`first request answered ${results.map((r) => r.status)}`);
  const avg = (f: (r: FirstRequest) => number) => Math.round((results.reduce((a, r) => a + f(r), 0) / results.length) * 100) / 100;
  return {
    ms: { ...summarize(results.map((r) => r.ms)), cpuMsPerRun: { node: avg((r) => r.cpu.nodeMs), postgres: avg((r) => r.cpu.postgresMs) } },
    // Peak RSS of the process once it is ready, and after the request (both the worst of the runs).
    peakRssReadyMiB: Math.max(...results.map((r) => mib(r.peakRssBefore))),
    peakRssMiB: Math.max(...results.map((r) => mib(r.peakRss))),
    heapUsedAfterMiB: Math.max(...results.map((r) => mib(r.heapUsed))),
    storeWriteMs: etag ? undefined : summarize(results.map((r) => r.storeMs)),
  };
}

const sizes = [];
for (const visible of SIZES) {
  const runs = RUNS[visible]!;
  const seedStarted = performance.now();
  const seeded = await seedFeedEvents(visible);
  // What autovacuum would have done by the time a table holds this many rows.
  await pool.query('ANALYZE');
  const seedMs = performance.now() - seedStarted;
  const { url } = await createIcsLink({ userId: seeded.userId, input: { name: 'Telefon, iş', mode: 'FULL' } });
  const feedPath = new URL(url).pathname;
  const owner = { id: seeded.userId, role: 'USER' as const, name: seeded.userName };
  // Up to five minutes for the shared machine to calm down; what it was is recorded either way.
  const quietBefore = await waitForQuiet(5 * 60_000);
  const cpu = cpuWindow();
  const window = feedWindow();
  const render = () => renderIcsFeed({ owner, mode: 'FULL', linkName: 'Telefon, iş', window });
  process.stdout.write(`\n${visible} visible events (seeded in ${(seedMs / 1000).toFixed(1)} s)\n`);

  // Sanity: the feed carries exactly the seeded visible events.
  await forgetStoredChunks();
  await forgetEvents();
  const first = await render();
  if (first.events !== visible || first.rendered !== visible) throw new Error(`expected ${visible} events, got ${JSON.stringify({ ...first, body: undefined })}`);
  const storeStarted = performance.now();
  await flushFeedWrites();
  const storeWriteMs = performance.now() - storeStarted;

  const neverRendered = await timeRuns(runs.never, async () => {
    await forgetStoredChunks();
    await forgetEvents();
  }, render, meter);
  await flushFeedWrites();
  const cold = await timeRuns(runs.render, forgetEvents, async () => {
    const r = await render();
    if (r.fromStore !== visible) throw new Error(`cold render took ${r.fromStore} of ${visible} from the store`);
  }, meter);
  const warm = await timeRuns(runs.render, () => {}, async () => {
    const r = await render();
    if (r.fromMemory !== visible) throw new Error(`warm render took ${r.fromMemory} of ${visible} from memory`);
  }, meter);

  collectGarbage();
  const before = process.memoryUsage();
  const held = await render();
  const after = process.memoryUsage();
  const used = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  collectGarbage();
  const withCache = used(process.memoryUsage());
  await forgetEvents();
  collectGarbage();
  const withoutCache = used(process.memoryUsage());
  await render(); // warm again for what follows
  const memory = {
    bodyMiB: mib(held.body.length),
    // Allocated by one warm render, the body included (V8 heap plus Buffers, before any collection).
    warmRenderAllocatedMiB: mib(used(after) - used(before)),
    // What this feed's entries in the in-process cache hold (the body itself is still referenced).
    memoryCacheMiB: mib(withCache - withoutCache),
  };

  await resetRateLimit();
  let sinceReset = 0;
  const limitEvery = async () => {
    if (++sinceReset % 50 === 0) await resetRateLimit();
  };
  const get200 = async () => {
    const r = await request(base, feedPath);
    // SEQUENCE grows a digit after 9 or 99 edits of one event.
    if (r.status !== 200 || Math.abs(r.bytes - held.body.length) > 4) throw new Error(`GET answered ${r.status} with ${r.bytes} bytes`);
  };
  // Cold: memory empty (a restart), the feed unchanged since it was last served: its body is kept.
  await (await fetch(`${base}${feedPath}`)).arrayBuffer();
  await flushFeedWrites();
  const get200Cold = await timeRuns(runs.http, async () => {
    await limitEvery();
    await forgetMemory();
  }, get200, meter);
  // Memory empty and one event edited since: the unchanged text copied out of the body last served.
  const get200ColdChanged = await timeRuns(runs.http, async () => {
    await limitEvery();
    await editOneEvent(seeded.userId);
    await forgetMemory();
  }, get200, meter);
  // Memory empty and no body kept (e.g. its write failed): put together from the stored VEVENT text.
  const get200ColdNoBody = await timeRuns(runs.http, async () => {
    await limitEvery();
    await forgetMemory();
    await forgetStoredBodies();
  }, get200, meter);
  await flushFeedWrites();
  // Warm: a client that sends no If-None-Match, polling a feed this process has served.
  const get200Warm = await timeRuns(runs.http, limitEvery, get200, meter);
  const probe = await fetch(`${base}${feedPath}`);
  const etag = probe.headers.get('etag')!;
  await probe.arrayBuffer();
  const statuses = new Set<number>();
  // A poll answered 304 takes about a millisecond: the chunk writes and autovacuum that the
  // renders above leave behind would be most of what it measured, so it waits for them.
  await flushFeedWrites();
  const quietBefore304 = await waitForQuiet(60_000);
  // Untimed first: until the process has answered several hundred requests the JIT has not
  // optimised the HTTP path, and the first size's loop paid for it (304 median 2.0 ms in its
  // first 300 requests, 1.3-1.4 ms from the 900th on, same data). A server polled all day is in
  // the steady state; the first 304 of a fresh process is measured on its own further down.
  for (let i = 0; i < NOT_MODIFIED_WARM_UP; i++) {
    await limitEvery();
    statuses.add((await request(base, feedPath, { headers: { 'if-none-match': etag } })).status);
  }
  const notModified = await timeRuns(
    NOT_MODIFIED_RUNS,
    limitEvery,
    async () => statuses.add((await request(base, feedPath, { headers: { 'if-none-match': etag } })).status),
    meter,
    'loop',
  );
  const headNotModified = await timeRuns(100, limitEvery, async () =>
    statuses.add((await request(base, feedPath, { method: 'HEAD', headers: { 'if-none-match': etag } })).status),
  meter, 'loop');
  if (statuses.size !== 1 || !statuses.has(304)) throw new Error(`conditional requests answered ${[...statuses]}`);

  // A new process per run: nothing in memory, no JIT warm-up, prepared statements not yet made.
  await flushFeedWrites();
  const restart = async () => {
    await resetRateLimit();
    await staleLastUse();
  };
  const restartStored = await childRuns(runs.child, restart, feedPath);
  const restartChanged = await childRuns(runs.child, async () => {
    await restart();
    await editOneEvent(seeded.userId);
  }, feedPath);
  const restartNoBody = await childRuns(runs.child, async () => {
    await restart();
    await forgetStoredBodies();
  }, feedPath);
  const restartNeverRendered = await childRuns(runs.child, async () => {
    await restart();
    await forgetStoredChunks();
  }, feedPath);
  // The edits above moved the tag: the conditional GET sends the one the feed has now.
  await resetRateLimit();
  const current = await fetch(`${base}${feedPath}`);
  await current.arrayBuffer();
  await flushFeedWrites();
  const restartNotModified = await childRuns(runs.child, restart, feedPath, current.headers.get('etag')!);

  const result = {
    visible,
    bodyBytes: held.body.length,
    render: { neverRendered, cold, warm, storeWriteMs: Math.round(storeWriteMs) },
    http: { get200Cold, get200ColdChanged, get200ColdNoBody, get200Warm, notModified, headNotModified },
    firstRequestAfterStart: {
      get200: restartStored,
      get200Changed: restartChanged,
      get200NoBody: restartNoBody,
      get200NeverRendered: restartNeverRendered,
      notModified: restartNotModified,
    },
    memory,
    cpu: { quietBefore, quietBefore304, ...cpu() },
  };
  sizes.push(result);
  const line = (label: string, s: Timed) =>
    process.stdout.write(
      `  ${label.padEnd(42)} median ${String(s.median).padStart(8)} ms   p95 ${String(s.p95).padStart(8)} ms   min ${String(s.min).padStart(8)} ms` +
        (s.cpuMsPerRun ? `   cpu ${s.cpuMsPerRun.node} + ${s.cpuMsPerRun.postgres} ms (node + pg)` : '') +
        `   (${s.runs} runs)\n`,
    );
  line('render, never rendered (store empty)', neverRendered);
  line('render, cold (memory empty, text stored)', cold);
  line('render, warm', warm);
  line('GET 200, cold (memory empty, body kept)', get200Cold);
  line('GET 200, cold, one event edited', get200ColdChanged);
  line('GET 200, cold, no body kept (text stored)', get200ColdNoBody);
  line('GET 200, warm (no If-None-Match)', get200Warm);
  line('GET If-None-Match -> 304', notModified);
  line('HEAD If-None-Match -> 304', headNotModified);
  process.stdout.write(`  (304s after waiting ${quietBefore304.waitedMs} ms for quiet: ${quietBefore304.busyCores} cores busy)\n`);
  line('new process: first GET (body kept)', restartStored.ms);
  line('new process: first GET (one event edited)', restartChanged.ms);
  line('new process: first GET (no body, text stored)', restartNoBody.ms);
  line('new process: first GET (never rendered)', restartNeverRendered.ms);
  line('new process: first GET -> 304', restartNotModified.ms);
  process.stdout.write(
    `  cpu: ${quietBefore.busyCores} cores busy before (waited ${quietBefore.waitedMs} ms); during: machine ${result.cpu.machineBusyCores} of ${os.cpus().length} cores busy, this process ${result.cpu.benchNodeCores}\n`,
  );
  process.stdout.write(
    `  body ${memory.bodyMiB} MiB; a warm render allocates ~${memory.warmRenderAllocatedMiB} MiB; the memory cache holds ${memory.memoryCacheMiB} MiB for it\n` +
      `  new process: peak RSS ${restartStored.peakRssReadyMiB} MiB when ready, ${restartStored.peakRssMiB} MiB after the first GET (body kept), ` +
      `${restartNeverRendered.peakRssMiB} MiB (never rendered), ${restartNotModified.peakRssMiB} MiB (304)\n`,
  );
}

const tenK = sizes.find((s) => s.visible === 10_000)!;
const worst304 = Math.max(...sizes.map((s) => s.http.notModified.median));
const report = {
  generatedAt: new Date().toISOString(),
  command: 'node --import tsx bench/ics-feed.bench.ts',
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    postgres: (await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v,
    // The machine is shared: other work running alongside shows up here and in the p95s.
    loadAverage1m: { start: Math.round(loadAtStart[0]! * 100) / 100, end: Math.round(os.loadavg()[0]! * 100) / 100 },
  },
  targets: TARGETS,
  // Medians against the targets; the p95s show how much a busy neighbour moved them.
  verdict: {
    // After a restart, a feed unchanged since it was last served: the usual first poll.
    cold10k: { medianMs: tenK.http.get200Cold.median, p95Ms: tenK.http.get200Cold.p95, met: tenK.http.get200Cold.median < TARGETS.cold10kMs },
    // After a restart, a feed with one event edited meanwhile: the rest from the body last served.
    cold10kChanged: {
      medianMs: tenK.http.get200ColdChanged.median,
      p95Ms: tenK.http.get200ColdChanged.p95,
      met: tenK.http.get200ColdChanged.median < TARGETS.cold10kMs,
    },
    // After a restart, no body kept for the link: put together from the stored VEVENT text.
    cold10kNoBody: {
      medianMs: tenK.http.get200ColdNoBody.median,
      p95Ms: tenK.http.get200ColdNoBody.p95,
      met: tenK.http.get200ColdNoBody.median < TARGETS.cold10kMs,
    },
    cold10kChangedNewProcess: {
      medianMs: tenK.firstRequestAfterStart.get200Changed.ms.median,
      maxMs: tenK.firstRequestAfterStart.get200Changed.ms.max,
      met: tenK.firstRequestAfterStart.get200Changed.ms.median < TARGETS.cold10kMs,
    },
    cold10kNewProcess: {
      medianMs: tenK.firstRequestAfterStart.get200.ms.median,
      maxMs: tenK.firstRequestAfterStart.get200.ms.max,
      met: tenK.firstRequestAfterStart.get200.ms.median < TARGETS.cold10kMs,
    },
    notModified: {
      worstMedianMs: worst304,
      worstP95Ms: Math.max(...sizes.map((s) => s.http.notModified.p95)),
      met: worst304 < TARGETS.notModifiedMs,
    },
  },
  sizes,
};
mkdirSync(path.join(HERE, 'results'), { recursive: true });
writeFileSync(path.join(HERE, 'results/ics-feed.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\nverdict: ${JSON.stringify(report.verdict)}\nwrote bench/results/ics-feed.json\n`);

server.close();
server.closeAllConnections();
await flushFeedWrites();
await db.close();
