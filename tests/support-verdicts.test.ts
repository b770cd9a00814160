// computeVerdicts is pure: every rule of the diagnostics page's verdicts, from facts alone.
import { describe, expect, it } from 'vitest';
import { computeVerdicts, smtpCode, type VerdictFacts } from '../server/support/compute-verdicts.ts';
import type { TDiagEvent, TDiagIcsLink } from '../shared/support.ts';
import type { TReminderDelivery } from '../shared/reminders.ts';
import type { TGoogleConnection } from '../shared/google.ts';

const NOW = new Date('2030-03-12T12:00:00.000Z');
const min = (m: number) => new Date(NOW.getTime() + m * 60_000);

function event(over: Partial<TDiagEvent> = {}): TDiagEvent {
  return {
    id: 'e1',
    title: 'Hearing',
    startsAt: min(60),
    endsAt: min(120),
    timezone: 'UTC',
    allDay: false,
    reminderMinutes: 30,
    reminderSentAt: null,
    deletedAt: null,
    private: false,
    description: null,
    descriptionWithheld: false,
    owner: { id: 'u1', name: 'Uma', email: 'uma@example.com' },
    relation: 'OWNER',
    attendees: [],
    when: 'UPCOMING',
    ...over,
  };
}

function delivery(e: TDiagEvent, over: Partial<TReminderDelivery> = {}): TReminderDelivery {
  return {
    id: `d-${Math.random()}`,
    eventId: e.id,
    eventTitle: e.title,
    recipient: 'uma@example.com',
    recipientUserId: null,
    windowKey: `${e.startsAt.toISOString()}|${e.reminderMinutes}`,
    status: 'SENT',
    attempts: 1,
    lastAttemptAt: min(-5),
    nextAttemptAt: null,
    sentAt: min(-5),
    smtpResponse: '250 Queued',
    errorCode: null,
    messageId: null,
    createdAt: min(-5),
    ...over,
  };
}

type Account = NonNullable<TGoogleConnection['account']>;
function google(over: Partial<Account> | null): TGoogleConnection {
  if (over === null) return { configured: true, demo: false, demoControlUrl: null, account: null };
  return {
    configured: true,
    demo: false,
    demoControlUrl: null,
    account: {
      id: 'a1',
      email: 'uma@gmail.test',
      status: 'ACTIVE',
      statusChangedAt: min(-10_000),
      scope: 'calendar',
      connectedAt: min(-10_000),
      accessTokenExpiresAt: min(30),
      lastRefreshAt: min(-30),
      lastRefreshError: null,
      reauthEmailSentAt: null,
      lastSyncAt: min(-2),
      lastFullSyncAt: min(-10_000),
      lastSyncError: null,
      lastSyncErrorAt: null,
      cooldownUntil: null,
      channelExpiresAt: min(10_000),
      pendingPushes: 0,
      failedPushes: 0,
      lastPushError: null,
      recentErrors: [],
      ...over,
    },
  };
}

function link(over: Partial<TDiagIcsLink> = {}): TDiagIcsLink {
  return { id: 'l1', name: 'iPhone', mode: 'FULL', prefix: 'abcd', createdAt: min(-10_000), lastUsedAt: min(-60), lastUserAgent: 'Apple Calendar', revokedAt: null, ...over };
}

function facts(over: Partial<VerdictFacts>): VerdictFacts {
  return { now: NOW, events: [], deliveries: [], google: google(null), pushes: [], icsLinks: [], syncIntervalSec: 300, graceMinutes: 5, ...over };
}

const only = (f: Partial<VerdictFacts>, kind: 'event' | 'delivery' | 'google' | 'ics') =>
  computeVerdicts(facts(f)).filter((v) => (kind === 'event' ? v.target.kind === 'event' || v.target.kind === 'delivery' : v.target.kind === kind));

describe('[CAL-O2][SUPPORT][VERDICTS] reminders', () => {
  it('sent: every recipient accepted, with when and to how many', () => {
    const e = event({ startsAt: min(20), reminderSentAt: min(-10) });
    const [v] = only({ events: [e], deliveries: [delivery(e), delivery(e, { recipient: 'ada@example.com' })] }, 'event');
    expect(v).toEqual({ code: 'reminderSent', severity: 'ok', values: { title: 'Hearing', at: min(-10), recipients: 2 }, target: { kind: 'event', eventId: 'e1' } });
  });

  it('bounced: a 5xx for one of three recipients is an error naming the code and linking the delivery', () => {
    const e = event({ startsAt: min(20), reminderSentAt: min(-10) });
    const bounce = delivery(e, { recipient: 'ghost@example.com', status: 'FAILED', sentAt: null, smtpResponse: '550 5.1.1 <ghost@example.com>: Recipient address rejected', errorCode: 'EENVELOPE' });
    const [v] = only({ events: [e], deliveries: [delivery(e), delivery(e, { recipient: 'ada@example.com' }), bounce] }, 'event');
    expect(v).toEqual({
      code: 'reminderBounced',
      severity: 'error',
      values: { title: 'Hearing', at: min(-10), recipients: 3, sent: 2, failed: 1, recipient: 'ghost@example.com', code: '550' },
      target: { kind: 'delivery', eventId: 'e1', deliveryId: bounce.id },
    });
  });

  it('retrying: a 4xx deferral is a warning with the next attempt', () => {
    const e = event({ startsAt: min(20) });
    const deferred = delivery(e, { status: 'RETRYING', sentAt: null, attempts: 2, smtpResponse: '421 4.7.0 Try again later', nextAttemptAt: min(3) });
    const [v] = only({ events: [e], deliveries: [deferred] }, 'event');
    expect(v).toMatchObject({ code: 'reminderRetrying', severity: 'warn', values: { code: '421', attempts: 2, next: min(3), recipient: 'uma@example.com' } });
  });

  it('not sent yet: the window has not opened, with the due time', () => {
    const [v] = only({ events: [event({ startsAt: min(60), reminderMinutes: 30 })] }, 'event');
    expect(v).toMatchObject({ code: 'reminderScheduled', severity: 'ok', values: { due: min(30) } });
  });

  it('no reminder set', () => {
    const [v] = only({ events: [event({ reminderMinutes: null })] }, 'event');
    expect(v).toMatchObject({ code: 'reminderNone', severity: 'warn', values: { title: 'Hearing' } });
  });

  it('the event began before its window was served: not sent, by rule', () => {
    const [v] = only({ events: [event({ startsAt: min(-30), reminderMinutes: 15, when: 'RECENT' })] }, 'event');
    expect(v).toMatchObject({ code: 'reminderTooLate', severity: 'warn', values: { due: min(-45), start: min(-30) } });
  });

  it('due and still unsent before the start: overdue (the scan has not served it)', () => {
    const [v] = only({ events: [event({ startsAt: min(10), reminderMinutes: 30 })] }, 'event');
    expect(v).toMatchObject({ code: 'reminderOverdue', severity: 'warn', values: { due: min(-20) } });
  });

  it('an old window of a moved event is history; a manual resend counts', () => {
    const e = event({ startsAt: min(20), reminderSentAt: null });
    const old = delivery(e, { windowKey: `${min(-1000).toISOString()}|30`, status: 'FAILED', smtpResponse: '550 no' });
    expect(only({ events: [e], deliveries: [old] }, 'event')[0]!.code).toBe('reminderOverdue');
    const manual = delivery(e, { windowKey: `manual:${min(-1).toISOString()}` });
    expect(only({ events: [e], deliveries: [old, manual] }, 'event')[0]!.code).toBe('reminderSent');
  });

  it('errors come first; cancelled events have none', () => {
    const fine = event({ id: 'e0', title: 'Fine', reminderSentAt: min(-1), startsAt: min(20) });
    const bad = event({ id: 'e2', title: 'Bad', startsAt: min(20) });
    const vs = computeVerdicts(facts({ events: [fine, bad, event({ id: 'e3', deletedAt: min(-1) })], deliveries: [delivery(bad, { status: 'FAILED', smtpResponse: '554 rejected' })] }));
    expect(vs.filter((v) => v.code.startsWith('reminder')).map((v) => [v.code, v.values.title])).toEqual([
      ['reminderBounced', 'Bad'],
      ['reminderSent', 'Fine'],
    ]);
  });

  it('smtpCode reads the reply code, else the error code', () => {
    expect(smtpCode({ smtpResponse: '550 5.1.1 unknown', errorCode: 'EENVELOPE' })).toBe('550');
    expect(smtpCode({ smtpResponse: 'connect ECONNREFUSED', errorCode: 'ECONNECTION' })).toBe('ECONNECTION');
  });
});

describe('[CAL-O2][SUPPORT][VERDICTS] Google', () => {
  it('not connected', () => {
    expect(only({ google: google(null) }, 'google')).toEqual([{ code: 'googleNotConnected', severity: 'warn', values: {}, target: { kind: 'google' } }]);
  });

  it('ACTIVE and synced within two intervals', () => {
    expect(only({ google: google({ lastSyncAt: min(-9) }) }, 'google')).toEqual([
      { code: 'googleSynced', severity: 'ok', values: { at: min(-9), email: 'uma@gmail.test' }, target: { kind: 'google' } },
    ]);
  });

  it('stale: no successful sync for more than 2 x GOOGLE_SYNC_INTERVAL_SEC', () => {
    const [v] = only({ google: google({ lastSyncAt: min(-11), lastSyncError: '503 backendError' }) }, 'google');
    expect(v).toMatchObject({ code: 'googleStale', severity: 'error', values: { since: min(-11), never: 0, error: '503 backendError', intervalMin: 5 } });
    const [never] = only({ google: google({ lastSyncAt: null }) }, 'google');
    expect(never).toMatchObject({ code: 'googleStale', values: { never: 1 } });
  });

  it('REAUTH_REQUIRED, saying whether the reconnect e-mail went out', () => {
    const revoked = { status: 'REAUTH_REQUIRED' as const, statusChangedAt: min(-2 * 1440), lastRefreshError: 'invalid_grant: Token has been expired or revoked.' };
    expect(only({ google: google({ ...revoked, reauthEmailSentAt: min(-2 * 1440 + 1) }) }, 'google')).toEqual([
      {
        code: 'googleReauthEmailed',
        severity: 'error',
        values: { since: min(-2 * 1440), reason: 'invalid_grant: Token has been expired or revoked.', email: 'uma@gmail.test', emailedAt: min(-2 * 1440 + 1) },
        target: { kind: 'google' },
      },
    ]);
    expect(only({ google: google(revoked) }, 'google')[0]).toMatchObject({ code: 'googleReauthNotEmailed', severity: 'error' });
  });

  it('FAILED pushes are an error linking the first event; long-pending pushes a warning', () => {
    const vs = only(
      {
        google: google({ failedPushes: 1, pendingPushes: 1 }),
        pushes: [
          { eventId: 'e9', title: 'Filing', state: 'FAILED', attempts: 5, lastError: '403 forbidden', pendingSince: min(-60), lastPushedAt: null },
          { eventId: 'e8', title: 'Call', state: 'PENDING', attempts: 1, lastError: null, pendingSince: min(-30), lastPushedAt: null },
        ],
      },
      'google',
    );
    const all = computeVerdicts(facts({ google: google({ failedPushes: 1 }), pushes: [{ eventId: 'e9', title: 'Filing', state: 'FAILED', attempts: 5, lastError: '403 forbidden', pendingSince: min(-60), lastPushedAt: null }] }));
    expect(all.find((v) => v.code === 'googlePushFailed')).toEqual({
      code: 'googlePushFailed',
      severity: 'error',
      values: { count: 1, title: 'Filing', error: '403 forbidden' },
      target: { kind: 'event', eventId: 'e9' },
    });
    // The FAILED one links its event, so only the pending warning and the sync state target the Google section.
    expect(vs.map((v) => v.code)).toEqual(['googlePushPending', 'googleSynced']);
  });
});

describe('[CAL-O2][SUPPORT][VERDICTS] ICS links', () => {
  it('never fetched, fetched recently, and stale', () => {
    const vs = only({ icsLinks: [link({ id: 'a', lastUsedAt: null }), link({ id: 'b' }), link({ id: 'c', lastUsedAt: min(-49 * 60) })] }, 'ics');
    expect(vs.map((v) => [v.code, v.severity, v.target])).toEqual([
      ['icsNeverFetched', 'warn', { kind: 'ics', linkId: 'a' }],
      ['icsStale', 'warn', { kind: 'ics', linkId: 'c' }],
      ['icsFetched', 'ok', { kind: 'ics', linkId: 'b' }],
    ]);
    expect(vs[2]!.values).toEqual({ name: 'iPhone', at: min(-60), client: 'Apple Calendar' });
  });

  it('all revoked; no links at all says nothing', () => {
    expect(only({ icsLinks: [link({ revokedAt: min(-5) }), link({ id: 'x', revokedAt: min(-3) })] }, 'ics')).toEqual([
      { code: 'icsAllRevoked', severity: 'warn', values: { count: 2, at: min(-3) }, target: { kind: 'ics', linkId: null } },
    ]);
    expect(only({ icsLinks: [] }, 'ics')).toEqual([]);
  });
});
