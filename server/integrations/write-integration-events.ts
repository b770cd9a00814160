// The one write path for integration events (in-process buffer and HTTP API alike). One
// transaction per batch: raw rows with INSERT ... SELECT unnest (no 32,767-parameter cap, one
// round trip), then minute and hour rollups, error groups and provider states, all from the
// rows that were really inserted, so rollup totals always equal raw counts. Aggregates are
// sorted by key before upserting so concurrent batches lock rows in one order (no deadlocks).
import { getPool } from '../db.ts';
import { HISTOGRAM_SIZE, latencyBucket } from './latency-histogram.ts';
import type { PreparedEvent } from './prepare-integration-event.ts';

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

function floorTo(date: Date, ms: number): Date {
  return new Date(Math.floor(date.getTime() / ms) * ms);
}

export function rollupEvents(events: readonly PreparedEvent[], bucketMs: number): Rollup[] {
  const map = new Map<string, Rollup>();
  for (const e of events) {
    const bucket = floorTo(e.occurredAt, bucketMs);
    const key = `${e.provider}\u0000${e.event}\u0000${bucket.getTime()}`;
    let r = map.get(key);
    if (!r) {
      r = { provider: e.provider, event: e.event, bucket, total: 0, errors: 0, softErrors: 0, retries: 0, retryOk: 0, latencyCount: 0, latencySum: 0, hist: new Array(HISTOGRAM_SIZE).fill(0) };
      map.set(key, r);
    }
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
      r.hist[latencyBucket(e.latencyMs)]!++;
    }
  }
  return [...map.values()].sort((a, b) =>
    a.provider === b.provider ? (a.event === b.event ? a.bucket.getTime() - b.bucket.getTime() : a.event < b.event ? -1 : 1) : a.provider < b.provider ? -1 : 1,
  );
}

const pgArray = (values: readonly number[]) => `{${values.join(',')}}`;

function rollupSql(table: string): string {
  return `INSERT INTO ${table} AS r (provider, event, bucket, total, errors, soft_errors, retries, retry_ok, latency_count, latency_sum, latency_hist)
    SELECT p, e, b, t, er, se, rt, ro, lc, ls, h::int[]
    FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int8[], $11::text[])
      AS u(p, e, b, t, er, se, rt, ro, lc, ls, h)
    ON CONFLICT (provider, event, bucket) DO UPDATE SET
      total = r.total + excluded.total,
      errors = r.errors + excluded.errors,
      soft_errors = r.soft_errors + excluded.soft_errors,
      retries = r.retries + excluded.retries,
      retry_ok = r.retry_ok + excluded.retry_ok,
      latency_count = r.latency_count + excluded.latency_count,
      latency_sum = r.latency_sum + excluded.latency_sum,
      latency_hist = (SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i)
                      FROM unnest(r.latency_hist, excluded.latency_hist) WITH ORDINALITY AS t(x, y, i))`;
}

function rollupParams(rows: Rollup[]): unknown[] {
  return [
    rows.map((r) => r.provider),
    rows.map((r) => r.event),
    rows.map((r) => r.bucket),
    rows.map((r) => r.total),
    rows.map((r) => r.errors),
    rows.map((r) => r.softErrors),
    rows.map((r) => r.retries),
    rows.map((r) => r.retryOk),
    rows.map((r) => r.latencyCount),
    rows.map((r) => r.latencySum),
    rows.map((r) => pgArray(r.hist)),
  ];
}

const INSERT_EVENTS = `INSERT INTO integration_events
    (provider, event, ok, occurred_at, latency_ms, error_code, error_message, error_class, fingerprint,
     correlation_id, subject, job_id, attempt, metadata, source, idempotency_key)
  SELECT u.provider, u.event, u.ok, u.occurred_at, u.latency_ms, u.error_code, u.error_message, u.error_class, u.fingerprint,
         u.correlation_id, u.subject, u.job_id, u.attempt, u.metadata, $15::text, u.k
  FROM unnest($1::text[], $2::text[], $3::bool[], $4::timestamptz[], $5::int[], $6::text[], $7::text[],
      $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::jsonb[], $16::text[])
    AS u(provider, event, ok, occurred_at, latency_ms, error_code, error_message, error_class, fingerprint,
         correlation_id, subject, job_id, attempt, metadata, k)
  ON CONFLICT (source, idempotency_key) DO NOTHING
  RETURNING idempotency_key`;

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
    if (e.occurredAt < g.first) g.first = e.occurredAt;
    if (e.occurredAt >= g.last) {
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
    if (e.ok) {
      if (!s.lastOk || e.occurredAt > s.lastOk) s.lastOk = e.occurredAt;
    } else if (!s.lastError || e.occurredAt >= s.lastError) {
      s.lastError = e.occurredAt;
      s.message = e.errorMessage;
      s.errorClass = e.errorClass;
    }
  }
  return [...map.values()].sort((a, b) => (a.provider < b.provider ? -1 : 1));
}

/**
 * Writes a batch for one source ("internal" or an API key id). Repeated idempotency keys,
 * within the batch or against earlier batches of the same source, are counted once.
 */
export async function writeIntegrationEvents(events: readonly PreparedEvent[], source: string): Promise<WriteResult> {
  // First occurrence of a key in the batch wins; PostgreSQL resolves the rest across batches.
  const seen = new Set<string>();
  const unique = events.filter((e) => !e.idempotencyKey || (!seen.has(e.idempotencyKey) && seen.add(e.idempotencyKey)));
  if (unique.length === 0) return { accepted: 0, duplicate: events.length };

  const client = await getPool().connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query<{ idempotency_key: string | null }>(INSERT_EVENTS, [
      unique.map((e) => e.provider),
      unique.map((e) => e.event),
      unique.map((e) => e.ok),
      unique.map((e) => e.occurredAt),
      unique.map((e) => e.latencyMs),
      unique.map((e) => e.errorCode),
      unique.map((e) => e.errorMessage),
      unique.map((e) => e.errorClass),
      unique.map((e) => e.fingerprint),
      unique.map((e) => e.correlationId),
      unique.map((e) => e.subject),
      unique.map((e) => e.jobId),
      unique.map((e) => e.attempt),
      unique.map((e) => e.metadata),
      source,
      unique.map((e) => e.idempotencyKey),
    ]);
    const insertedKeys = new Set(inserted.rows.map((r) => r.idempotency_key));
    const accepted = unique.filter((e) => !e.idempotencyKey || insertedKeys.has(e.idempotencyKey));

    if (accepted.length) {
      await client.query(rollupSql('integration_rollup_minutes'), rollupParams(rollupEvents(accepted, 60_000)));
      await client.query(rollupSql('integration_rollup_hours'), rollupParams(rollupEvents(accepted, 3_600_000)));
      const groups = errorGroups(accepted);
      if (groups.length) {
        await client.query(
          `INSERT INTO integration_error_groups AS g (fingerprint, provider, event, error_class, error_code, sample_message, count, first_seen_at, last_seen_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::timestamptz[], $9::timestamptz[])
           ON CONFLICT (fingerprint) DO UPDATE SET
             count = g.count + excluded.count,
             first_seen_at = least(g.first_seen_at, excluded.first_seen_at),
             last_seen_at = greatest(g.last_seen_at, excluded.last_seen_at),
             sample_message = CASE WHEN excluded.last_seen_at >= g.last_seen_at THEN excluded.sample_message ELSE g.sample_message END,
             error_code = CASE WHEN excluded.last_seen_at >= g.last_seen_at THEN excluded.error_code ELSE g.error_code END`,
          [
            groups.map((g) => g.fingerprint),
            groups.map((g) => g.provider),
            groups.map((g) => g.event),
            groups.map((g) => g.errorClass),
            groups.map((g) => g.errorCode),
            groups.map((g) => g.sample),
            groups.map((g) => g.count),
            groups.map((g) => g.first),
            groups.map((g) => g.last),
          ],
        );
      }
      const states = providerStates(accepted);
      await client.query(
        `INSERT INTO provider_states AS s (provider, last_ok_at, last_error_at, last_error_message, last_error_class)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[])
         ON CONFLICT (provider) DO UPDATE SET
           last_ok_at = greatest(s.last_ok_at, excluded.last_ok_at),
           last_error_at = greatest(s.last_error_at, excluded.last_error_at),
           last_error_message = CASE WHEN excluded.last_error_at >= coalesce(s.last_error_at, '-infinity') THEN excluded.last_error_message ELSE s.last_error_message END,
           last_error_class = CASE WHEN excluded.last_error_at >= coalesce(s.last_error_at, '-infinity') THEN excluded.last_error_class ELSE s.last_error_class END`,
        [states.map((s) => s.provider), states.map((s) => s.lastOk), states.map((s) => s.lastError), states.map((s) => s.message), states.map((s) => s.errorClass)],
      );
    }
    await client.query('COMMIT');
    return { accepted: accepted.length, duplicate: events.length - accepted.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
