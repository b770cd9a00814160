// Support diagnostics (issue 9, CAL-O2): one user's facts in the runbook's order (events with
// reminderMinutes, reminderSentAt and attendees; deliveries; then the Google Account), the
// verdicts computed from them, and support's actions. Verdicts carry an i18n key and values,
// never server-side English: the page words them in the viewer's language.
import { z } from 'zod';
import { ZRsvpStatus } from './calendar-events.ts';
import { ZGoogleConnection, ZSyncNowResult, LINK_STATES } from './google.ts';
import { ZIcsFeedMode } from './ics.ts';
import { ZStoredIntegrationEvent } from './integration-health.ts';
import { ZReminderDelivery } from './reminders.ts';
import { ROLES } from './roles.ts';

export const SUPPORT_UPCOMING_DAYS = 14;
export const SUPPORT_RECENT_DAYS = 7;
export const SUPPORT_FIND_LIMIT = 20;
/** An ICS link fetched within this long counts as in use (calendar apps poll hourly to daily). */
export const ICS_RECENT_FETCH_HOURS = 48;
/** Longest private-event grant an admin can give. */
export const PRIVATE_GRANT_MAX_HOURS = 72;

const ZUserId = z.uuid({ error: 'Not a user id' });

export const ZSupportFindUsersInput = z.object({
  query: z.string().trim().min(2, { error: 'Type at least 2 characters' }).max(200, { error: 'At most 200 characters' }),
});

export const ZSupportUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  timezone: z.string(),
  locale: z.string(),
  disabledAt: z.date().nullable(),
  lastSignInAt: z.date().nullable(),
});
export type TSupportUser = z.infer<typeof ZSupportUser>;

export const ZSupportFindUsersOutput = z.object({ items: z.array(ZSupportUser), limited: z.boolean() });

export const ZSupportUserInput = z.object({ userId: ZUserId });

export const ZDiagEvent = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  timezone: z.string(),
  allDay: z.boolean(),
  reminderMinutes: z.number().int().nullable(),
  reminderSentAt: z.date().nullable(),
  deletedAt: z.date().nullable(),
  private: z.boolean(),
  /** Null when empty or withheld; `descriptionWithheld` tells which. */
  description: z.string().nullable(),
  descriptionWithheld: z.boolean(),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  /** How the diagnosed user relates to it. */
  relation: z.enum(['OWNER', 'ATTENDEE']),
  attendees: z.array(z.object({ email: z.string(), name: z.string().nullable(), userId: z.string().nullable(), rsvp: ZRsvpStatus })),
  /** Upcoming: starts within the next days; recent: started within the last days. */
  when: z.enum(['UPCOMING', 'RECENT']),
});
export type TDiagEvent = z.infer<typeof ZDiagEvent>;

export const ZDiagPush = z.object({
  eventId: z.string(),
  title: z.string(),
  state: z.enum(LINK_STATES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  pendingSince: z.date().nullable(),
  lastPushedAt: z.date().nullable(),
});
export type TDiagPush = z.infer<typeof ZDiagPush>;

export const ZDiagIcsLink = z.object({
  id: z.string(),
  name: z.string(),
  mode: ZIcsFeedMode,
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  lastUserAgent: z.string().nullable(),
  revokedAt: z.date().nullable(),
});
export type TDiagIcsLink = z.infer<typeof ZDiagIcsLink>;

export const VERDICT_SEVERITIES = ['ok', 'warn', 'error'] as const;
export const ZVerdictSeverity = z.enum(VERDICT_SEVERITIES);
export type TVerdictSeverity = z.infer<typeof ZVerdictSeverity>;

/** Each code is an i18n key under support.verdict.* (en and tr). */
export const VERDICT_CODES = [
  'reminderSent',
  'reminderBounced',
  'reminderRetrying',
  'reminderScheduled',
  'reminderOverdue',
  'reminderNone',
  'reminderTooLate',
  'googleNotConnected',
  'googleSynced',
  'googleStale',
  'googleReauthEmailed',
  'googleReauthNotEmailed',
  'googlePushFailed',
  'googlePushPending',
  'icsNeverFetched',
  'icsFetched',
  'icsStale',
  'icsAllRevoked',
] as const;
export const ZVerdictCode = z.enum(VERDICT_CODES);
export type TVerdictCode = z.infer<typeof ZVerdictCode>;

export const ZVerdictTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), eventId: z.string() }),
  z.object({ kind: z.literal('delivery'), eventId: z.string(), deliveryId: z.string() }),
  z.object({ kind: z.literal('google') }),
  z.object({ kind: z.literal('ics'), linkId: z.string().nullable() }),
]);
export type TVerdictTarget = z.infer<typeof ZVerdictTarget>;

export const ZVerdict = z.object({
  code: ZVerdictCode,
  severity: ZVerdictSeverity,
  /** Interpolation values; Dates are formatted by the page in the viewer's zone. */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.date()])),
  target: ZVerdictTarget,
});
export type TVerdict = z.infer<typeof ZVerdict>;

export const ZDiagnosis = z.object({
  generatedAt: z.date(),
  user: ZSupportUser,
  /** Upcoming first (soonest first), then recent (latest first). */
  events: z.array(ZDiagEvent),
  deliveries: z.array(ZReminderDelivery),
  google: ZGoogleConnection,
  pushes: z.array(ZDiagPush),
  icsLinks: z.array(ZDiagIcsLink),
  integrationEvents: z.array(ZStoredIntegrationEvent),
  verdicts: z.array(ZVerdict),
  syncIntervalSec: z.number().int(),
});
export type TDiagnosis = z.infer<typeof ZDiagnosis>;

// ---- actions ----

export const ZResendReminderInput = z.object({
  eventId: z.uuid({ error: 'Not an event id' }),
  /** One recipient's address; all recipients when absent. */
  recipient: z.string().trim().toLowerCase().max(320).optional(),
});

export const RESEND_OUTCOMES = ['SENT', 'RETRYING', 'FAILED', 'DECLINED', 'DISABLED'] as const;
export const ZResendReminderResult = z.object({
  eventId: z.string(),
  title: z.string(),
  windowKey: z.string(),
  recipients: z.array(
    z.object({ email: z.string(), outcome: z.enum(RESEND_OUTCOMES), attempts: z.number().int(), smtpResponse: z.string().nullable(), deliveryId: z.string().nullable() }),
  ),
});
export type TResendReminderResult = z.infer<typeof ZResendReminderResult>;

export const ZSupportSyncResult = ZSyncNowResult;

export const ZReconnectResult = z.object({
  accountId: z.string(),
  /** False when the account already needed reconnecting. */
  changed: z.boolean(),
  /** Whether the reconnect e-mail has gone out for this episode (now or earlier). */
  emailSent: z.boolean(),
  reauthEmailSentAt: z.date().nullable(),
});
export type TReconnectResult = z.infer<typeof ZReconnectResult>;

export const ZRevokeIcsResult = z.object({ revoked: z.number().int() });

// ---- private-event grants (admins give them) ----

export const ZPrivateGrantInput = z.object({
  supportUserId: ZUserId,
  /** Only this user's events; everyone's when absent. */
  userId: ZUserId.optional(),
  reason: z.string().trim().min(3, { error: 'Say why (at least 3 characters)' }).max(500, { error: 'At most 500 characters' }),
  hours: z.number().int().min(1).max(PRIVATE_GRANT_MAX_HOURS, { error: `At most ${PRIVATE_GRANT_MAX_HOURS} hours` }),
});

export const ZPrivateGrant = z.object({
  id: z.string(),
  supportUser: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  grantedBy: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  reason: z.string(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type TPrivateGrant = z.infer<typeof ZPrivateGrant>;
export const ZPrivateGrantsOutput = z.object({ items: z.array(ZPrivateGrant) });
export const ZPrivateGrantIdInput = z.object({ id: z.uuid({ error: 'Not a grant id' }) });
