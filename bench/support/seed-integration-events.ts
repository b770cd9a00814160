// Millions of integration events for the health-query benchmark, generated inside PostgreSQL
// (INSERT ... SELECT over generate_series): the write path would take most of an hour for 10M
// rows, and what is measured here is reading, not writing. Rows look like the write path's
// (classified, fingerprinted, redacted); rollups, error groups and provider states are then
// derived from the raw rows with set-based SQL that computes what write-integration-events.ts
// computes, and checked against it.
import type pg from 'pg';
import { PROVIDER_CATALOG } from '../../shared/provider-catalog.ts';
import type { TErrorClass } from '../../shared/integrations.ts';
import { classifyError } from '../../server/integrations/classify-error.ts';
import { errorFingerprint } from '../../server/integrations/error-fingerprint.ts';
import { HISTOGRAM_SIZE, LATENCY_BOUNDS_MS } from '../../server/integrations/latency-histogram.ts';
import { FIELD_DIGITS } from '../../server/integrations/packed-histogram.ts';
import { redactText } from '../../server/integrations/redact.ts';
import { TIERS } from '../../server/integrations/rollup-tiers.ts';
import { ROLLUP_TIERS_LATENESS_MS } from '../../server/integrations/build-rollup-tiers.ts';

const MINUTE = 60_000;
const SLOT_MS = 10 * MINUTE;
const PICKS = 100;

// Volume at the weekday peak (relative), latency p50/p95 and everyday error rate per provider:
// a consumer app's shape (Supabase and analytics dominate, payments and KYC are rare).
type Profile = { weight: number; p50: number; p95: number; errorRate: number; business?: boolean; noSubject?: boolean; fromJobs?: boolean };
const PROFILES: Record<string, Profile> = {
  supabase: { weight: 240, p50: 40, p95: 150, errorRate: 0.008 },
  mapbox: { weight: 130, p50: 80, p95: 300, errorRate: 0.015 },
  paytr: { weight: 4, p50: 400, p95: 1500, errorRate: 0.03 },
  idenfy: { weight: 1.5, p50: 900, p95: 3500, errorRate: 0.025 },
  twilio: { weight: 14, p50: 250, p95: 900, errorRate: 0.03, fromJobs: true },
  sendgrid: { weight: 18, p50: 120, p95: 450, errorRate: 0.02, fromJobs: true },
  posthog: { weight: 90, p50: 60, p95: 200, errorRate: 0.01 },
  sentry: { weight: 6, p50: 90, p95: 350, errorRate: 0.015, noSubject: true },
  openai: { weight: 12, p50: 700, p95: 3000, errorRate: 0.03 },
  cloudflare: { weight: 25, p50: 150, p95: 800, errorRate: 0.01 },
  vercel: { weight: 60, p50: 50, p95: 250, errorRate: 0.008, noSubject: true },
  expo_push: { weight: 20, p50: 180, p95: 600, errorRate: 0.03, fromJobs: true },
  apple_push: { weight: 8, p50: 120, p95: 500, errorRate: 0.02, fromJobs: true },
  google_push: { weight: 12, p50: 100, p95: 400, errorRate: 0.025, fromJobs: true },
  aws_rekognition: { weight: 10, p50: 350, p95: 1200, errorRate: 0.015 },
  google_calendar: { weight: 8, p50: 220, p95: 900, errorRate: 0.02, business: true, fromJobs: true },
  smtp: { weight: 5, p50: 300, p95: 1200, errorRate: 0.02, business: true, fromJobs: true },
  // Incident notifications: few, from the alert job, on the office's working day.
  webhook: { weight: 1, p50: 200, p95: 800, errorRate: 0.02, business: true, fromJobs: true },
  ics_feed: { weight: 6, p50: 30, p95: 120, errorRate: 0.005, business: true, noSubject: true },
};

// Share of the peak by local hour (Europe/Istanbul): consumer evenings vs office hours.
const CONSUMER = [0.35, 0.22, 0.14, 0.1, 0.08, 0.09, 0.15, 0.3, 0.5, 0.7, 0.86, 0.93, 0.96, 0.95, 0.94, 0.93, 0.92, 0.93, 0.95, 0.98, 1, 0.98, 0.82, 0.56];
const BUSINESS = [0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.06, 0.15, 0.5, 0.9, 1, 1, 0.8, 0.9, 1, 0.98, 0.92, 0.75, 0.45, 0.28, 0.2, 0.14, 0.08, 0.05];

// Errors as providers word them; the write path's classifier turns codes into classes.
type Template = { code: string; message: string; weight: number; retryable: boolean; latency: 0 | 1 | 2 };
const TEMPLATES: Template[] = [
  { code: '429', message: 'Too many requests: rate limit exceeded', weight: 3, retryable: true, latency: 1 },
  { code: '503', message: 'Service Unavailable', weight: 2, retryable: true, latency: 0 },
  { code: 'ETIMEDOUT', message: 'connect ETIMEDOUT 104.18.2.17:443', weight: 1.5, retryable: true, latency: 2 },
  { code: '400', message: 'Invalid request: field "to" is required', weight: 2, retryable: false, latency: 1 },
  { code: '401', message: 'Unauthorized: token expired', weight: 0.7, retryable: false, latency: 1 },
  { code: '500', message: 'Internal Server Error (request id 8f3a9c21d7e44b10)', weight: 1, retryable: true, latency: 0 },
];

/** Providers in outage during the week: error rate and latency multiplier over a period. */
export type Incident = { provider: string; errorRate: number; latencyMultiplier: number; from: Date; to: Date };

export function benchIncidents(now: Date): Incident[] {
  const at = (msAgo: number) => new Date(Math.floor((now.getTime() - msAgo) / SLOT_MS) * SLOT_MS);
  return [
    // A Mapbox outage two days ago, and SendGrid failing right now, so short windows show it.
    { provider: 'mapbox', errorRate: 0.4, latencyMultiplier: 4, from: at(2 * 86_400_000), to: at(2 * 86_400_000 - 40 * MINUTE) },
    { provider: 'sendgrid', errorRate: 0.25, latencyMultiplier: 2, from: at(30 * MINUTE), to: new Date(now.getTime() + MINUTE) },
  ];
}

// Europe/Istanbul has been UTC+3 all year since 2016; Saturday and Sunday are the weekend.
function istanbulHour(ms: number): { hour: number; minute: number; weekend: boolean } {
  const local = new Date(ms + 3 * 3_600_000);
  const day = local.getUTCDay();
  return { hour: local.getUTCHours(), minute: local.getUTCMinutes(), weekend: day === 0 || day === 6 };
}

type Slot = { start: number; span: number; p: number; n: number; err: number; mult: number };

function providerTables() {
  const keys = PROVIDER_CATALOG.map((p) => p.key);
  const tables = {
    key: [] as string[],
    errorEvent: [] as string[],
    mu: [] as number[],
    sigma: [] as number[],
    timeout: [] as number[],
    noSubject: [] as boolean[],
    fromJobs: [] as boolean[],
    source: [] as string[],
    retryShare: [] as number[],
    opPick: [] as string[],
    errPick: [] as number[],
    tCode: [] as string[],
    tMessage: [] as string[],
    tClass: [] as string[],
    tFingerprint: [] as string[],
    tRetryable: [] as boolean[],
    tLatency: [] as number[],
  };
  const Z95 = 1.6448536;
  for (const def of PROVIDER_CATALOG) {
    const profile = PROFILES[def.key];
    if (!profile) throw new Error(`No benchmark profile for provider ${def.key}`);
    const errorEvent = def.knownEvents.find((e) => e.endsWith('error'))!;
    const ops = def.knownEvents.filter((e) => e !== errorEvent);
    tables.key.push(def.key);
    tables.errorEvent.push(errorEvent);
    tables.mu.push(Math.log(profile.p50));
    tables.sigma.push(Math.log(profile.p95 / profile.p50) / Z95);
    tables.timeout.push(def.key === 'paytr' || def.key === 'idenfy' ? 30_000 : 10_000);
    tables.noSubject.push(Boolean(profile.noSubject));
    tables.fromJobs.push(Boolean(profile.fromJobs));
    // This product's own calls are "internal"; the mobile app posts the rest with its API key.
    tables.source.push(profile.business ? 'internal' : 'f5a3c0de-6b1e-4c1a-9e57-0b9a1c2d3e4f');
    tables.retryShare.push(0.5);
    // Weighted picks as 100-entry tables: the first operation is the common one.
    for (let i = 0; i < PICKS; i++) tables.opPick.push(ops[i < 60 || ops.length === 1 ? 0 : 1 + (i % (ops.length - 1))]!);
    const first = tables.tCode.length;
    for (const t of TEMPLATES) {
      const errorClass = classifyError({ provider: def.key, tier: def.tier, errorCode: t.code, errorMessage: t.message }) as TErrorClass;
      const message = redactText(t.message);
      tables.tCode.push(redactText(t.code));
      tables.tMessage.push(message);
      tables.tClass.push(errorClass);
      tables.tFingerprint.push(errorFingerprint({ provider: def.key, event: errorEvent, errorClass, errorMessage: message }));
      tables.tRetryable.push(t.retryable);
      tables.tLatency.push(t.latency);
    }
    const totalWeight = TEMPLATES.reduce((s, t) => s + t.weight, 0);
    let acc = 0;
    let ti = 0;
    for (let i = 0; i < PICKS; i++) {
      while (ti < TEMPLATES.length - 1 && (i + 0.5) / PICKS > (acc + TEMPLATES[ti]!.weight) / totalWeight) acc += TEMPLATES[ti++]!.weight;
      tables.errPick.push(first + ti + 1);
    }
  }
  return { keys, tables };
}

/** 10-minute slots per provider with an expected count, scaled so the week holds `total` rows. */
function planSlots(from: Date, to: Date, total: number, incidents: readonly Incident[]): Slot[] {
  const slots: Slot[] = [];
  let expected = 0;
  PROVIDER_CATALOG.forEach((def, index) => {
    const profile = PROFILES[def.key]!;
    const curve = profile.business ? BUSINESS : CONSUMER;
    for (let start = from.getTime(); start < to.getTime(); start += SLOT_MS) {
      const span = Math.min(SLOT_MS, to.getTime() - start);
      const { hour, minute, weekend } = istanbulHour(start + span / 2);
      const here = curve[hour]!;
      const next = curve[(hour + 1) % 24]!;
      const factor = (here + ((next - here) * minute) / 60) * (weekend ? (profile.business ? 0.15 : 0.85) : 1);
      const incident = incidents.find((i) => i.provider === def.key && start >= i.from.getTime() && start < i.to.getTime());
      const err = incident ? Math.max(profile.errorRate, incident.errorRate) : profile.errorRate;
      // Expected rows include the retries that failures bring along (half of ~60% retryable).
      const mean = profile.weight * factor * (span / MINUTE);
      expected += mean * (1 + err * 0.3);
      slots.push({ start, span, p: index + 1, n: mean, err, mult: incident?.latencyMultiplier ?? 1 });
    }
  });
  const scale = total / expected;
  // Carry fractions so rounding loses nothing across a provider's many small slots.
  let carry = 0;
  for (const s of slots) {
    const exact = s.n * scale + carry;
    s.n = Math.floor(exact);
    carry = exact - s.n;
  }
  return slots.sort((a, b) => a.start - b.start || a.p - b.p);
}

// One statement per chunk of slots. Subqueries, not CTEs: a CTE with random() would be
// materialised; a subquery streams. Attempt 2 (a retry of a retryable failure, same
// correlation id, 0.5–4 s later) comes from a lateral generate_series(1, 1 or 2).
const INSERT_SQL = `
INSERT INTO integration_events (provider, event, ok, occurred_at, received_at, latency_ms, error_code, error_message, error_class,
    fingerprint, correlation_id, subject, job_id, attempt, metadata, source, idempotency_key)
SELECT ($7::text[])[c.p],
       CASE WHEN a.ok THEN c.op ELSE ($8::text[])[c.p] END,
       a.ok, a.at, a.at + (20 + random() * 900) * interval '1 millisecond',
       CASE
         WHEN NOT a.ok AND ($23::int[])[c.t] = 2 THEN ($11::int[])[c.p] + floor(random() * 250)::int
         ELSE greatest(1, round(exp(($9::float8[])[c.p] + ($10::float8[])[c.p] * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))
                * c.mult * CASE WHEN NOT a.ok AND ($23::int[])[c.t] = 1 THEN 0.3 ELSE 1 END))::int
       END,
       CASE WHEN a.ok THEN NULL ELSE ($18::text[])[c.t] END,
       CASE WHEN a.ok THEN NULL ELSE ($19::text[])[c.t] END,
       CASE WHEN a.ok THEN NULL ELSE ($20::text[])[c.t] END,
       CASE WHEN a.ok THEN NULL ELSE ($21::text[])[c.t] END,
       c.corr, c.subject, c.job, a.attempt,
       CASE WHEN c.subject IS NULL THEN NULL
            WHEN a.ok THEN jsonb_build_object('platform', c.platform)
            ELSE jsonb_build_object('operation', c.op, 'platform', c.platform) END,
       ($14::text[])[c.p],
       CASE WHEN ($14::text[])[c.p] <> 'internal' THEN gen_random_uuid()::text END
FROM (
  SELECT b.*,
         ($16::text[])[(b.p - 1) * ${PICKS} + 1 + floor(b.r1 * ${PICKS})::int] AS op,
         ($17::int[])[(b.p - 1) * ${PICKS} + 1 + floor(b.r2 * ${PICKS})::int] AS t,
         'req_' || lpad(to_hex((b.r3 * 281474976710655)::int8), 12, '0') AS corr,
         CASE WHEN ($12::bool[])[b.p] THEN NULL ELSE 'usr_' || to_hex(1048576 + floor(25000 * b.r4 ^ 3)::int) END AS subject,
         CASE WHEN ($13::bool[])[b.p] THEN 'job_' || lpad(to_hex((random() * 1099511627775)::int8), 10, '0') END AS job,
         (ARRAY['ios', 'ios', 'android', 'android', 'android', 'web'])[1 + floor(random() * 6)::int] AS platform
  FROM (
    SELECT s.p, s.err, s.mult, s.start + floor(random() * s.span) * interval '1 millisecond' AS at,
           random() < s.err AS failed, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
    FROM unnest($1::timestamptz[], $2::float8[], $3::int[], $4::int[], $5::float8[], $6::float8[]) AS s(start, span, p, n, err, mult),
         generate_series(1, s.n)
  ) b
) c
CROSS JOIN LATERAL (
  SELECT 1 AS attempt, c.at AS at, NOT c.failed AS ok
  UNION ALL
  -- A retry in an outage fails about as often as the first try; otherwise it mostly succeeds.
  SELECT 2, least(c.at + (500 + random() * 3500) * interval '1 millisecond', $24::timestamptz - interval '1 millisecond'),
         random() >= greatest(0.15, c.err)
  WHERE c.failed AND ($22::bool[])[c.t] AND c.r5 < ($15::float8[])[c.p]
) a`;

// Bucket i holds latencies in (BOUNDS[i-1], BOUNDS[i]]; for whole milliseconds that is
// width_bucket over lower bounds BOUNDS + 1 (0 below the first, 33 above the last).
export const WIDTH_BUCKET_BOUNDS = `ARRAY[${LATENCY_BOUNDS_MS.map((b) => b + 1).join(',')}]`;
const HIST_COUNTS = `ARRAY[${Array.from({ length: HISTOGRAM_SIZE }, (_, i) => `count(*) FILTER (WHERE hb = ${i})`).join(', ')}]::int[]`;
// packHistogram() in SQL: 12 digits per bucket, the last bucket first (leading zeros are fine).
const PACK_H = `(${Array.from({ length: HISTOGRAM_SIZE }, (_, i) => `lpad(h[${HISTOGRAM_SIZE - i}]::text, ${FIELD_DIGITS}, '0')`).join(' || ')})::numeric`;
const COUNTERS = 'total, errors, soft_errors, retries, retry_ok, latency_count, latency_sum';
const SUM_COUNTERS = COUNTERS.split(', ').map((c) => `sum(${c})`).join(', ');

// As rollupEvents(): first attempts count as operations (errors, soft errors), later attempts
// as retries (retry_ok when they succeed); every latency goes into the histogram. Rows are
// inserted in time order, as the writer creates them, so a time range is a contiguous run.
const MINUTE_ROLLUPS_SQL = `
INSERT INTO integration_rollup_minutes (provider, event, bucket, ${COUNTERS}, latency_hist_packed)
SELECT provider, event, bucket, ${COUNTERS}, ${PACK_H}
FROM (
  SELECT provider, event, date_trunc('minute', occurred_at) AS bucket,
         count(*) FILTER (WHERE attempt <= 1) AS total, count(*) FILTER (WHERE attempt <= 1 AND NOT ok) AS errors,
         count(*) FILTER (WHERE attempt <= 1 AND error_class = 'soft_fail') AS soft_errors,
         count(*) FILTER (WHERE attempt > 1) AS retries, count(*) FILTER (WHERE attempt > 1 AND ok) AS retry_ok,
         count(latency_ms) AS latency_count, coalesce(sum(latency_ms), 0) AS latency_sum, ${HIST_COUNTS} AS h
  FROM (SELECT *, width_bucket(latency_ms, ${WIDTH_BUCKET_BOUNDS}) AS hb FROM integration_events) e
  GROUP BY 1, 2, 3
) m ORDER BY bucket, provider, event`;

// Coarser rollups are sums of the minutes, exactly as the writer's rollups of the same rows are.
const HOUR_ROLLUPS_SQL = `
INSERT INTO integration_rollup_hours (provider, event, bucket, ${COUNTERS}, latency_hist_packed)
SELECT provider, event, date_trunc('hour', bucket), ${SUM_COUNTERS}, sum(latency_hist_packed)
FROM integration_rollup_minutes GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`;

const FIVE_MINUTE_ROLLUPS_SQL = `
INSERT INTO integration_rollup_five_minutes (provider, event, bucket, ${COUNTERS}, latency_hist_packed)
SELECT provider, event, date_bin('5 minutes', bucket, timestamptz 'epoch'), ${SUM_COUNTERS}, sum(latency_hist_packed)
FROM integration_rollup_minutes GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`;

const PROVIDER_HOUR_ROLLUPS_SQL = `
INSERT INTO integration_rollup_provider_hours (provider, bucket, ${COUNTERS}, latency_hist_packed)
SELECT provider, bucket, ${SUM_COUNTERS}, sum(latency_hist_packed)
FROM integration_rollup_hours GROUP BY 1, 2 ORDER BY 2, 1`;

const ERROR_GROUPS_SQL = `
INSERT INTO integration_error_groups (fingerprint, provider, event, error_class, error_code, sample_message, count, first_seen_at, last_seen_at)
SELECT fingerprint, provider, event, error_class, (array_agg(error_code ORDER BY occurred_at DESC))[1],
       (array_agg(error_message ORDER BY occurred_at DESC))[1], count(*), min(occurred_at), max(occurred_at)
FROM integration_events WHERE fingerprint IS NOT NULL AND error_class IS NOT NULL GROUP BY 1, 2, 3, 4`;

const PROVIDER_STATES_SQL = `
INSERT INTO provider_states (provider, last_ok_at, last_error_at, last_error_message, last_error_class)
SELECT provider, max(occurred_at) FILTER (WHERE ok), max(occurred_at) FILTER (WHERE NOT ok),
       (array_agg(error_message ORDER BY occurred_at DESC) FILTER (WHERE NOT ok))[1],
       (array_agg(error_class ORDER BY occurred_at DESC) FILTER (WHERE NOT ok))[1]
FROM integration_events GROUP BY provider`;

export type SeedResult = {
  rows: number;
  from: Date;
  to: Date;
  incidents: Incident[];
  ms: { rawRows: number; indexes: number; rollups: number; errorGroupsAndStates: number; vacuumAnalyze: number; total: number };
};

const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - started)];
};

/**
 * Loads `total` events over the 7 days before `now` into an empty, migrated database, then
 * builds rollups, error groups and provider states from them and vacuums. `client` is a
 * dedicated connection: the load sets session settings on it.
 */
export async function seedIntegrationEvents(client: pg.Client, opts: { total: number; now: Date; log: (line: string) => void }): Promise<SeedResult> {
  const started = performance.now();
  const to = opts.now;
  const from = new Date(to.getTime() - 7 * 86_400_000);
  const incidents = benchIncidents(to);
  const { tables } = providerTables();
  const slots = planSlots(from, to, opts.total, incidents);

  // A bulk load, not the product's write path: no durability wait per statement, UTC buckets
  // (date_trunc follows the session zone), and room for the big sorts and hash aggregates.
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET TimeZone = 'UTC'`);
  await client.query(`SET work_mem = '1GB'`);
  await client.query(`SET maintenance_work_mem = '2GB'`);
  await client.query(`SELECT setseed(0.4242)`);

  // Secondary indexes are built once after the load (far cheaper than 10M index inserts),
  // from their own definitions, so the schema ends up exactly as migrated.
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = 'integration_events' AND indexname <> 'integration_events_pkey'`,
  );
  for (const index of indexes) await client.query(`DROP INDEX ${client.escapeIdentifier(index.name)}`);

  const [, rawMs] = await timed(async () => {
    const perChunk = 144 * PROVIDER_CATALOG.length; // one day of 10-minute slots
    for (let i = 0; i < slots.length; i += perChunk) {
      const chunk = slots.slice(i, i + perChunk);
      await client.query(INSERT_SQL, [
        chunk.map((s) => new Date(s.start)),
        chunk.map((s) => s.span),
        chunk.map((s) => s.p),
        chunk.map((s) => s.n),
        chunk.map((s) => s.err),
        chunk.map((s) => s.mult),
        tables.key,
        tables.errorEvent,
        tables.mu,
        tables.sigma,
        tables.timeout,
        tables.noSubject,
        tables.fromJobs,
        tables.source,
        tables.retryShare,
        tables.opPick,
        tables.errPick,
        tables.tCode,
        tables.tMessage,
        tables.tClass,
        tables.tFingerprint,
        tables.tRetryable,
        tables.tLatency,
        to,
      ]);
      opts.log(`  raw rows: day ${i / perChunk + 1} of ${Math.ceil(slots.length / perChunk)}`);
    }
  });
  const [, indexMs] = await timed(async () => {
    for (const index of indexes) await client.query(index.def);
  });
  opts.log(`  indexes rebuilt (${indexMs} ms)`);
  const [, rollupMs] = await timed(async () => {
    await client.query(MINUTE_ROLLUPS_SQL);
    await client.query(HOUR_ROLLUPS_SQL);
    await client.query(FIVE_MINUTE_ROLLUPS_SQL);
    await client.query(PROVIDER_HOUR_ROLLUPS_SQL);
    // The tiers hold every minute up to `to`, but the watermarks are put where the rollup-tiers
    // job would have them at `to` (closed buckets only, after its lateness margin): the health
    // reads then mix tiers and minutes as they do in production.
    await client.query(
      `INSERT INTO integration_rollup_watermarks (tier, built_until) SELECT * FROM unnest($1::text[], $2::timestamptz[])
       ON CONFLICT (tier) DO UPDATE SET built_until = excluded.built_until`,
      [TIERS.map((t) => t.tier), TIERS.map((t) => new Date(Math.floor((to.getTime() - ROLLUP_TIERS_LATENESS_MS) / t.ms) * t.ms))],
    );
  });
  opts.log(`  rollups (${rollupMs} ms)`);
  const [, groupsMs] = await timed(async () => {
    await client.query(ERROR_GROUPS_SQL);
    await client.query(PROVIDER_STATES_SQL);
  });
  const [, vacuumMs] = await timed(() => client.query('VACUUM (ANALYZE)'));
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM integration_events');
  for (const setting of ['synchronous_commit', 'TimeZone', 'work_mem', 'maintenance_work_mem']) await client.query(`RESET ${setting}`);
  return {
    rows: Number(rows[0]!.n),
    from,
    to,
    incidents,
    ms: { rawRows: rawMs, indexes: indexMs, rollups: rollupMs, errorGroupsAndStates: groupsMs, vacuumAnalyze: vacuumMs, total: Math.round(performance.now() - started) },
  };
}
