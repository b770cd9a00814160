// Sends due notification rows (alerts.deliver job, and right after each evaluation). A row is
// claimed with FOR UPDATE SKIP LOCKED and a lease, its attempt counted before the send, so two
// senders never send one row at once and a sender that died mid-send leaves it claimable again.
// Every attempt is an integration event (smtp or webhook; a sent alert mail is smtp_alert_sent, not
// the reminders' smtp_email_sent, so a post-release check for reminder mail is not passed by an
// alert about the release); a failure is retried with exponential
// backoff and jitter, and after the last attempt the row is FAILED and the timeline says so:
// a notification is never silently lost.
import { getDb, getPool } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import { providerErrorCode, withIntegrationEvent } from '../integrations/log-integration-event.ts';
import { currentMailer, type Mailer } from '../reminders/mailer.ts';
import { isPermanentSmtpError, retryDelayMs } from '../reminders/send-reminder-delivery.ts';
import type { TFinding } from '../../shared/alerts.ts';
import type { NotificationKind } from './queue-notifications.ts';
import { notificationLinks, renderEmail, renderSlackBody, renderWebhookBody, type NotificationIncident } from './render-notification.ts';
import { addTimelineEntry } from './timeline.ts';

const log = taggedLogger('alerts');
const LEASE_MS = 2 * 60_000;
const WEBHOOK_TIMEOUT_MS = 10_000;
const BATCH = 50;

export type DeliverOptions = {
  now?: Date;
  baseUrl: string;
  maxAttempts: number;
  retryBaseMs: number;
  /** Defaults to the process's mailer (SMTP_URL or the mail catcher). */
  mailer?: Mailer | null;
  jobId?: string;
};

export type DeliverResult = { sent: number; retrying: number; failed: number };

class WebhookError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`Webhook answered ${status}${body ? `: ${body.slice(0, 300)}` : ''}`);
    this.name = 'WebhookError';
  }
}

/** Whether another attempt could succeed: 4xx other than 408/429 and SMTP 5xx will not. */
function isPermanent(error: unknown): boolean {
  if (error instanceof WebhookError) return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
  if ((error as { permanent?: boolean }).permanent) return true;
  return isPermanentSmtpError(error);
}

const messageOf = (error: unknown) => {
  const e = error as { response?: unknown; message?: unknown };
  return String(typeof e?.response === 'string' ? e.response : (e?.message ?? error)).slice(0, 1000);
};

type Claimed = { id: string; incidentId: string; channelId: string; kind: NotificationKind; attempts: number };

async function claimDue(now: Date): Promise<Claimed[]> {
  const { rows } = await getPool().query<Claimed>(
    `UPDATE notification_deliveries d SET attempts = d.attempts + 1, last_attempt_at = $1, locked_until = $1::timestamptz + $3::interval
     WHERE d.id IN (
       SELECT id FROM notification_deliveries
       WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
       ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING d.id, d.incident_id AS "incidentId", d.channel_id AS "channelId", d.kind::text AS kind, d.attempts`,
    [now, BATCH, `${LEASE_MS} milliseconds`],
  );
  return rows;
}

async function loadIncident(id: string): Promise<NotificationIncident> {
  const row = await getDb().incident.findUniqueOrThrow({
    where: { id },
    select: { id: true, number: true, provider: true, status: true, severity: true, summary: true, openedAt: true, resolvedAt: true, trigger: true, latest: true },
  });
  const provider = await getDb().provider.findUnique({ where: { key: row.provider }, select: { displayName: true } });
  const latest = Array.isArray(row.latest) && row.latest.length ? row.latest : row.trigger;
  return { ...row, providerName: provider?.displayName ?? row.provider, findings: (latest as unknown as TFinding[]) ?? [] };
}

async function adminAddresses(): Promise<string[]> {
  const admins = await getDb().user.findMany({ where: { role: 'ADMIN', disabledAt: null }, select: { email: true }, orderBy: { email: 'asc' } });
  return admins.map((a) => a.email);
}

async function sendOne(row: Claimed, opts: DeliverOptions & { now: Date }): Promise<string> {
  const channel = await getDb().notificationChannel.findUniqueOrThrow({ where: { id: row.channelId }, select: { kind: true, url: true, name: true } });
  const incident = await loadIncident(row.incidentId);
  const links = notificationLinks(opts.baseUrl, incident);
  const context = { correlationId: row.id, jobId: opts.jobId, attempt: Math.min(row.attempts, 100), metadata: { kind: 'incident', incidentId: incident.id, notification: row.kind, channelId: row.channelId } };
  if (channel.kind === 'EMAIL') {
    const to = await adminAddresses();
    if (to.length === 0) throw Object.assign(new Error('No active admin to e-mail'), { permanent: true });
    const mailer = opts.mailer === undefined ? await currentMailer() : opts.mailer;
    // Not a provider call: nothing was attempted, so no integration event; the row still retries.
    if (!mailer) throw new Error('No SMTP server configured (SMTP_URL is unset and no mail catcher runs)');
    const mail = renderEmail(row.kind, incident, links);
    const host = new URL(opts.baseUrl).hostname || 'opsdeck.local';
    const info = await withIntegrationEvent('smtp', { ok: 'smtp_alert_sent', error: 'smtp_error' }, () => mailer.send({ to, ...mail, messageId: `<incident.${row.id}.${row.attempts}@${host}>` }), context);
    return info.response.slice(0, 1000);
  }
  if (!channel.url) throw Object.assign(new Error('The channel has no URL'), { permanent: true });
  const body = channel.kind === 'SLACK' ? renderSlackBody(row.kind, incident, links) : renderWebhookBody(row.kind, incident, links);
  return withIntegrationEvent(
    'webhook',
    { ok: 'webhook_delivered', error: 'webhook_error' },
    async () => {
      const res = await fetch(channel.url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'opsdeck-alerts', 'x-opsdeck-delivery': row.id },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      const text = await res.text().catch(() => '');
      if (!res.ok) throw new WebhookError(res.status, text);
      return `${res.status} ${text.slice(0, 200)}`.trim();
    },
    context,
  );
}

export async function deliverNotifications(opts: DeliverOptions): Promise<DeliverResult> {
  const now = opts.now ?? new Date();
  const result: DeliverResult = { sent: 0, retrying: 0, failed: 0 };
  for (const row of await claimDue(now)) {
    try {
      const response = await sendOne(row, { ...opts, now });
      await getDb().$transaction(async (tx) => {
        await tx.notificationDelivery.update({ where: { id: row.id }, data: { status: 'SENT', sentAt: new Date(), response, lastError: null, lockedUntil: null }, select: { id: true } });
        const channel = await tx.notificationChannel.findUnique({ where: { id: row.channelId }, select: { name: true } });
        await addTimelineEntry(tx, { incidentId: row.incidentId, kind: 'NOTIFICATION_SENT', body: `${row.kind.toLowerCase()} notification sent to ${channel?.name ?? 'a channel'} (attempt ${row.attempts})` });
      });
      result.sent++;
    } catch (error) {
      const final = isPermanent(error) || row.attempts >= opts.maxAttempts;
      const lastError = messageOf(error);
      const code = providerErrorCode(error);
      const nextAttemptAt = final ? now : new Date(now.getTime() + retryDelayMs(row.attempts, opts.retryBaseMs));
      log.warn({ deliveryId: row.id, incidentId: row.incidentId, attempts: row.attempts, code, final, nextAttemptAt }, 'incident notification failed');
      await getDb().$transaction(async (tx) => {
        await tx.notificationDelivery.update({
          where: { id: row.id },
          data: { status: final ? 'FAILED' : 'RETRYING', lastError: code ? `${code}: ${lastError}`.slice(0, 1000) : lastError, nextAttemptAt, lockedUntil: null },
          select: { id: true },
        });
        if (final) {
          const channel = await tx.notificationChannel.findUnique({ where: { id: row.channelId }, select: { name: true } });
          await addTimelineEntry(tx, {
            incidentId: row.incidentId,
            kind: 'NOTIFICATION_FAILED',
            body: `${row.kind.toLowerCase()} notification to ${channel?.name ?? 'a channel'} failed after ${row.attempts} attempt(s): ${lastError}`,
          });
        }
      });
      if (final) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}
