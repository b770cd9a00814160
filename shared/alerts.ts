// Alert rules and incidents (issue 8): the rule kinds, their parameters and the defaults each
// provider tier starts with, and the zod schemas of the alerts.* and incidents.* procedures.
import { z } from 'zod';
import { ZProviderKey, type TProviderTier } from './integrations.ts';

export const ALERT_RULE_KINDS = ['THRESHOLD', 'BURN_RATE', 'LATENCY', 'SILENCE'] as const;
export const ZAlertRuleKind = z.enum(ALERT_RULE_KINDS);
export type TAlertRuleKind = z.infer<typeof ZAlertRuleKind>;

export const SEVERITIES = ['WARNING', 'CRITICAL'] as const;
export const ZSeverity = z.enum(SEVERITIES);
export type TSeverity = z.infer<typeof ZSeverity>;
export const severityRank = (s: TSeverity) => (s === 'CRITICAL' ? 2 : 1);

const minutes = (max: number) => z.number().int().min(1).max(max);
const rate = z.number().min(0.0001).max(1);

/**
 * Error rate over a window, only with at least `minErrors` failures (no 1-of-1 = 100% pages).
 * With `wilson`, the rate compared is the lower bound of its 95% Wilson interval, so a small
 * sample needs a clearly higher rate to fire than a large one.
 */
export const ZThresholdParams = z
  .object({
    windowMinutes: minutes(1440),
    warningRate: rate,
    criticalRate: rate,
    minErrors: z.number().int().min(1).max(100_000),
    wilson: z.boolean(),
  })
  .refine((p) => p.criticalRate >= p.warningRate, { path: ['criticalRate'], message: 'Must be at least the warning rate' });

/** One window pair of a multi-window burn-rate alert: both windows must burn at least `factor`. */
export const ZBurnPair = z
  .object({ shortMinutes: minutes(1440), longMinutes: minutes(7 * 1440), factor: z.number().min(1).max(1000) })
  .refine((p) => p.longMinutes > p.shortMinutes, { path: ['longMinutes'], message: 'Must be longer than the short window' });

/**
 * Error-budget burn (Google SRE workbook, "multiwindow, multi-burn-rate alerts"): burn = error
 * rate / (1 - slo). The fast pair pages (CRITICAL), the slow pair warns.
 */
export const ZBurnRateParams = z.object({
  slo: z.number().min(0.5).max(0.99999),
  fast: ZBurnPair,
  slow: ZBurnPair,
  minErrors: z.number().int().min(1).max(100_000),
});

/** p95 latency over a window above a bound, judged on at least `minSamples` calls. */
export const ZLatencyParams = z.object({
  windowMinutes: minutes(1440),
  p95Ms: z.number().int().min(1).max(600_000),
  minSamples: z.number().int().min(1).max(100_000),
  severity: ZSeverity,
});

/**
 * Expected silence: successes in the window against the provider's hour-of-week baseline,
 * learned from hour rollups of the last `lookbackWeeks` weeks. Not judged with fewer than
 * `minHistoryWeeks` weeks of traffic at that hour, or when fewer than `minExpected` successes
 * are expected (a quiet hour proves nothing).
 */
export const ZSilenceParams = z.object({
  windowMinutes: minutes(360),
  minExpected: z.number().min(1).max(1_000_000),
  maxRatio: z.number().min(0).max(0.99),
  lookbackWeeks: z.number().int().min(1).max(12),
  minHistoryWeeks: z.number().int().min(1).max(12),
  severity: ZSeverity,
});

export const RULE_PARAMS = {
  THRESHOLD: ZThresholdParams,
  BURN_RATE: ZBurnRateParams,
  LATENCY: ZLatencyParams,
  SILENCE: ZSilenceParams,
} as const;

export type TThresholdParams = z.infer<typeof ZThresholdParams>;
export type TBurnRateParams = z.infer<typeof ZBurnRateParams>;
export type TLatencyParams = z.infer<typeof ZLatencyParams>;
export type TSilenceParams = z.infer<typeof ZSilenceParams>;

export type TRuleParams = { THRESHOLD: TThresholdParams; BURN_RATE: TBurnRateParams; LATENCY: TLatencyParams; SILENCE: TSilenceParams };

export const ZRuleWithParams = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('THRESHOLD'), params: ZThresholdParams }),
  z.object({ kind: z.literal('BURN_RATE'), params: ZBurnRateParams }),
  z.object({ kind: z.literal('LATENCY'), params: ZLatencyParams }),
  z.object({ kind: z.literal('SILENCE'), params: ZSilenceParams }),
]);

type TierDefaults = { enabled: Record<TAlertRuleKind, boolean>; params: TRuleParams };

const SRE_FAST = { shortMinutes: 5, longMinutes: 60, factor: 14.4 };
const SRE_SLOW = { shortMinutes: 30, longMinutes: 360, factor: 6 };
const silence = (severity: TSeverity): TSilenceParams => ({ windowMinutes: 30, minExpected: 20, maxRatio: 0.2, lookbackWeeks: 4, minHistoryWeeks: 2, severity });

/**
 * What each tier starts with. Thresholds follow the tier's status thresholds
 * (shared/provider-catalog.ts). NON_BLOCKING providers (IH-6) only get the soft-failure
 * threshold, capped at WARNING by the evaluator: they never page as an outage.
 */
export const TIER_RULE_DEFAULTS: Readonly<Record<TProviderTier, TierDefaults>> = {
  CORE: {
    enabled: { THRESHOLD: true, BURN_RATE: true, LATENCY: true, SILENCE: true },
    params: {
      THRESHOLD: { windowMinutes: 5, warningRate: 0.01, criticalRate: 0.05, minErrors: 5, wilson: false },
      BURN_RATE: { slo: 0.999, fast: SRE_FAST, slow: SRE_SLOW, minErrors: 5 },
      LATENCY: { windowMinutes: 10, p95Ms: 2_000, minSamples: 50, severity: 'WARNING' },
      SILENCE: silence('CRITICAL'),
    },
  },
  CRITICAL: {
    enabled: { THRESHOLD: true, BURN_RATE: true, LATENCY: true, SILENCE: true },
    params: {
      THRESHOLD: { windowMinutes: 5, warningRate: 0.02, criticalRate: 0.1, minErrors: 5, wilson: false },
      BURN_RATE: { slo: 0.995, fast: SRE_FAST, slow: SRE_SLOW, minErrors: 5 },
      LATENCY: { windowMinutes: 10, p95Ms: 3_000, minSamples: 50, severity: 'WARNING' },
      SILENCE: silence('CRITICAL'),
    },
  },
  STANDARD: {
    enabled: { THRESHOLD: true, BURN_RATE: true, LATENCY: true, SILENCE: true },
    params: {
      THRESHOLD: { windowMinutes: 5, warningRate: 0.05, criticalRate: 0.2, minErrors: 10, wilson: true },
      BURN_RATE: { slo: 0.99, fast: SRE_FAST, slow: SRE_SLOW, minErrors: 10 },
      LATENCY: { windowMinutes: 10, p95Ms: 5_000, minSamples: 50, severity: 'WARNING' },
      SILENCE: silence('WARNING'),
    },
  },
  NON_BLOCKING: {
    enabled: { THRESHOLD: true, BURN_RATE: false, LATENCY: false, SILENCE: false },
    params: {
      THRESHOLD: { windowMinutes: 15, warningRate: 0.1, criticalRate: 1, minErrors: 10, wilson: true },
      BURN_RATE: { slo: 0.9, fast: SRE_FAST, slow: SRE_SLOW, minErrors: 10 },
      LATENCY: { windowMinutes: 15, p95Ms: 10_000, minSamples: 50, severity: 'WARNING' },
      SILENCE: silence('WARNING'),
    },
  },
};

/** What a rule found, with the numbers that made it fire (or not). Stored on the incident. */
export const ZFinding = z.object({
  kind: ZAlertRuleKind,
  severity: ZSeverity,
  /** e.g. "35% errors (42 of 120) in 5 min" */
  summary: z.string(),
  numbers: z.record(z.string(), z.number().nullable()),
});
export type TFinding = z.infer<typeof ZFinding>;

// ---- procedures --------------------------------------------------------------------------

export const ZAlertRule = z.object({
  id: z.string(),
  provider: z.string(),
  kind: ZAlertRuleKind,
  enabled: z.boolean(),
  params: z.record(z.string(), z.unknown()),
  /** Whether the params are still the tier's defaults. */
  isDefault: z.boolean(),
  updatedAt: z.date(),
});
export type TAlertRule = z.infer<typeof ZAlertRule>;

export const ZAlertRulesInput = z.object({ provider: ZProviderKey.optional() });
export const ZAlertRulesOutput = z.array(
  z.object({ provider: z.string(), displayName: z.string(), tier: z.enum(['CORE', 'CRITICAL', 'STANDARD', 'NON_BLOCKING']), rules: z.array(ZAlertRule) }),
);
export type TAlertRulesOutput = z.infer<typeof ZAlertRulesOutput>;

export const ZAlertRuleUpdateInput = z.intersection(z.object({ provider: ZProviderKey, enabled: z.boolean() }), ZRuleWithParams);
export type TAlertRuleUpdateInput = z.input<typeof ZAlertRuleUpdateInput>;
export const ZAlertRuleResetInput = z.object({ provider: ZProviderKey, kind: ZAlertRuleKind });

export const CHANNEL_KINDS = ['EMAIL', 'WEBHOOK', 'SLACK'] as const;
export const ZChannelKind = z.enum(CHANNEL_KINDS);
export type TChannelKind = z.infer<typeof ZChannelKind>;

export const ZChannel = z.object({
  id: z.string(),
  name: z.string(),
  kind: ZChannelKind,
  /** Scheme and host of a webhook; the full URL (a credential) never leaves the server. */
  urlHint: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TChannel = z.infer<typeof ZChannel>;

const ZWebhookUrl = z
  .url({ protocol: /^https?$/, error: 'Must be an http:// or https:// URL' })
  .max(2000);

export const ZChannelCreateInput = z
  .object({ name: z.string().trim().min(1, { error: 'Give the channel a name' }).max(100), kind: ZChannelKind, url: ZWebhookUrl.optional(), enabled: z.boolean().default(true) })
  .refine((c) => c.kind === 'EMAIL' || !!c.url, { path: ['url'], message: 'A webhook needs a URL' });
export const ZChannelUpdateInput = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1, { error: 'Give the channel a name' }).max(100).optional(),
  /** Omitted: the stored URL stays. */
  url: ZWebhookUrl.optional(),
  enabled: z.boolean().optional(),
});
export const ZChannelIdInput = z.object({ id: z.uuid() });

export const MUTE_REASON_MAX = 500;
export const ZMute = z.object({
  id: z.string(),
  provider: z.string(),
  until: z.date(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});
export type TMute = z.infer<typeof ZMute>;
export const ZMuteCreateInput = z.object({
  provider: ZProviderKey,
  minutes: z.number().int().min(5, { error: 'At least 5 minutes' }).max(14 * 1440, { error: 'At most 14 days' }),
  reason: z.string().trim().min(3, { error: 'Say why (at least 3 characters)' }).max(MUTE_REASON_MAX),
});
export const ZMuteIdInput = z.object({ id: z.uuid() });

// ---- incidents ------------------------------------------------------------------------------

export const INCIDENT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export const ZIncidentStatus = z.enum(INCIDENT_STATUSES);
export type TIncidentStatus = z.infer<typeof ZIncidentStatus>;

export const TIMELINE_KINDS = [
  'FIRED',
  'ESCALATED',
  'ACKNOWLEDGED',
  'NOTE',
  'CHECK_TICKED',
  'CHECK_UNTICKED',
  'CLEARED',
  'RECURRED',
  'RESOLVED',
  'NOTIFICATION_SENT',
  'NOTIFICATION_FAILED',
  'MUTED',
] as const;
export const ZTimelineKind = z.enum(TIMELINE_KINDS);
export type TTimelineKind = z.infer<typeof ZTimelineKind>;

export const ZIncidentSummary = z.object({
  id: z.string(),
  number: z.number().int(),
  provider: z.string(),
  providerName: z.string(),
  status: ZIncidentStatus,
  severity: ZSeverity,
  summary: z.string(),
  openedAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.string().nullable(),
  clearSince: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  muted: z.boolean(),
});
export type TIncidentSummary = z.infer<typeof ZIncidentSummary>;

export const INCIDENT_PAGE_MAX = 100;
export const ZIncidentListInput = z.object({
  status: z.enum(['unresolved', 'resolved', 'all']).default('all'),
  provider: ZProviderKey.optional(),
  cursor: z.uuid().optional(),
  limit: z.number().int().min(1).max(INCIDENT_PAGE_MAX).default(50),
});
export type TIncidentListInput = z.input<typeof ZIncidentListInput>;
export const ZIncidentListOutput = z.object({ items: z.array(ZIncidentSummary), nextCursor: z.string().nullable() });

export const ZTimelineEntry = z.object({
  id: z.string(),
  kind: ZTimelineKind,
  actor: z.string().nullable(),
  body: z.string(),
  at: z.date(),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

export const DELIVERY_STATUSES = ['PENDING', 'RETRYING', 'SENT', 'FAILED'] as const;
export const ZDelivery = z.object({
  id: z.string(),
  channel: z.string(),
  channelKind: ZChannelKind,
  kind: z.enum(['OPEN', 'ESCALATE', 'RESOLVE']),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  lastAttemptAt: z.date().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.date().nullable(),
});
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZIncidentCheck = z.object({ line: z.number().int(), text: z.string(), checkedBy: z.string().nullable(), checkedAt: z.date() });

export const ZIncidentDetail = ZIncidentSummary.extend({
  trigger: z.array(ZFinding),
  latest: z.array(ZFinding).nullable(),
  lastFiringAt: z.date(),
  resolvedBy: z.string().nullable(),
  playbookVersion: z.number().int(),
  holdDownSeconds: z.number().int(),
  timeline: z.array(ZTimelineEntry),
  deliveries: z.array(ZDelivery),
  checks: z.array(ZIncidentCheck),
});
export type TIncidentDetail = z.infer<typeof ZIncidentDetail>;

export const NOTE_MAX = 4000;
export const ZIncidentIdInput = z.object({ id: z.uuid() });
export const ZIncidentNoteInput = z.object({ id: z.uuid(), body: z.string().trim().min(1, { error: 'Write a note' }).max(NOTE_MAX) });
export const ZIncidentResolveInput = z.object({ id: z.uuid(), note: z.string().trim().min(3, { error: 'Say what fixed it (at least 3 characters)' }).max(NOTE_MAX) });
export const ZIncidentCheckInput = z.object({ id: z.uuid(), line: z.number().int().min(1), text: z.string().trim().min(1).max(500), checked: z.boolean() });

export const ZIdOutput = z.object({ id: z.string() });
