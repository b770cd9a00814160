// The one write path for integration events (in-process buffer and HTTP API alike). One
// transaction per batch: raw rows with INSERT ... SELECT unnest (no 32,767-parameter cap, one
// round trip), then minute rollups, error groups and provider states, all from the rows that
// were really inserted, so rollup totals always equal raw counts. Aggregates are sorted by key
// before upserting so concurrent batches lock rows in one order (no deadlocks).
//
// Throughput (bench/ingest.bench.ts): concurrent batches of live traffic all add to the same
// minute rollups and provider states, so each waits for the previous one's row locks until it
// commits. The upserts therefore run as one statement with COMMIT queued right behind it (locks
// held for one round trip, not four), statements are named (parsed and planned once per
// connection, not per batch), histograms merge element by element instead of through a subquery
// per row, and array parameters are serialized here rather than by node-postgres.
//
// Reads (bench/health-queries.bench.ts) use coarser tiers too (five minutes, hours, hours per
// provider, rollup-tiers.ts). Keeping them here cost ~5-10 points of the 10% ingestion budget,
// so the integrations.rollup-tiers job builds them from the minutes of closed buckets. Only a
// late event (a bucket the job has already built) is added to the tiers here, in the same
// statement, which finds such rows itself from the watermarks: live traffic has none, and then
// that part of the statement reads no rows.
import { getPool } from '../db.ts';
import { HISTOGRAM_SIZE, latencyBucket } from './latency-histogram.ts';
import { packHistogram } from './packed-histogram.ts';
import type { PreparedEvent } from './prepare-integration-event.ts';
import { ROLLUP_TIERS_LOCK_KEY, TIERS, tierInsertSql } from './rollup-tiers.ts';

export type WriteResult = { accepted: number; duplicate: number };

type Rollup = {
  provider: string;
  event: string;
  bucket: Date;
  total: number;
  errors: number;
  softErrors: number;
  retries: number;
  retryOk: number;
  latencyCount: number;
  latencySum: number;
  hist: number[];
};

const newRollup = (e: PreparedEvent, bucketAt: number): Rollup => ({
  provider: e.provider,
  event: e.event,
  bucket: new Date(bucketAt),
  total: 0,
  errors: 0,
  softErrors: 0,
  retries: 0,
  retryOk: 0,
  latencyCount: 0,
  latencySum: 0,
  hist: new Array(HISTOGRAM_SIZE).fill(0),
});

function addToRollup(r: Rollup, e: PreparedEvent, histBucket: number): void {
  // Operations are counted by their first attempt; a later attempt that succeeds is counted
  // in retryOk and subtracted from the errors when a rate is computed.
  if (e.attempt > 1) {
    r.retries++;
    if (e.ok) r.retryOk++;
  } else {
    r.total++;
    if (!e.ok) r.errors++;
    if (e.errorClass === 'soft_fail') r.softErrors++;
  }
  if (e.latencyMs !== null) {
    r.latencyCount++;
    r.latencySum += e.latencyMs;
    r.hist[histBucket]!++;
  }
}

const byRollupKey = (a: Rollup, b: Rollup) =>
  a.provider === b.provider ? (a.event === b.event ? a.bucket.getTime() - b.bucket.getTime() : a.event < b.event ? -1 : 1) : a.provider < b.provider ? -1 : 1;

/**
 * Rollup rows for several bucket sizes in one pass. Rows are found through nested maps
 * (provider, event, bucket start) so no key string is built per event.
 */
function rollupsBySize(events: readonly PreparedEvent[], bucketSizes: readonly number[]): Rollup[][] {
  const maps = bucketSizes.map(() => new Map<string, Map<string, Map<number, Rollup>>>());
  const rows: Rollup[][] = bucketSizes.map(() => []);
  for (const e of events) {
    const at = e.occurredAt.getTime();
    const histBucket = e.latencyMs === null ? 0 : latencyBucket(e.latencyMs);
    for (let s = 0; s < bucketSizes.length; s++) {
      const size = bucketSizes[s]!;
      const bucketAt = Math.floor(at / size) * size;
      const byProvider = maps[s]!;
      let byEvent = byProvider.get(e.provider);
      if (!byEvent) byProvider.set(e.provider, (byEvent = new Map()));
      let byBucket = byEvent.get(e.event);
      if (!byBucket) byEvent.set(e.event, (byBucket = new Map()));
      let r = byBucket.get(bucketAt);
      if (!r) {
        byBucket.set(bucketAt, (r = newRollup(e, bucketAt)));
        rows[s]!.push(r);
      }
      addToRollup(r, e, histBucket);
    }
  }
  for (const list of rows) list.sort(byRollupKey);
  return rows;
}

export function rollupEvents(events: readonly PreparedEvent[], bucketMs: number): Rollup[] {
  return rollupsBySize(events, [bucketMs])[0]!;
}

// Array parameters are sent as ready-made PostgreSQL array literals: node-postgres would escape
// every element with two regular expressions and format every Date in local time, which costs
// more than the rest of the batch's preparation. Only " and \ need escaping inside quotes.
const NEEDS_ESCAPE = /["\\]/;

function textArray<T>(items: readonly T[], get: (item: T, index: number) => string | null): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    const v = get(items[i]!, i);
    if (i) out += ',';
    out += v === null ? 'NULL' : `"${NEEDS_ESCAPE.test(v) ? v.replace(/["\\]/g, '\\$&') : v}"`;
  }
  return `${out}}`;
}

/** Only for values this module makes, which never hold " or \ (ISO times, t/f, digits, hex). */
function plainTextArray<T>(items: readonly T[], get: (item: T) => string | null): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    const v = get(items[i]!);
    if (i) out += ',';
    out += v === null ? 'NULL' : `"${v}"`;
  }
  return `${out}}`;
}

function numberArray<T>(items: readonly T[], get: (item: T, index: number) => number | null): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    const v = get(items[i]!, i);
    if (i) out += ',';
    out += v === null ? 'NULL' : String(v);
  }
  return `${out}}`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// The minute rollups' columns, each sent as one array parameter (ROLLUP_COLUMNS.length of them).
const ROLLUP_COLUMNS: readonly [name: string, type: string][] = [
  ['provider', 'text'],
  ['event', 'text'],
  ['bucket', 'timestamptz'],
  ['total', 'int'],
  ['errors', 'int'],
  ['soft_errors', 'int'],
  ['retries', 'int'],
  ['retry_ok', 'int'],
  ['latency_count', 'int'],
  ['latency_sum', 'int8'],
  ['latency_hist_packed', 'numeric'],
];
const ROLLUP_NAMES = ROLLUP_COLUMNS.map(([name]) => name).join(', ');

/** The upsert of minute rollups from parameters $first.. (rollupParams). */
function rollupSql(first: number): string {
  const sums = ROLLUP_COLUMNS.slice(3).map(([name]) => name);
  return `INSERT INTO integration_rollup_minutes AS r (${ROLLUP_NAMES})
    SELECT ${ROLLUP_NAMES}
    FROM unnest(${ROLLUP_COLUMNS.map(([, type], i) => `$${first + i}::${type}[]`).join(', ')}) AS u(${ROLLUP_NAMES})
    ON CONFLICT (provider, event, bucket) DO UPDATE SET
      ${sums.map((c) => `${c} = r.${c} + excluded.${c}`).join(',\n      ')}`;
}

function rollupParams(rows: Rollup[]): unknown[] {
  return [
    textArray(rows, (r) => r.provider),
    textArray(rows, (r) => r.event),
    plainTextArray(rows, (r) => r.bucket.toISOString()),
    numberArray(rows, (r) => r.total),
    numberArray(rows, (r) => r.errors),
    numberArray(rows, (r) => r.softErrors),
    numberArray(rows, (r) => r.retries),
    numberArray(rows, (r) => r.retryOk),
    numberArray(rows, (r) => r.latencyCount),
    numberArray(rows, (r) => r.latencySum),
    plainTextArray(rows, (r) => packHistogram(r.hist)),
  ];
}

const INSERT_EVENTS = `INSERT INTO integration_events
    (provider, event, ok, occurred_at, latency_ms, error_code, error_message, error_class, fingerprint,
     correlation_id, subject, job_id, attempt, metadata, source, idempotency_key)
  SELECT u.provider, u.event, u.ok, u.occurred_at, u.latency_ms, u.error_code, u.error_message, u.error_class, u.fingerprint,
         u.correlation_id, u.subject, u.job_id, u.attempt, u.metadata, ($17::text[])[u.s], u.k
  FROM unnest($1::text[], $2::text[], $3::bool[], $4::timestamptz[], $5::int[], $6::text[], $7::text[],
      $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::jsonb[], $15::int[], $16::text[])
    AS u(provider, event, ok, occurred_at, latency_ms, error_code, error_message, error_class, fingerprint,
         correlation_id, subject, job_id, attempt, metadata, s, k)
  ON CONFLICT (source, idempotency_key) DO NOTHING
  RETURNING source, idempotency_key`;

/**
 * The raw-row insert alone (also the benchmark's "no rollups" baseline). `source` is one source
 * for every row or one per row (a coalesced write carries the batches of several senders); rows
 * carry an index into the list of distinct sources rather than a copy of a 36-character id.
 */
export function insertEventsQuery(events: readonly PreparedEvent[], source: string | readonly string[]): { name: string; text: string; values: unknown[] } {
  const distinct = typeof source === 'string' ? [source] : [...new Set(source)];
  const position = new Map(distinct.map((s, i) => [s, i + 1]));
  const sourceIndex = typeof source === 'string' ? () => 1 : (_e: PreparedEvent, i: number) => position.get(source[i]!)!;
  return {
    name: 'integration-events-insert',
    text: INSERT_EVENTS,
    values: [
      textArray(events, (e) => e.provider),
      textArray(events, (e) => e.event),
      plainTextArray(events, (e) => (e.ok ? 't' : 'f')),
      plainTextArray(events, (e) => e.occurredAt.toISOString()),
      numberArray(events, (e) => e.latencyMs),
      textArray(events, (e) => e.errorCode),
      textArray(events, (e) => e.errorMessage),
      textArray(events, (e) => e.errorClass),
      plainTextArray(events, (e) => e.fingerprint),
      textArray(events, (e) => e.correlationId),
      textArray(events, (e) => e.subject),
      textArray(events, (e) => e.jobId),
      numberArray(events, (e) => e.attempt),
      textArray(events, (e) => e.metadata),
      numberArray(events, sourceIndex),
      textArray(events, (e) => e.idempotencyKey),
      textArray(distinct, (s) => s),
    ],
  };
}

type ErrorGroup = { fingerprint: string; provider: string; event: string; errorClass: string; errorCode: string | null; sample: string | null; count: number; first: Date; last: Date };
type ProviderState = { provider: string; lastOk: Date | null; lastError: Date | null; message: string | null; errorClass: string | null };

function errorGroups(events: readonly PreparedEvent[]): ErrorGroup[] {
  const map = new Map<string, ErrorGroup>();
  for (const e of events) {
    if (!e.fingerprint || !e.errorClass) continue;
    const g = map.get(e.fingerprint);
    if (!g) {
      map.set(e.fingerprint, { fingerprint: e.fingerprint, provider: e.provider, event: e.event, errorClass: e.errorClass, errorCode: e.errorCode, sample: e.errorMessage, count: 1, first: e.occurredAt, last: e.occurredAt });
      continue;
    }
    g.count++;
    const at = e.occurredAt.getTime();
    if (at < g.first.getTime()) g.first = e.occurredAt;
    if (at >= g.last.getTime()) {
      g.last = e.occurredAt;
      g.sample = e.errorMessage;
      g.errorCode = e.errorCode;
    }
  }
  return [...map.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
}

function providerStates(events: readonly PreparedEvent[]): ProviderState[] {
  const map = new Map<string, ProviderState>();
  for (const e of events) {
    let s = map.get(e.provider);
    if (!s) map.set(e.provider, (s = { provider: e.provider, lastOk: null, lastError: null, message: null, errorClass: null }));
    const at = e.occurredAt.getTime();
    if (e.ok) {
      if (!s.lastOk || at > s.lastOk.getTime()) s.lastOk = e.occurredAt;
    } else if (!s.lastError || at >= s.lastError.getTime()) {
      s.lastError = e.occurredAt;
      s.message = e.errorMessage;
      s.errorClass = e.errorClass;
    }
  }
  return [...map.values()].sort((a, b) => (a.provider < b.provider ? -1 : 1));
}

const MINUTES_AT = 1;
const MIN_BUCKET_AT = MINUTES_AT + ROLLUP_COLUMNS.length;
const GROUPS_AT = MIN_BUCKET_AT + 1;
const STATES_AT = GROUPS_AT + 9;
const unnestParams = (first: number, types: string[]) => types.map((type, i) => `$${first + i}::${type}[]`).join(', ');

const watermark = (tier: string) => `(SELECT built_until FROM integration_rollup_watermarks WHERE tier = '${tier}')`;
// The batch's minute rows again, only when its earliest minute is below a watermark. The test of
// $MIN_BUCKET has no row in it, so PostgreSQL checks it once (a one-time filter) and, for live
// traffic, never unnests the arrays a second time.
const LATE_MINUTES = `SELECT ${ROLLUP_NAMES}
    FROM unnest(${ROLLUP_COLUMNS.map(([, type], i) => `$${MINUTES_AT + i}::${type}[]`).join(', ')}) AS u(${ROLLUP_NAMES})
    WHERE $${MIN_BUCKET_AT}::timestamptz < (SELECT max(built_until) FROM integration_rollup_watermarks)
      AND bucket < (SELECT max(built_until) FROM integration_rollup_watermarks)`;
const LATE_TIERS = TIERS.flatMap((tier) =>
  tier.tables.map((table) => `late_${table.table.replace('integration_rollup_', '')} AS (${tierInsertSql(table, tier.interval, `late WHERE bucket < ${watermark(tier.tier)}`, 'add')})`),
);

const UPSERT_AGGREGATES = {
  name: 'integration-events-upsert-aggregates',
  // Data-modifying CTEs always run to completion; PostgreSQL runs them in the order written, so
  // every batch takes its row locks table by table, each table in sorted key order. All of it
  // reads the watermarks with one snapshot, taken after the transaction's shared tiers lock
  // (writeTransaction): the tier job is not between two watermark moves of this batch.
  text: `WITH
  minutes AS (${rollupSql(MINUTES_AT)}),
  late AS (${LATE_MINUTES}),
  ${LATE_TIERS.join(',\n  ')},
  -- Readers' cached tier sums are stale once a late event is in (read-rollups.ts); the same
  -- move as the tier tables' trigger (migration 20261204030100_tier_changes).
  tiers_changed AS (
    UPDATE integration_rollup_watermarks SET changed_at = greatest(clock_timestamp(), changed_at + interval '1 microsecond')
    WHERE tier = 'hours' AND EXISTS (SELECT 1 FROM late)),
  groups AS (
    INSERT INTO integration_error_groups AS g (fingerprint, provider, event, error_class, error_code, sample_message, count, first_seen_at, last_seen_at)
    SELECT * FROM unnest(${unnestParams(GROUPS_AT, ['text', 'text', 'text', 'text', 'text', 'text', 'int', 'timestamptz', 'timestamptz'])})
    ON CONFLICT (fingerprint) DO UPDATE SET
      count = g.count + excluded.count,
      first_seen_at = least(g.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(g.last_seen_at, excluded.last_seen_at),
      sample_message = CASE WHEN excluded.last_seen_at >= g.last_seen_at THEN excluded.sample_message ELSE g.sample_message END,
      error_code = CASE WHEN excluded.last_seen_at >= g.last_seen_at THEN excluded.error_code ELSE g.error_code END),
  states AS (
    INSERT INTO provider_states AS s (provider, last_ok_at, last_error_at, last_error_message, last_error_class)
    SELECT * FROM unnest(${unnestParams(STATES_AT, ['text', 'timestamptz', 'timestamptz', 'text', 'text'])})
    ON CONFLICT (provider) DO UPDATE SET
      last_ok_at = greatest(s.last_ok_at, excluded.last_ok_at),
      last_error_at = greatest(s.last_error_at, excluded.last_error_at),
      last_error_message = CASE WHEN excluded.last_error_at >= coalesce(s.last_error_at, '-infinity') THEN excluded.last_error_message ELSE s.last_error_message END,
      last_error_class = CASE WHEN excluded.last_error_at >= coalesce(s.last_error_at, '-infinity') THEN excluded.last_error_class ELSE s.last_error_class END)
SELECT 1`,
};

function aggregateParams(accepted: readonly PreparedEvent[]): unknown[] {
  const groups = errorGroups(accepted);
  const states = providerStates(accepted);
  const minutes = rollupEvents(accepted, 60_000);
  let minBucket = Infinity;
  for (const r of minutes) minBucket = Math.min(minBucket, r.bucket.getTime());
  return [
    ...rollupParams(minutes),
    // No rows (every event a duplicate, nothing to upsert): null, which no comparison passes.
    minBucket === Infinity ? null : new Date(minBucket).toISOString(),
    plainTextArray(groups, (g) => g.fingerprint),
    textArray(groups, (g) => g.provider),
    textArray(groups, (g) => g.event),
    textArray(groups, (g) => g.errorClass),
    textArray(groups, (g) => g.errorCode),
    textArray(groups, (g) => g.sample),
    numberArray(groups, (g) => g.count),
    plainTextArray(groups, (g) => g.first.toISOString()),
    plainTextArray(groups, (g) => g.last.toISOString()),
    textArray(states, (s) => s.provider),
    plainTextArray(states, (s) => iso(s.lastOk)),
    plainTextArray(states, (s) => iso(s.lastError)),
    textArray(states, (s) => s.message),
    textArray(states, (s) => s.errorClass),
  ];
}

// Coalescing. Concurrent batches in one process are merged into one transaction instead of
// queueing on each other's rollup row locks: each lock is then taken once per merged write, and
// the per-statement and per-commit costs are paid once for several batches. At most
// MAX_IN_FLIGHT writes run at a time; a batch arriving while they all run waits for the next
// write, which takes everything queued, up to MAX_MERGED_EVENTS. Idle, a batch is written at
// once, alone. Three, not two: with two, one core sat idle while a write waited on the other's
// rollup row locks (writer 18% below the raw insert in throughput for 8% more CPU per event).
// Interleaved on 4 Dec (bench/ingest.bench.ts, database only): three gave +1.2% at 4 callers and
// +4.3% at 8 (batch p50 59 ms instead of 111); four was slower than two (-4.6%, more lock waits).
const MAX_IN_FLIGHT = 3;
const MAX_MERGED_EVENTS = 4_000;

type Job = { events: readonly PreparedEvent[]; source: string; resolve: (r: WriteResult) => void; reject: (e: unknown) => void };

const queue: Job[] = [];
let inFlight = 0;

function pump(): void {
  while (inFlight < MAX_IN_FLIGHT && queue.length) {
    const jobs = [queue.shift()!];
    let size = jobs[0]!.events.length;
    while (queue.length && size + queue[0]!.events.length <= MAX_MERGED_EVENTS) {
      size += queue[0]!.events.length;
      jobs.push(queue.shift()!);
    }
    inFlight++;
    void writeMerged(jobs).finally(() => {
      inFlight--;
      pump();
    });
  }
}

/** Writes the jobs in one transaction; if that fails, each alone, so one bad batch fails alone. */
async function writeMerged(jobs: Job[]): Promise<void> {
  try {
    const results = await writeTransaction(jobs);
    jobs.forEach((job, i) => job.resolve(results[i]!));
  } catch (error) {
    if (jobs.length === 1) return jobs[0]!.reject(error);
    for (const job of jobs) {
      await writeTransaction([job]).then(([r]) => job.resolve(r!), job.reject);
    }
  }
}

const keyOf = (source: string, idempotencyKey: string) => `${source}\u0000${idempotencyKey}`;

async function writeTransaction(jobs: readonly Job[]): Promise<WriteResult[]> {
  // First occurrence of a key wins, within a batch and across the merged batches of a source;
  // PostgreSQL resolves repeats of earlier writes (ON CONFLICT DO NOTHING). One set of keys per
  // source, so no key string is built per event.
  const seenBySource = new Map<string, Set<string>>();
  const rows: PreparedEvent[] = [];
  const sources: string[] = [];
  const owner: number[] = [];
  jobs.forEach((job, j) => {
    let seen = seenBySource.get(job.source);
    if (!seen) seenBySource.set(job.source, (seen = new Set()));
    for (const e of job.events) {
      if (e.idempotencyKey) {
        if (seen.has(e.idempotencyKey)) continue;
        seen.add(e.idempotencyKey);
      }
      rows.push(e);
      sources.push(job.source);
      owner.push(j);
    }
  });
  // The usual merge is of one sender's batches: then every row carries the one source.
  const rowSources = seenBySource.size === 1 ? jobs[0]!.source : sources;
  const accepted = new Array<number>(jobs.length).fill(0);
  const results = () => jobs.map((job, j) => ({ accepted: accepted[j]!, duplicate: job.events.length - accepted[j]! }));
  if (rows.length === 0) return results();

  const client = await getPool().connect();
  try {
    // The tiers lock, shared: the rollup-tiers job cannot build or move a watermark between this
    // batch's reading of the watermarks and its COMMIT (rollup-tiers.ts). Sent with BEGIN: no
    // extra round trip.
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock_shared(${ROLLUP_TIERS_LOCK_KEY})`);
    const inserting = client.query<{ source: string; idempotency_key: string | null }>(insertEventsQuery(rows, rowSources));
    // Computed while PostgreSQL inserts, on the bet that every row is new (the usual case).
    let aggregates = aggregateParams(rows);
    const inserted = await inserting;
    let stored = rows;
    if (inserted.rowCount === rows.length) {
      for (const j of owner) accepted[j]!++;
    } else {
      const insertedKeys = new Set(inserted.rows.map((r) => r.idempotency_key && keyOf(r.source, r.idempotency_key)));
      stored = [];
      rows.forEach((e, i) => {
        if (e.idempotencyKey && !insertedKeys.has(keyOf(sources[i]!, e.idempotencyKey))) return;
        stored.push(e);
        accepted[owner[i]!]!++;
      });
      aggregates = aggregateParams(stored);
    }
    if (stored.length) {
      // COMMIT is queued behind the upserts, so node-postgres sends it the moment they finish
      // instead of after this function resumes: the rollup row locks other processes wait for
      // are not held through a busy event loop. If an upsert fails, PostgreSQL turns the
      // COMMIT of the aborted transaction into a rollback.
      await Promise.all([client.query({ ...UPSERT_AGGREGATES, values: aggregates }), client.query('COMMIT')]);
    } else {
      await client.query('COMMIT');
    }
    return results();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Writes a batch for one source ("internal" or an API key id). Repeated idempotency keys,
 * within the batch or against earlier batches of the same source, are counted once. Resolves
 * once the batch is committed (possibly together with other batches, see pump above).
 */
export function writeIntegrationEvents(events: readonly PreparedEvent[], source: string): Promise<WriteResult> {
  if (events.length === 0) return Promise.resolve({ accepted: 0, duplicate: 0 });
  return new Promise((resolve, reject) => {
    queue.push({ events, source, resolve, reject });
    pump();
  });
}
