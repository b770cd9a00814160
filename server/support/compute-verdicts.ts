// The verdicts at the top of the diagnostics page, from the facts alone (no database, no clock
// of its own): support reads a sentence first and the facts below it. Order follows the
// runbook (CAL-O2): reminders of the events, then the Google Account, then ICS links; within
// each, the worst first.
import type { TDiagEvent, TDiagIcsLink, TDiagPush, TVerdict, TVerdictSeverity } from '../../shared/support.ts';
import { ICS_RECENT_FETCH_HOURS } from '../../shared/support.ts';
import type { TGoogleConnection } from '../../shared/google.ts';
import type { TReminderDelivery } from '../../shared/reminders.ts';

export type VerdictFacts = {
  now: Date;
  events: TDiagEvent[];
  deliveries: TReminderDelivery[];
  google: TGoogleConnection;
  pushes: TDiagPush[];
  icsLinks: TDiagIcsLink[];
  syncIntervalSec: number;
  /** Minutes after the start a reminder may still go out (the scan's grace period). */
  graceMinutes: number;
};

const RANK: Record<TVerdictSeverity, number> = { error: 0, warn: 1, ok: 2 };
const bySeverity = (a: TVerdict, b: TVerdict) => RANK[a.severity] - RANK[b.severity];

/** "550 5.1.1 <x>: user unknown" -> "550"; the error code (EENVELOPE, ETIMEDOUT) when there is no reply code. */
export function smtpCode(d: Pick<TReminderDelivery, 'smtpResponse' | 'errorCode'>): string {
  const reply = d.smtpResponse?.match(/^\s*(\d{3})\b/);
  return reply?.[1] ?? d.errorCode ?? '?';
}

function reminderVerdict(event: TDiagEvent, deliveries: TReminderDelivery[], f: VerdictFacts): TVerdict | null {
  const target = { kind: 'event' as const, eventId: event.id };
  const title = event.title;
  if (event.deletedAt) return null;
  if (event.reminderMinutes === null) return { code: 'reminderNone', severity: 'warn', values: { title }, target };
  const dueAt = new Date(event.startsAt.getTime() - event.reminderMinutes * 60_000);
  // The scheduled window's rows, or any manual resend; a moved event's old window is history.
  const windowKey = `${event.startsAt.toISOString()}|${event.reminderMinutes}`;
  const rows = deliveries.filter((d) => d.eventId === event.id && (d.windowKey === windowKey || d.windowKey.startsWith('manual:')));
  if (rows.length > 0) {
    const sent = rows.filter((d) => d.status === 'SENT');
    const failed = rows.filter((d) => d.status === 'FAILED');
    const retrying = rows.filter((d) => d.status === 'RETRYING' || d.status === 'PENDING');
    const lastSent = sent.reduce<Date | null>((max, d) => (d.sentAt && (!max || d.sentAt > max) ? d.sentAt : max), null);
    const at = event.reminderSentAt ?? lastSent ?? rows[0]!.lastAttemptAt ?? rows[0]!.createdAt;
    const recipients = new Set(rows.map((d) => d.recipient)).size;
    if (failed.length > 0) {
      const first = failed[0]!;
      return {
        code: 'reminderBounced',
        severity: 'error',
        values: { title, at, recipients, sent: sent.length, failed: failed.length, recipient: first.recipient, code: smtpCode(first) },
        target: { kind: 'delivery', eventId: event.id, deliveryId: first.id },
      };
    }
    if (retrying.length > 0) {
      const first = retrying[0]!;
      return {
        code: 'reminderRetrying',
        severity: 'warn',
        values: { title, recipient: first.recipient, code: smtpCode(first), attempts: first.attempts, next: first.nextAttemptAt ?? f.now, sent: sent.length, recipients },
        target: { kind: 'delivery', eventId: event.id, deliveryId: first.id },
      };
    }
    return { code: 'reminderSent', severity: 'ok', values: { title, at, recipients: sent.length }, target };
  }
  if (event.reminderSentAt) return { code: 'reminderSent', severity: 'ok', values: { title, at: event.reminderSentAt, recipients: 0 }, target };
  if (dueAt > f.now) return { code: 'reminderScheduled', severity: 'ok', values: { title, due: dueAt }, target };
  // By rule no reminder goes out once the event has begun (beyond the grace period): it was
  // created, moved or given its reminder too late for any scan to send it in its window.
  if (event.startsAt.getTime() + f.graceMinutes * 60_000 <= f.now.getTime()) {
    return { code: 'reminderTooLate', severity: 'warn', values: { title, due: dueAt, start: event.startsAt }, target };
  }
  return { code: 'reminderOverdue', severity: 'warn', values: { title, due: dueAt }, target };
}

function googleVerdicts(f: VerdictFacts): TVerdict[] {
  const target = { kind: 'google' as const };
  const account = f.google.account;
  if (!account) return [{ code: 'googleNotConnected', severity: 'warn', values: {}, target }];
  const out: TVerdict[] = [];
  if (account.status === 'REAUTH_REQUIRED') {
    const values = { since: account.statusChangedAt, reason: account.lastRefreshError ?? '—', email: account.email };
    out.push(
      account.reauthEmailSentAt
        ? { code: 'googleReauthEmailed', severity: 'error', values: { ...values, emailedAt: account.reauthEmailSentAt }, target }
        : { code: 'googleReauthNotEmailed', severity: 'error', values, target },
    );
  } else {
    const staleMs = 2 * f.syncIntervalSec * 1000;
    const last = account.lastSyncAt;
    if (!last || f.now.getTime() - last.getTime() > staleMs) {
      out.push({
        code: 'googleStale',
        severity: 'error',
        values: { since: last ?? account.connectedAt, never: last ? 0 : 1, error: account.lastSyncError ?? '—', intervalMin: Math.round(f.syncIntervalSec / 60) },
        target,
      });
    } else {
      out.push({ code: 'googleSynced', severity: 'ok', values: { at: last, email: account.email }, target });
    }
  }
  const failed = f.pushes.filter((p) => p.state === 'FAILED');
  if (failed.length > 0 || account.failedPushes > 0) {
    out.push({
      code: 'googlePushFailed',
      severity: 'error',
      values: { count: Math.max(failed.length, account.failedPushes), title: failed[0]?.title ?? '—', error: failed[0]?.lastError ?? account.lastPushError ?? '—' },
      target: failed[0] ? { kind: 'event', eventId: failed[0].eventId } : target,
    });
  }
  const stuck = f.pushes.filter((p) => p.state === 'PENDING' && p.pendingSince && f.now.getTime() - p.pendingSince.getTime() > 2 * f.syncIntervalSec * 1000);
  if (stuck.length > 0) {
    const oldest = stuck.reduce((a, b) => (a.pendingSince! < b.pendingSince! ? a : b));
    out.push({ code: 'googlePushPending', severity: 'warn', values: { count: stuck.length, since: oldest.pendingSince! }, target });
  }
  return out.sort(bySeverity);
}

function icsVerdicts(f: VerdictFacts): TVerdict[] {
  if (f.icsLinks.length === 0) return [];
  const active = f.icsLinks.filter((l) => !l.revokedAt);
  if (active.length === 0) {
    const lastRevoked = f.icsLinks.reduce((max, l) => (l.revokedAt! > max ? l.revokedAt! : max), f.icsLinks[0]!.revokedAt!);
    return [{ code: 'icsAllRevoked', severity: 'warn', values: { count: f.icsLinks.length, at: lastRevoked }, target: { kind: 'ics', linkId: null } }];
  }
  const recentMs = ICS_RECENT_FETCH_HOURS * 3600_000;
  return active
    .map((l): TVerdict => {
      const target = { kind: 'ics' as const, linkId: l.id };
      if (!l.lastUsedAt) return { code: 'icsNeverFetched', severity: 'warn', values: { name: l.name, created: l.createdAt }, target };
      const values = { name: l.name, at: l.lastUsedAt, client: l.lastUserAgent ?? '—' };
      return f.now.getTime() - l.lastUsedAt.getTime() <= recentMs
        ? { code: 'icsFetched', severity: 'ok', values, target }
        : { code: 'icsStale', severity: 'warn', values: { ...values, hours: ICS_RECENT_FETCH_HOURS }, target };
    })
    .sort(bySeverity);
}

export function computeVerdicts(f: VerdictFacts): TVerdict[] {
  const reminders = f.events
    .map((e) => reminderVerdict(e, f.deliveries, f))
    .filter((v): v is TVerdict => v !== null)
    .sort(bySeverity);
  return [...reminders, ...googleVerdicts(f), ...icsVerdicts(f)];
}
