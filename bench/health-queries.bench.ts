// Health-console queries at 10 million integration events (issue 6): the provider summary and
// the time series for every window, read from rollups, next to the same summary computed over
// raw rows; plus error groups and the first page of the event search.
//   node --import tsx bench/health-queries.bench.ts [--events 10000000] [--iterations 200] [--reuse DIR]
// It starts its own embedded PostgreSQL in a temp dir, loads the events with set-based SQL
// (bench/support/seed-integration-events.ts), checks the rollups against the raw rows, measures,
// writes bench/results/health-queries.json and removes the cluster. --reuse DIR keeps the
// cluster and its data in DIR, so the queries can be measured again without reloading.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDatabase, databaseUrl, startOrFindEmbeddedPostgres } from '../server/dev/embedded-postgres.ts';
import { applyMigrations } from '../server/dev/schema-engine.ts';
import { rollupEvents } from '../server/integrations/write-integration-events.ts';
import { LATENCY_BOUNDS_MS, latencyBucket } from '../server/integrations/latency-histogram.ts';
import { FIELD_DIGITS, packHistogram } from '../server/integrations/packed-histogram.ts';
import type { PreparedEvent } from '../server/integrations/prepare-integration-event.ts';
import { HEALTH_WINDOWS, type THealthWindowName } from '../shared/integration-health.ts';
import { seedIntegrationEvents, WIDTH_BUCKET_BOUNDS, type SeedResult } from './support/seed-integration-events.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '10000000' }, iterations: { type: 'string', default: '200' }, reuse: { type: 'string' } },
});
const EVENTS = Number(args.events);
const ITERATIONS = Number(args.iterations);
const WARMUP = 20;
const TARGET_P95_MS = 5;
const WINDOWS = HEALTH_WINDOWS.filter((w): w is Exclude<THealthWindowName, 'custom'> => w !== 'custom');
// The raw baseline takes up to seconds per run: fewer runs, more for the short windows.
const BASELINE_RUNS: Record<(typeof WINDOWS)[number], number> = { '15m': 20, '1h': 10, '6h': 5, '24h': 5, '7d': 3 };
const log = (line: string) => process.stderr.write(`${line}\n`);

// ---- a cluster of our own ------------------------------------------------------------------
const baseDir = args.reuse ? path.resolve(args.reuse) : mkdtempSync(path.join(os.tmpdir(), 'opsdeck-health-bench-'));
mkdirSync(baseDir, { recursive: true });
const cluster = await startOrFindEmbeddedPostgres({ dir: path.join(baseDir, 'postgres') });
// If anything below throws, the cluster is stopped by its own exit hook; the temp dir goes too.
let finished = false;
process.once('exit', () => {
  if (!finished && !args.reuse) rmSync(baseDir, { recursive: true, force: true });
});
const url = await createDatabase(cluster.url, 'opsdeck_bench').catch((error: { code?: string }) => {
  if (error.code === '42P04' && args.reuse) return databaseUrl(cluster.url, 'opsdeck_bench'); // already there
  throw error;
});
await applyMigrations(url);

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.DATA_DIR = path.join(baseDir, 'data');
process.env.DATABASE_URL = url;
process.env.PUBLIC_BASE_URL ??= 'https://ops.example.com';
for (const name of ['SESSION_SECRET', 'ICS_SIGNING_SECRET', 'TOKEN_ENCRYPTION_KEY']) process.env[name] ??= randomBytes(48).toString('base64url');

// Imported after the environment is set, as the app would be.
const { connectDatabase, disconnectDatabase, getPool } = await import('../server/db.ts');
const { ensureProviderCatalog } = await import('../server/integrations/provider-catalog.ts');
const { summarizeProviders } = await import('../server/integrations/summarize-providers.ts');
const { providerTimeseries } = await import('../server/integrations/provider-timeseries.ts');
const { listErrorGroups } = await import('../server/integrations/list-error-groups.ts');
const { searchIntegrationEvents } = await import('../server/integrations/search-integration-events.ts');
const { forgetCachedTierParts } = await import('../server/integrations/read-rollups.ts');
connectDatabase(url, { poolSize: 10 });

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await ensureProviderCatalog(admin);

// ---- load (or reuse) 10M events --------------------------------------------------------------
type Checks = Record<string, { ok: boolean; detail: string }>;
const seedFile = path.join(baseDir, 'seed.json');
let seed: SeedResult & { checks: Checks };
if (args.reuse && existsSync(seedFile)) {
  const saved = JSON.parse(readFileSync(seedFile, 'utf8')) as SeedResult & { checks: Checks };
  seed = { ...saved, from: new Date(saved.from), to: new Date(saved.to) };
  log(`reusing ${seed.rows} events in ${baseDir}`);
} else {
  // Fewer checkpoints during the load (a server setting, reloaded without a restart).
  await admin.query(`ALTER SYSTEM SET max_wal_size = '8GB'`);
  await admin.query('SELECT pg_reload_conf()');
  log(`loading ${EVENTS} events...`);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const loaded = await seedIntegrationEvents(admin, { total: EVENTS, now, log });
  log(`loaded ${loaded.rows} rows in ${loaded.ms.total} ms; checking rollups`);
  seed = { ...loaded, checks: await checkRollups(admin) };
  writeFileSync(seedFile, JSON.stringify(seed, null, 2));
}
const failedChecks = Object.entries(seed.checks).filter(([, c]) => !c.ok);
if (failedChecks.length) throw new Error(`Rollups disagree with raw rows: ${JSON.stringify(failedChecks)}`);

/** Rollups against the raw rows: global and per provider/event counters, and sampled buckets re-rolled by the writer's own code. */
async function checkRollups(db: pg.Client): Promise<Checks> {
  const checks: Checks = {};
  // The histogram expression against latencyBucket() for every millisecond that matters.
  const { rows: wb } = await db.query<{ ms: number; b: number }>(
    `SELECT ms, width_bucket(ms, ${WIDTH_BUCKET_BOUNDS}) AS b FROM generate_series(-1, ${LATENCY_BOUNDS_MS.at(-1)! + 10}) ms`,
  );
  const wrong = wb.filter((r) => r.b !== latencyBucket(r.ms));
  checks.histogramBuckets = { ok: wrong.length === 0, detail: `${wb.length} latencies, ${wrong.length} in another bucket than latencyBucket()` };

  const tables = ['integration_rollup_minutes', 'integration_rollup_five_minutes', 'integration_rollup_hours', 'integration_rollup_provider_hours'];
  const { rows: totals } = await db.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM integration_events) AS raw, ${tables.map((t) => `(SELECT sum(total + retries) FROM ${t}) AS ${t}`).join(', ')}`,
  );
  const t = totals[0]!;
  checks.totals = { ok: tables.every((name) => t[name] === t.raw), detail: `raw ${t.raw}; ${tables.map((name) => `${name} ${t[name]}`).join(', ')}` };

  // Every counter per provider and event (per provider for the per-provider hours).
  const counters = ['total', 'errors', 'soft_errors', 'retries', 'retry_ok', 'latency_count', 'latency_sum'];
  const rawCounts = `count(*) FILTER (WHERE attempt <= 1) AS total, count(*) FILTER (WHERE attempt <= 1 AND NOT ok) AS errors,
    count(*) FILTER (WHERE attempt <= 1 AND error_class = 'soft_fail') AS soft_errors, count(*) FILTER (WHERE attempt > 1) AS retries,
    count(*) FILTER (WHERE attempt > 1 AND ok) AS retry_ok, count(latency_ms) AS latency_count, coalesce(sum(latency_ms), 0) AS latency_sum`;
  const sums = counters.map((c) => `sum(${c}) AS ${c}`).join(', ');
  const differs = (a: string, b: string) => counters.map((c) => `${a}.${c} IS DISTINCT FROM ${b}.${c}`).join(' OR ');
  const { rows: mismatched } = await db.query(
    `WITH raw AS (SELECT provider, event, ${rawCounts} FROM integration_events GROUP BY 1, 2),
     m AS (SELECT provider, event, ${sums} FROM integration_rollup_minutes GROUP BY 1, 2),
     f AS (SELECT provider, event, ${sums} FROM integration_rollup_five_minutes GROUP BY 1, 2),
     h AS (SELECT provider, event, ${sums} FROM integration_rollup_hours GROUP BY 1, 2),
     rawp AS (SELECT provider, ${sums} FROM raw GROUP BY 1),
     ph AS (SELECT provider, ${sums} FROM integration_rollup_provider_hours GROUP BY 1)
     SELECT provider, event FROM raw FULL JOIN m USING (provider, event) FULL JOIN f USING (provider, event) FULL JOIN h USING (provider, event)
     WHERE ${differs('raw', 'm')} OR ${differs('raw', 'f')} OR ${differs('raw', 'h')}
     UNION ALL
     SELECT provider, '*' FROM rawp FULL JOIN ph USING (provider) WHERE ${differs('rawp', 'ph')}`,
  );
  checks.perProviderEvent = { ok: mismatched.length === 0, detail: `${mismatched.length} provider/event pairs whose rollup sums differ from raw counts` };

  const { rows: badHist } = await db.query<{ n: string }>(
    // The packed fields (12 digits each, see packed-histogram.ts) taken apart with exact numeric division.
    `SELECT count(*) AS n FROM (SELECT latency_count, latency_hist_packed AS p FROM integration_rollup_minutes
                                UNION ALL SELECT latency_count, latency_hist_packed FROM integration_rollup_hours) r
     WHERE r.p >= 10::numeric ^ ${FIELD_DIGITS * (LATENCY_BOUNDS_MS.length + 1)}
        OR (SELECT sum(mod(div(r.p, 10::numeric ^ (${FIELD_DIGITS} * i)), 10::numeric ^ ${FIELD_DIGITS})) FROM generate_series(0, ${LATENCY_BOUNDS_MS.length}) i) <> latency_count`,
  );
  checks.histograms = { ok: badHist[0]!.n === '0', detail: `${badHist[0]!.n} minute/hour rollups whose histogram does not add up to latency_count or has more than ${LATENCY_BOUNDS_MS.length + 1} buckets` };

  // Sampled buckets: the raw rows through rollupEvents() and packHistogram() must give the
  // stored rows exactly, in every rollup table.
  const sampled = await sampleBuckets(db);
  checks.writerReroll = { ok: sampled.mismatches.length === 0, detail: `${sampled.buckets} buckets (${sampled.events} events) re-rolled with rollupEvents(): ${sampled.mismatches.length} differ${sampled.mismatches.length ? `: ${sampled.mismatches.slice(0, 3).join('; ')}` : ''}` };
  return checks;
}

async function sampleBuckets(db: pg.Client) {
  const samples = [
    { table: 'integration_rollup_minutes', ms: 60_000, n: 30, byEvent: true },
    { table: 'integration_rollup_five_minutes', ms: 300_000, n: 10, byEvent: true },
    { table: 'integration_rollup_hours', ms: 3_600_000, n: 4, byEvent: true },
    { table: 'integration_rollup_provider_hours', ms: 3_600_000, n: 4, byEvent: false },
  ];
  const mismatches: string[] = [];
  let events = 0;
  let buckets = 0;
  for (const sample of samples) {
    const { rows: picks } = await db.query<{ provider: string; bucket: Date }>(
      `SELECT DISTINCT ON (md5(provider || bucket)) provider, bucket FROM ${sample.table} ORDER BY md5(provider || bucket) LIMIT ${sample.n}`,
    );
    for (const pick of picks) {
      buckets++;
      const { rows } = await db.query<{ provider: string; event: string; ok: boolean; occurred_at: Date; latency_ms: number | null; error_class: string | null; attempt: number }>(
        `SELECT provider, event, ok, occurred_at, latency_ms, error_class, attempt FROM integration_events
         WHERE provider = $1 AND occurred_at >= $2 AND occurred_at < $3`,
        [pick.provider, pick.bucket, new Date(pick.bucket.getTime() + sample.ms)],
      );
      events += rows.length;
      const prepared = rows.map(
        (r) => ({ provider: r.provider, event: sample.byEvent ? r.event : '', ok: r.ok, occurredAt: r.occurred_at, latencyMs: r.latency_ms, errorClass: r.error_class, attempt: r.attempt }) as PreparedEvent,
      );
      const expected = rollupEvents(prepared, sample.ms).map((r) =>
        [r.event, r.total, r.errors, r.softErrors, r.retries, r.retryOk, r.latencyCount, r.latencySum, packHistogram(r.hist)].join('|'),
      );
      const { rows: stored } = await db.query<{ line: string }>(
        `SELECT concat_ws('|', ${sample.byEvent ? 'event' : "''"}, total, errors, soft_errors, retries, retry_ok, latency_count, latency_sum,
                latency_hist_packed) AS line
         FROM ${sample.table} WHERE provider = $1 AND bucket = $2 ORDER BY 1`,
        [pick.provider, pick.bucket],
      );
      if (stored.map((r) => r.line).join('\n') !== expected.sort().join('\n')) mismatches.push(`${sample.table} ${pick.provider} ${pick.bucket.toISOString()}`);
    }
  }
  return { buckets, events, mismatches };
}

// ---- sizes and settings ----------------------------------------------------------------------
const { rows: sizeRows } = await admin.query<{ name: string; rows: string; table_bytes: string; index_bytes: string; total_bytes: string }>(
  `SELECT c.relname AS name, c.reltuples::int8 AS rows, pg_relation_size(c.oid) AS table_bytes, pg_indexes_size(c.oid) AS index_bytes,
          pg_total_relation_size(c.oid) AS total_bytes
   FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
     AND (c.relname LIKE 'integration%' OR c.relname IN ('provider_states', 'providers'))
   ORDER BY pg_total_relation_size(c.oid) DESC`,
);
const { rows: indexRows } = await admin.query<{ name: string; table: string; bytes: string }>(
  `SELECT i.relname AS name, t.relname AS table, pg_relation_size(i.oid) AS bytes
   FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
   WHERE t.relname LIKE 'integration%' ORDER BY pg_relation_size(i.oid) DESC`,
);
const mb = (bytes: string | number) => Math.round((Number(bytes) / 1024 / 1024) * 10) / 10;
const sizes = sizeRows.map((r) => ({ table: r.name, rows: Number(r.rows), tableMb: mb(r.table_bytes), indexesMb: mb(r.index_bytes), totalMb: mb(r.total_bytes) }));
const indexSizes = indexRows.map((r) => ({ index: r.name, table: r.table, mb: mb(r.bytes) }));
const { rows: settingRows } = await admin.query<{ name: string; setting: string; unit: string | null }>(
  `SELECT name, setting, unit FROM pg_settings WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size',
     'max_parallel_workers_per_gather', 'jit', 'random_page_cost', 'max_wal_size')`,
);
const settings = Object.fromEntries(settingRows.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting]));

// ---- measuring -------------------------------------------------------------------------------
type Stats = { runs: number; p50: number; p95: number; p99: number; mean: number; min: number; max: number };
const round = (ms: number) => Math.round(ms * 100) / 100;
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { runs: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length), min: round(sorted[0]!), max: round(sorted.at(-1)!) };
}

// "Now" is the end of the loaded data, stepped back a second per run so the minute and hour
// edges of each window move as they do for a console that refreshes.
const NOW = seed.to.getTime();
const nowAt = (i: number) => new Date(NOW - (i % 120) * 1000);

async function measure(runs: number, warmup: number, fn: (now: Date) => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(nowAt(i));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const now = nowAt(i);
    const started = performance.now();
    await fn(now);
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

// The provider with the most event names and traffic: the heaviest provider page.
const ONE_PROVIDER = 'supabase';
type Case = { query: string; window: string; target: boolean; stats: Stats; result: string };
const cases: Case[] = [];
// What a call returns, since the time of the bigger answers is mostly building them.
function describeResult(result: unknown): string {
  const r = result as { series?: { points: unknown[] }[]; providers?: { sparkline: unknown[] }[]; items?: unknown[]; bucketMs?: number };
  if (r.series) return `${r.series.length} series × ${r.series[0]?.points.length ?? 0} points (${(r.bucketMs ?? 0) / 60_000} min buckets)`;
  if (r.providers) return `${r.providers.length} cards × ${r.providers[0]?.sparkline.length ?? 0}-point sparkline`;
  if (r.items) return `${r.items.length} events`;
  return Array.isArray(result) ? `${result.length} groups` : '';
}
const run = async (query: string, window: string, target: boolean, fn: (now: Date) => Promise<unknown>) => {
  const result = describeResult(await fn(new Date(NOW)));
  const s = await measure(ITERATIONS, WARMUP, fn);
  cases.push({ query, window, target, stats: s, result });
  log(`  ${query.padEnd(46)} ${window.padEnd(4)} p50 ${s.p50.toFixed(2).padStart(7)} ms  p95 ${s.p95.toFixed(2).padStart(7)} ms  p99 ${s.p99.toFixed(2).padStart(7)} ms  ${result}`);
};

const loadBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
log(`load average before measuring: ${loadBefore.join(' ')}`);
log('rollup queries:');
// Each targeted question twice: as a refreshing console asks it (built tier buckets come from
// the process's part cache, read-rollups.ts), and cold, with that cache emptied before every
// call, as the first read after a start or after the tiers changed.
const cold = (fn: (now: Date) => Promise<unknown>) => (now: Date) => {
  forgetCachedTierParts();
  return fn(now);
};
for (const window of WINDOWS) {
  const summary = (now: Date) => summarizeProviders({ window }, now);
  // As the overview asks for it: error rates and counts, no latency histograms (its chart draws none).
  const all = (now: Date) => providerTimeseries({ window, latency: false }, now);
  const one = (now: Date) => providerTimeseries({ window, providers: [ONE_PROVIDER], by: 'event' }, now);
  await run('summarizeProviders', window, true, summary);
  await run('summarizeProviders, cold', window, false, cold(summary));
  await run('providerTimeseries (all providers)', window, true, all);
  await run('providerTimeseries (all providers), cold', window, false, cold(all));
  // The same with p50/p95 per point, which no page asks for across all providers: for comparison.
  await run('providerTimeseries (all, with latency)', window, false, (now) => providerTimeseries({ window }, now));
  await run(`providerTimeseries (${ONE_PROVIDER}, by event)`, window, true, one);
  await run(`providerTimeseries (${ONE_PROVIDER}, by event), cold`, window, false, cold(one));
}
log('raw-row queries:');
for (const window of ['1h', '24h'] as const) {
  await run('listErrorGroups (all providers)', window, false, (now) => listErrorGroups({ window }, now));
  await run(`listErrorGroups (${ONE_PROVIDER})`, window, false, (now) => listErrorGroups({ window, provider: ONE_PROVIDER }, now));
}
await run(`searchIntegrationEvents (${ONE_PROVIDER})`, 'page1', false, () => searchIntegrationEvents({ provider: ONE_PROVIDER, limit: 50 }));
await run('searchIntegrationEvents (idenfy)', 'page1', false, () => searchIntegrationEvents({ provider: 'idenfy', limit: 50 }));
await run(`searchIntegrationEvents (${ONE_PROVIDER}, errors)`, 'page1', false, () => searchIntegrationEvents({ provider: ONE_PROVIDER, outcome: 'error', limit: 50 }));

// The baseline: the summary's numbers per provider (operations, failed operations, soft
// errors, retries, p50/p95 latency) straight from raw rows, without the sparkline.
const RAW_SUMMARY_SQL = `
SELECT provider, count(*) FILTER (WHERE attempt <= 1) AS volume,
       count(*) FILTER (WHERE attempt <= 1 AND NOT ok) AS errors,
       count(*) FILTER (WHERE attempt <= 1 AND error_class = 'soft_fail') AS soft_errors,
       count(*) FILTER (WHERE attempt > 1) AS retries, count(*) FILTER (WHERE attempt > 1 AND ok) AS retry_ok,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95
FROM integration_events WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY provider`;
const { WINDOW_MS } = await import('../shared/integration-health.ts');
const baseline: { window: string; stats: Stats; plan: string }[] = [];
log('raw baseline (summary over raw rows):');
for (const window of WINDOWS) {
  const query = (now: Date) => getPool().query(RAW_SUMMARY_SQL, [new Date(now.getTime() - WINDOW_MS[window]), now]);
  const s = await measure(BASELINE_RUNS[window], 1, query);
  const { rows: plan } = await getPool().query<{ 'QUERY PLAN': string }>(`EXPLAIN ${RAW_SUMMARY_SQL}`, [new Date(NOW - WINDOW_MS[window]), new Date(NOW)]);
  const scan = plan.map((r) => r['QUERY PLAN']).find((l) => /Scan/.test(l))?.trim().replace(/\s+\(cost.*$/, '') ?? '';
  baseline.push({ window, stats: s, plan: scan });
  log(`  raw summary ${window.padEnd(4)} p50 ${s.p50.toFixed(1).padStart(8)} ms  p95 ${s.p95.toFixed(1).padStart(8)} ms  (${s.runs} runs, ${scan})`);
}

// ---- results ---------------------------------------------------------------------------------
const targeted = cases.filter((c) => c.target);
const misses = targeted.filter((c) => c.stats.p95 >= TARGET_P95_MS);
const result = {
  benchmark: 'health-queries',
  issue: 6,
  ranAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, platform: `${os.platform()} ${os.release()}` },
  postgres: settings,
  method: {
    events: seed.rows,
    span: { from: seed.from, to: seed.to },
    incidents: seed.incidents,
    iterations: ITERATIONS,
    warmup: WARMUP,
    baselineRuns: BASELINE_RUNS,
    note: 'In-process calls of the service functions over the app pool (10 connections), one at a time; now = end of data minus 0–119 s per run. Targeted cases run with the tier-part cache as a refreshing console has it; the ", cold" cases empty it before every call.',
    loadAverageBefore: loadBefore,
    loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
  },
  load: { ms: seed.ms, checks: seed.checks },
  sizes,
  indexSizes,
  targetP95Ms: TARGET_P95_MS,
  targetMet: misses.length === 0,
  misses: misses.map((c) => `${c.query} ${c.window}: p95 ${c.stats.p95} ms`),
  coldMisses: cases.filter((c) => c.query.endsWith(', cold') && c.stats.p95 >= TARGET_P95_MS).map((c) => `${c.query} ${c.window}: p95 ${c.stats.p95} ms`),
  cases,
  baseline,
};
mkdirSync(path.join(HERE, 'results'), { recursive: true });
writeFileSync(path.join(HERE, 'results/health-queries.json'), `${JSON.stringify(result, null, 2)}\n`);
log(misses.length ? `MISSED p95 < ${TARGET_P95_MS} ms: ${result.misses.join('; ')}` : `every rollup query p95 < ${TARGET_P95_MS} ms`);

await admin.end();
await disconnectDatabase();
await cluster.stop();
if (!args.reuse) rmSync(baseDir, { recursive: true, force: true });
finished = true;
