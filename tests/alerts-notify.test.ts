// Issue 8: incident notifications over the wire, against a real SMTP server (smtp-server) and a
// local HTTP webhook receiver that fail the first attempts: retried with backoff, every attempt
// an integration event (smtp / webhook), sent exactly once, and a final failure on the timeline.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, getPool } from '../server/db.ts';
import type { Mailer } from '../server/reminders/mailer.ts';
import { flushIntegrationEvents } from '../server/integrations/log-integration-event.ts';
import { applyFindings } from '../server/alerts/evaluate-alerts.ts';
import { deliverNotifications } from '../server/alerts/deliver-notifications.ts';
import { createChannel } from '../server/alerts/manage-channels.ts';
import type { TFinding } from '../shared/alerts.ts';
import { createTestUser } from './support/factories.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.ts';
import { testMailer } from './support/reminder-fixtures.ts';

type Received = { path: string; body: unknown; status: number };

/** Answers each path with its scripted statuses in turn (then 200), recording every request. */
async function startWebhookReceiver(script: Record<string, number[]>) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const status = script[path]?.shift() ?? 200;
      received.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'), status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : status === 404 ? 'Not Found' : 'Service Unavailable');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: (path: string) => `http://127.0.0.1:${port}${path}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let smtp: SmtpTestServer;
let mailer: Mailer;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  mailer = testMailer(smtp.url);
  hooks = await startWebhookReceiver({ '/generic': [503, 503], '/slack': [500], '/gone': [404, 404], '/down': [503, 503, 503, 503] });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await hooks.close();
});

const finding: TFinding = { kind: 'THRESHOLD', severity: 'CRITICAL', summary: '40% errors (40 of 100) in 5 min', numbers: { errors: 40, total: 100 } };
const BASE = 'https://ops.example.test';
const deliver = (now: Date, maxAttempts = 5) => deliverNotifications({ now, baseUrl: BASE, maxAttempts, retryBaseMs: 1000, mailer });

async function deliveries(incidentId: string) {
  return getDb().notificationDelivery.findMany({
    where: { incidentId },
    orderBy: { channel: { name: 'asc' } },
    select: { id: true, status: true, attempts: true, lastError: true, nextAttemptAt: true, channel: { select: { name: true } } },
  });
}

async function eventsFor(correlationId: string) {
  await flushIntegrationEvents();
  const { rows } = await getPool().query('SELECT provider, event, ok, attempt, error_code FROM integration_events WHERE correlation_id = $1 ORDER BY attempt', [correlationId]);
  return rows;
}

describe('[ALERTS][NOTIFY] delivery with retries', () => {
  it('e-mails the admins and posts generic and Slack webhooks, retrying failures with backoff until each is sent once', async () => {
    const admin = await createTestUser({ role: 'ADMIN', email: `oncall-${Date.now()}@opsdeck.test` });
    const support = await createTestUser({ role: 'SUPPORT' });
    await createChannel({ input: { name: 'Generic hook', kind: 'WEBHOOK', url: hooks.url('/generic') }, actorId: admin.id });
    await createChannel({ input: { name: 'Slack #ops', kind: 'SLACK', url: hooks.url('/slack') }, actorId: admin.id });
    smtp.reject(admin.email, 421, 2);

    const t0 = new Date();
    expect(await applyFindings({ provider: 'mapbox', findings: [finding], now: t0, holdDownSec: 600 })).toBe('opened');
    const incident = await getDb().incident.findFirstOrThrow({ where: { provider: 'mapbox', status: 'OPEN' }, select: { id: true, number: true } });

    // Attempt 1: the SMTP server defers (421), the generic hook answers 503, Slack 500.
    expect(await deliver(t0)).toEqual({ sent: 0, retrying: 3, failed: 0 });
    let rows = await deliveries(incident.id);
    expect(rows.map((r) => [r.channel.name, r.status, r.attempts])).toEqual([
      ['Admins (e-mail)', 'RETRYING', 1],
      ['Generic hook', 'RETRYING', 1],
      ['Slack #ops', 'RETRYING', 1],
    ]);
    expect(rows[0]!.lastError).toMatch(/421/);
    expect(rows[1]!.lastError).toBe('503: Webhook answered 503: Service Unavailable');
    // Backoff: base 1 s ±20% for the first retry, so nothing is due at once.
    for (const r of rows) expect(r.nextAttemptAt.getTime() - t0.getTime()).toBeGreaterThanOrEqual(800);
    expect(await deliver(t0)).toEqual({ sent: 0, retrying: 0, failed: 0 });

    // Attempt 2 (after ~1 s): Slack recovers; mail and the generic hook fail once more.
    expect(await deliver(new Date(t0.getTime() + 1500))).toEqual({ sent: 1, retrying: 2, failed: 0 });

    // Attempt 3 (after ~2 s more), by two senders at once: each row is sent exactly once.
    const later = new Date(t0.getTime() + 10_000);
    const [a, b] = await Promise.all([deliver(later), deliver(later)]);
    expect(a.sent + b.sent).toBe(2);
    rows = await deliveries(incident.id);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['SENT', 3],
      ['SENT', 3],
      ['SENT', 2],
    ]);
    expect(hooks.received.filter((r) => r.path === '/generic').map((r) => r.status)).toEqual([503, 503, 200]);
    expect(hooks.received.filter((r) => r.path === '/slack').map((r) => r.status)).toEqual([500, 200]);

    // The mail: to the admins only, naming the incident, with links to it, the provider and the playbook.
    const mails = smtp.to(admin.email);
    expect(mails).toHaveLength(1);
    expect(smtp.to(support.email)).toEqual([]);
    expect(mails[0]!.parsed.subject).toBe(`[CRITICAL] Mapbox: incident #${incident.number} opened`);
    expect(mails[0]!.parsed.text).toContain('40% errors (40 of 100) in 5 min');
    expect(mails[0]!.parsed.text).toContain(`${BASE}/incidents/${incident.id}`);
    expect(mails[0]!.parsed.text).toContain(`${BASE}/health/providers/mapbox#playbook-what-to-check`);

    const generic = hooks.received.find((r) => r.path === '/generic' && r.status === 200)!.body as { type: string; incident: Record<string, unknown> };
    expect(generic.type).toBe('incident.opened');
    expect(generic.incident).toMatchObject({ id: incident.id, provider: 'mapbox', severity: 'CRITICAL', status: 'OPEN', findings: [finding], links: { incident: `${BASE}/incidents/${incident.id}` } });
    const slack = hooks.received.find((r) => r.path === '/slack' && r.status === 200)!.body as { text: string; blocks: unknown[] };
    expect(slack.text).toBe(`[CRITICAL] Mapbox: incident #${incident.number} opened: 40% errors (40 of 100) in 5 min`);
    expect(slack.blocks).toHaveLength(2);

    // Every attempt is an integration event of its provider, attempt numbers in order.
    expect(await eventsFor(rows[0]!.id)).toEqual([
      { provider: 'smtp', event: 'smtp_error', ok: false, attempt: 1, error_code: '421' },
      { provider: 'smtp', event: 'smtp_error', ok: false, attempt: 2, error_code: '421' },
      { provider: 'smtp', event: 'smtp_alert_sent', ok: true, attempt: 3, error_code: null },
    ]);
    expect(await eventsFor(rows[1]!.id)).toEqual([
      { provider: 'webhook', event: 'webhook_error', ok: false, attempt: 1, error_code: '503' },
      { provider: 'webhook', event: 'webhook_error', ok: false, attempt: 2, error_code: '503' },
      { provider: 'webhook', event: 'webhook_delivered', ok: true, attempt: 3, error_code: null },
    ]);

    const timeline = await getDb().incidentTimelineEntry.findMany({ where: { incidentId: incident.id }, orderBy: { at: 'asc' }, select: { kind: true, body: true } });
    expect(timeline.filter((t) => t.kind === 'NOTIFICATION_SENT').map((t) => t.body).sort()).toEqual([
      'open notification sent to Admins (e-mail) (attempt 3)',
      'open notification sent to Generic hook (attempt 3)',
      'open notification sent to Slack #ops (attempt 2)',
    ]);
  });

  it('gives up on a 4xx at once and on a failing hook after the last attempt, and says so on the timeline', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    // Only these two hooks for this incident: the others are disabled.
    await getDb().notificationChannel.updateMany({ data: { enabled: false } });
    await createChannel({ input: { name: 'Gone hook', kind: 'WEBHOOK', url: hooks.url('/gone') }, actorId: admin.id });
    await createChannel({ input: { name: 'Down hook', kind: 'WEBHOOK', url: hooks.url('/down') }, actorId: admin.id });

    const t0 = new Date();
    await applyFindings({ provider: 'paytr', findings: [finding], now: t0, holdDownSec: 600 });
    const incident = await getDb().incident.findFirstOrThrow({ where: { provider: 'paytr', status: 'OPEN' }, select: { id: true } });

    expect(await deliver(t0, 2)).toEqual({ sent: 0, retrying: 1, failed: 1 });
    expect(await deliver(new Date(t0.getTime() + 5000), 2)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const rows = await deliveries(incident.id);
    expect(rows.map((r) => [r.channel.name, r.status, r.attempts, r.lastError])).toEqual([
      ['Down hook', 'FAILED', 2, '503: Webhook answered 503: Service Unavailable'],
      ['Gone hook', 'FAILED', 1, '404: Webhook answered 404: Not Found'],
    ]);
    // Nothing more is tried.
    expect(await deliver(new Date(t0.getTime() + 3600_000), 2)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const failed = await getDb().incidentTimelineEntry.findMany({ where: { incidentId: incident.id, kind: 'NOTIFICATION_FAILED' }, select: { body: true } });
    expect(failed.map((f) => f.body).sort()).toEqual([
      'open notification to Down hook failed after 2 attempt(s): Webhook answered 503: Service Unavailable',
      'open notification to Gone hook failed after 1 attempt(s): Webhook answered 404: Not Found',
    ]);
  });
});
