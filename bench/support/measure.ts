// Small timing and HTTP helpers for the benchmarks: medians and p95 over repeated runs, and a
// keep-alive http client lighter than fetch, so the client adds little to what is measured.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export type Summary = { runs: number; median: number; p95: number; min: number; max: number };

const round = (ms: number) => Math.round(ms * 100) / 100;

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { runs: sorted.length, median: round(at(0.5)), p95: round(at(0.95)), min: round(sorted[0]!), max: round(sorted.at(-1)!) };
}

/**
 * CPU time spent by this process and by a PostgreSQL server (its postmaster and every backend),
 * from /proc. Unlike wall time it hardly moves when neighbours are busy: on an idle machine the
 * wall time of a request cannot be much below it, nor, with two cores, much above it.
 */
export function cpuMeter(postmasterPid: number): () => () => { nodeMs: number; postgresMs: number } {
  return () => {
    const node = process.cpuUsage();
    const pg = postgresCpuMicros(postmasterPid);
    return () => {
      const used = process.cpuUsage(node);
      return { nodeMs: (used.user + used.system) / 1000, postgresMs: (postgresCpuMicros(postmasterPid) - pg) / 1000 };
    };
  };
}

/**
 * CPU time (µs) of a PostgreSQL server: the postmaster and all its children, live and exited.
 * A backend that exits (a client process disconnecting) is reaped by the postmaster and its CPU
 * moves to the postmaster's cutime + cstime; without those, a run whose backends exited came out
 * negative (bench/README.md, ICS feed, 3 Dec).
 */
export function postgresCpuMicros(postmasterPid: number): number {
  const TICK_US = 10_000; // USER_HZ is 100 on Linux
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // After the command name: fields[1] is the parent pid; 11-14 are utime, stime, cutime, cstime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(entry) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    else if (Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_US;
}

export type Timed = Summary & { cpuMsPerRun?: { node: number; postgres: number } };

/**
 * `meterScope: 'loop'` reads the CPU meter once around all the runs (`before` included) instead
 * of around each: one /proc scan costs ~1 ms of CPU here and slowed a 1 ms request by ~0.3 ms,
 * so per-run metering distorts runs that short.
 */
export async function timeRuns(
  runs: number,
  before: () => Promise<unknown> | unknown,
  run: () => Promise<unknown>,
  meter?: ReturnType<typeof cpuMeter>,
  meterScope: 'run' | 'loop' = 'run',
): Promise<Timed> {
  const samples: number[] = [];
  let node = 0;
  let postgres = 0;
  const count = (used: { nodeMs: number; postgresMs: number } | undefined) => {
    node += used?.nodeMs ?? 0;
    postgres += used?.postgresMs ?? 0;
  };
  const stopLoop = meterScope === 'loop' ? meter?.() : undefined;
  for (let i = 0; i < runs; i++) {
    await before();
    const stop = meterScope === 'run' ? meter?.() : undefined;
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
    count(stop?.());
  }
  count(stopLoop?.());
  const summary = summarize(samples);
  return meter ? { ...summary, cpuMsPerRun: { node: round(node / runs), postgres: round(postgres / runs) } } : summary;
}

// The benchmark's command line has no --expose-gc; this switches it on at run time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  gc();
  gc();
}

export const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export type HttpResult = { status: number; bytes: number; ms: number };

/** One request over loopback; `ms` runs from sending to the last byte of the body. */
export function request(base: string, path: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(`${base}${path}`, { method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function cpuTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = n[3]! + n[4]!; // idle + iowait
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/**
 * How many cores the whole machine kept busy, and how many this process used, between start and
 * stop. The machine is shared: the difference (less the PostgreSQL the benchmark started) is
 * other people's work competing for the same cores.
 */
export function cpuWindow(): () => { machineBusyCores: number; benchNodeCores: number } {
  const machine = cpuTicks();
  const own = process.cpuUsage();
  const started = performance.now();
  return () => {
    const now = cpuTicks();
    const used = process.cpuUsage(own);
    const share = (now.busy - machine.busy) / Math.max(1, now.total - machine.total);
    const round2 = (x: number) => Math.round(x * 100) / 100;
    return {
      machineBusyCores: round2(share * cpus().length),
      benchNodeCores: round2((used.user + used.system) / 1000 / (performance.now() - started)),
    };
  };
}

/**
 * Waits (up to `maxMs`) for a two-second window in which the whole machine kept less than
 * `cores` busy, so neighbours' work is not measured as ours. Returns what it saw last.
 */
export async function waitForQuiet(maxMs: number, cores = 0.5): Promise<{ waitedMs: number; busyCores: number; quiet: boolean }> {
  const started = performance.now();
  for (;;) {
    const before = cpuTicks();
    await new Promise((r) => setTimeout(r, 2_000));
    const after = cpuTicks();
    const busyCores = ((after.busy - before.busy) / Math.max(1, after.total - before.total)) * cpus().length;
    const waitedMs = Math.round(performance.now() - started);
    if (busyCores < cores || waitedMs >= maxMs) return { waitedMs, busyCores: Math.round(busyCores * 100) / 100, quiet: busyCores < cores };
  }
}
