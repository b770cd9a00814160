// Reminder benchmark (issue 4): 100,000 future and 10,000 due reminders, a local SMTP server in
// its own process. Measures
//   1. claims per second: the batched FOR UPDATE SKIP LOCKED + UPDATE … RETURNING over the partial
//      index, by one scan and by two scans at once (target ≥ 5,000/s);
//   2. e-mails per second through nodemailer, pooled vs one connection per message (target ≥
//      1,500/s pooled), with a real rendered reminder (HTML, text, .ics attachment);
//   3. the whole scan end to end: claim, render, send, record every delivery, mark sent.
// Run: npm run bench:reminders. Writes bench/results/reminders.json.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchDatabase } from './support/bench-database.ts';
import { collectGarbage, cpuMeter, cpuWindow, mib, waitForQuiet } from './support/measure.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// `--due N --future N` for a quick run (profiling); results are only written for the full sizes.
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FUTURE = arg('future', 100_000);
const DUE = arg('due', 10_000);
const FULL = FUTURE === 100_000 && DUE === 10_000;
const USERS = 1_000;
const TARGETS = { claimsPerSec: 5_000, pooledEmailsPerSec: 1_500 } as const;
const POOLED_MESSAGES = FULL ? 10_000 : 500;
const UNPOOLED_MESSAGES = FULL ? 1_000 : 100;
const IN_FLIGHT = 50;

const loadAtStart = os.loadavg();
const db = await startBenchDatabase();
const { getDb, getPool } = await import('../server/db.ts');
const { claimDueReminders } = await import('../server/reminders/claim-due-reminders.ts');
const { createMailer } = await import('../server/reminders/mailer.ts');
const { reminderEventSelect, reminderRecipients } = await import('../server/reminders/reminder-recipients.ts');
const { renderReminderEmail } = await import('../server/reminders/render-reminder-email.ts');
const { scanAndSendReminders } = await import('../server/reminders/scan-and-send-reminders.ts');
const { flushIntegrationEvents } = await import('../server/integrations/log-integration-event.ts');
const { ensureProviderCatalog } = await import('../server/integrations/provider-catalog.ts');
const pool = getPool();
await ensureProviderCatalog();

// ---- the SMTP server, in a child process -------------------------------------------------
const sink: ChildProcess = fork(path.join(HERE, 'support', 'smtp-sink.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const ask = <T>(type: string) =>
  new Promise<T>((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type === type) {
        sink.off('message', onMessage);
        resolve(m as T);
      }
    };
    sink.on('message', onMessage);
    if (type !== 'ready') sink.send({ type });
  });
const { url: smtpUrl } = await ask<{ url: string }>('ready');
const sinkCount = () => ask<{ received: number; connections: number; cpuMs: number }>('count');
const sinkReset = () => ask('reset');

// ---- seed: users, 100k future and 10k due events (each due one with one guest) ----------
const now = new Date();
const nowIso = now.toISOString();
const seedStarted = performance.now();
await pool.query(
  `INSERT INTO "User" (id, email, name, "passwordHash", role, timezone, locale, "updatedAt")
   SELECT gen_random_uuid(), 'lawyer' || i || '@bench.opsdeck', 'Av. Ayşe Öztürk ' || i, 'not-used', 'USER',
          CASE WHEN i % 3 = 0 THEN 'Europe/Istanbul' WHEN i % 3 = 1 THEN 'Europe/Berlin' ELSE 'America/New_York' END,
          CASE WHEN i % 2 = 0 THEN 'tr' ELSE 'en' END, now()
   FROM generate_series(1, $1::int) AS i`,
  [USERS],
);
const insertEvents = (count: number, startSql: string, offset: number) =>
  pool.query(
    `WITH u AS (SELECT array_agg(id ORDER BY email) AS ids FROM "User" WHERE email LIKE '%@bench.opsdeck')
     INSERT INTO "CalendarEvent" (id, "ownerId", title, location, "startsAt", "endsAt", timezone, "reminderMinutes", "updatedAt")
     SELECT gen_random_uuid(), u.ids[1 + (i % $2::int)], 'Duruşma — Dosya 2026/' || i, 'İstanbul Çağlayan Adliyesi, Salon ' || (i % 40),
            ${startSql}, ${startSql} + interval '1 hour', 'Europe/Istanbul', 30, now()
     FROM u, generate_series($3::int + 1, $3::int + $1::int) AS i`,
    [count, USERS, offset, nowIso],
  );
// Due: starts in 10-25 minutes with a 30-minute reminder. Future: 1 to 60 days ahead.
await insertEvents(DUE, `$4::timestamp + make_interval(mins => 10 + (i % 15))`, 0);
await insertEvents(FUTURE, `$4::timestamp + make_interval(days => 1 + (i % 60))`, DUE);
await pool.query(
  `INSERT INTO "Attendee" (id, "eventId", email, name, rsvp)
   SELECT gen_random_uuid(), id, 'client-' || substr(id::text, 1, 8) || '@example.com.tr', 'Müvekkil', 'ACCEPTED'
   FROM "CalendarEvent" WHERE "startsAt" < $1::timestamp + interval '1 day'`,
  [nowIso],
);
await pool.query('ANALYZE');
const seedMs = Math.round(performance.now() - seedStarted);
const counts = (await pool.query<{ due: string; total: string }>(
  `SELECT count(*) FILTER (WHERE "reminderDueAt" <= $1::timestamp) AS due, count(*) AS total FROM "CalendarEvent"`,
  [nowIso],
)).rows[0]!;
console.log(`seeded ${counts.total} events (${counts.due} due) in ${seedMs} ms`);

// ---- 1. claims ----------------------------------------------------------------------------
const unclaimAll = () => pool.query(`UPDATE "CalendarEvent" SET "reminderLockedUntil" = NULL, "reminderClaimedBy" = NULL WHERE "reminderClaimedBy" IS NOT NULL`);
const claimOpts = (worker: string) => ({ now, limit: 500, graceMinutes: 0, claimTtlMs: 600_000, worker, onTimeSlackSec: 60 });

async function claimAll(workers: number): Promise<{ claimed: number; ms: number; perSec: number; statements: number }> {
  await unclaimAll();
  let statements = 0;
  const started = performance.now();
  const claimed = await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      let mine = 0;
      for (;;) {
        const rows = await claimDueReminders(claimOpts(`bench-${w}`));
        statements++;
        mine += rows.length;
        if (rows.length === 0) return mine;
      }
    }),
  );
  const ms = performance.now() - started;
  const total = claimed.reduce((a, b) => a + b, 0);
  return { claimed: total, ms: Math.round(ms), perSec: Math.round((total / ms) * 1000), statements };
}

const plan = (
  await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN SELECT "id" FROM "CalendarEvent"
     WHERE "reminderSentAt" IS NULL AND "deletedAt" IS NULL AND "reminderDueAt" IS NOT NULL
       AND "reminderDueAt" <= $1::timestamp AND "reminderDueAt" > $1::timestamp - interval '40350 minutes'
       AND "startsAt" > $1::timestamp
       AND ("reminderLockedUntil" IS NULL OR "reminderLockedUntil" <= $1::timestamp)
     ORDER BY "reminderDueAt" LIMIT 500 FOR UPDATE SKIP LOCKED`,
    [nowIso],
  )
).rows.map((r) => r['QUERY PLAN']);

const QUIET_WAIT_MS = FULL ? 60_000 : 0;
const quietClaims = await waitForQuiet(QUIET_WAIT_MS);
const claimRuns = { one: [] as Awaited<ReturnType<typeof claimAll>>[], two: [] as Awaited<ReturnType<typeof claimAll>>[] };
for (let i = 0; i < 5; i++) {
  claimRuns.one.push(await claimAll(1));
  claimRuns.two.push(await claimAll(2));
}
await unclaimAll();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const claims = {
  oneScan: { claimedPerRun: claimRuns.one[0]!.claimed, medianMs: median(claimRuns.one.map((r) => r.ms)), medianPerSec: median(claimRuns.one.map((r) => r.perSec)), statementsPerRun: claimRuns.one[0]!.statements, runs: claimRuns.one },
  twoScansAtOnce: { claimedPerRun: claimRuns.two[0]!.claimed, medianMs: median(claimRuns.two.map((r) => r.ms)), medianPerSec: median(claimRuns.two.map((r) => r.perSec)), runs: claimRuns.two },
  plan,
  machine: quietClaims,
};
console.log(`claims: one scan ${claims.oneScan.medianPerSec}/s, two scans ${claims.twoScansAtOnce.medianPerSec}/s`);

// ---- 2. transport: pooled vs unpooled -----------------------------------------------------
const sample = await getDb().calendarEvent.findFirstOrThrow({ where: { reminderDueAt: { lte: now } }, select: reminderEventSelect });
const message = renderReminderEmail({ event: sample, recipient: reminderRecipients(sample)[0]!, host: 'ops.example.com' });
const messageBytes = Buffer.byteLength(String(message.html)) + Buffer.byteLength(String(message.text));

// The same envelope with a plain-text body only: what the SMTP path costs without the MIME tree.
const plainMessage = { subject: message.subject, text: message.text };

async function sendMany(pooled: boolean, total: number, body: typeof message = message) {
  const mailer = createMailer(smtpUrl, { pool: pooled, from: { name: 'opsdeck', address: 'reminders@bench.opsdeck' } });
  await sinkReset();
  const sinkCpuAtStart = (await sinkCount()).cpuMs;
  const ownCpu = process.cpuUsage();
  const window = cpuWindow();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < total) {
        const i = next++;
        await mailer.send({ ...body, to: `client-${i}@example.com.tr` });
      }
    }),
  );
  const ms = performance.now() - started;
  mailer.close();
  const cpu = window();
  const own = process.cpuUsage(ownCpu);
  const { received, connections, cpuMs: sinkCpuAtEnd } = await sinkCount();
  // CPU time per message on each side: what a message costs whatever the neighbours do.
  const perMessage = (ms: number) => Math.round((ms / total) * 1000) / 1000;
  const cpuMsPerMessage = { sender: perMessage((own.user + own.system) / 1000), smtpServer: perMessage(sinkCpuAtEnd - sinkCpuAtStart) };
  return { messages: total, received, connections, ms: Math.round(ms), perSec: Math.round((total / ms) * 1000), cpu, cpuMsPerMessage };
}

const quietMail = await waitForQuiet(QUIET_WAIT_MS);
const pooled = [await sendMany(true, POOLED_MESSAGES), await sendMany(true, POOLED_MESSAGES), await sendMany(true, POOLED_MESSAGES)];
const unpooled = [await sendMany(false, UNPOOLED_MESSAGES), await sendMany(false, UNPOOLED_MESSAGES)];
const pooledPlain = [await sendMany(true, POOLED_MESSAGES, plainMessage), await sendMany(true, POOLED_MESSAGES, plainMessage), await sendMany(true, POOLED_MESSAGES, plainMessage)];
const transport = {
  messageBytesHtmlPlusText: messageBytes,
  inFlight: IN_FLIGHT,
  pooledMaxConnections: 5,
  pooled: { medianPerSec: median(pooled.map((r) => r.perSec)), runs: pooled },
  unpooled: { medianPerSec: median(unpooled.map((r) => r.perSec)), runs: unpooled },
  pooledPlainText: { medianPerSec: median(pooledPlain.map((r) => r.perSec)), runs: pooledPlain },
  machine: quietMail,
};
console.log(`transport: pooled ${transport.pooled.medianPerSec}/s, unpooled ${transport.unpooled.medianPerSec}/s, pooled plain text ${transport.pooledPlainText.medianPerSec}/s`);

// ---- 3. the whole scan: 10,000 due events, 20,000 recipients ------------------------------
const quietScan = await waitForQuiet(QUIET_WAIT_MS);
const mailer = createMailer(smtpUrl, { pool: true, from: { name: 'opsdeck', address: 'reminders@bench.opsdeck' } });
await sinkReset();
collectGarbage();
const rssBefore = process.memoryUsage().rss;
const window = cpuWindow();
const sinkCpuBefore = (await sinkCount()).cpuMs;
const stopMeter = cpuMeter(db.postmasterPid)();
const scanStarted = performance.now();
// The product's defaults (8 events at once, 5 recipients each, the app's pool of 10).
const summary = await scanAndSendReminders({ mailer, now });
const scanMs = performance.now() - scanStarted;
const scanCpu = window();
const scanProcessCpu = stopMeter();
await flushIntegrationEvents();
mailer.close();
const rssAfter = process.memoryUsage().rss;
const { received, cpuMs: sinkCpuAfter } = await sinkCount();
const perEmail = (ms: number) => Math.round((ms / Math.max(1, summary.sent)) * 1000) / 1000;
const deliveryRows = (await pool.query<{ sent: string; total: string }>(`SELECT count(*) FILTER (WHERE status = 'SENT') AS sent, count(*) AS total FROM reminder_deliveries`)).rows[0]!;
const unsent = (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "CalendarEvent" WHERE "reminderDueAt" <= $1::timestamp AND "reminderSentAt" IS NULL`, [nowIso])).rows[0]!;
// A second scan right after finds nothing: the claim never walks sent or future reminders.
const again = performance.now();
const second = await scanAndSendReminders({ mailer: createMailer(smtpUrl), now });
const secondMs = performance.now() - again;
const scan = {
  events: summary.events.length,
  sent: summary.sent,
  failed: summary.failed,
  smtpReceived: received,
  deliveryRows: Number(deliveryRows.total),
  deliveryRowsSent: Number(deliveryRows.sent),
  dueEventsLeftUnsent: Number(unsent.n),
  ms: Math.round(scanMs),
  emailsPerSec: Math.round((summary.sent / scanMs) * 1000),
  eventsPerSec: Math.round((summary.events.length / scanMs) * 1000),
  rssBeforeMiB: mib(rssBefore),
  rssAfterMiB: mib(rssAfter),
  cpu: scanCpu,
  // CPU time per e-mail: what one e-mail costs whatever the neighbours do. On two idle cores the
  // scan cannot go faster than about 2000 / (sum) e-mails per second.
  cpuMsPerEmail: { node: perEmail(scanProcessCpu.nodeMs), postgres: perEmail(scanProcessCpu.postgresMs), smtpServer: perEmail(sinkCpuAfter - sinkCpuBefore) },
  secondScan: { events: second.events.length, ms: Math.round(secondMs) },
  machine: quietScan,
};
console.log(`scan: ${scan.sent} e-mails for ${scan.events} events in ${scan.ms} ms = ${scan.emailsPerSec}/s; cpu ms per e-mail ${JSON.stringify(scan.cpuMsPerEmail)}, machine ${JSON.stringify(scan.cpu)}`);

sink.send({ type: 'stop' });
await once(sink, 'exit');
await db.close();

const results = {
  recordedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverageAtStart: loadAtStart.map((x) => Math.round(x * 100) / 100) },
  data: { futureReminders: FUTURE, dueReminders: DUE, users: USERS, recipientsPerDueEvent: 2, seedMs },
  targets: TARGETS,
  met: {
    claims: claims.oneScan.medianPerSec >= TARGETS.claimsPerSec,
    pooledTransport: transport.pooled.medianPerSec >= TARGETS.pooledEmailsPerSec,
  },
  claims,
  transport,
  scan,
};
if (FULL) {
  mkdirSync(path.join(HERE, 'results'), { recursive: true });
  writeFileSync(path.join(HERE, 'results', 'reminders.json'), `${JSON.stringify(results, null, 2)}\n`);
}
console.log(JSON.stringify(results.met));
process.exit(0);
