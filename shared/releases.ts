// Releases and the post-release checklist (IH-8). A release is recorded by an admin or by CI
// (POST /api/releases with an API key, the same body as releases.create); each checklist item
// names a provider and the success events that prove it works, and is evaluated from the
// rollups of the hours after the release.
import { z } from 'zod';
import { ZInputDate } from './input-date.ts';
import { ZProviderKey } from './integrations.ts';

export const RELEASES_PATH = '/api/releases';
/** A release's checklist reads the traffic of this long after it; later traffic is another story. */
export const CHECK_WINDOW_HOURS = 24;
/** A release may be recorded a little after the deploy, never long after or in the future. */
export const RELEASED_AT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
export const RELEASED_AT_MAX_FUTURE_MS = 5 * 60 * 1000;

export const CHECK_STATUSES = ['passed', 'failing', 'waiting'] as const;
export const ZCheckStatus = z.enum(CHECK_STATUSES);
export type TCheckStatus = z.infer<typeof ZCheckStatus>;
export const OVERRIDE_STATUSES = ['passed', 'failing'] as const;
export const ZOverrideStatus = z.enum(OVERRIDE_STATUSES);

const EVENT_NAME = /^[a-z][a-z0-9_.]{1,99}$/;

const ZReleasedAt = z
  .union([z.date(), z.iso.datetime({ offset: true, error: 'Use an ISO 8601 time with offset, e.g. 2026-11-23T10:00:00Z' })])
  .transform((v) => (v instanceof Date ? v : new Date(v)))
  .refine((d) => !Number.isNaN(d.getTime()), { error: 'Not a valid time' })
  .refine((d) => d.getTime() <= Date.now() + RELEASED_AT_MAX_FUTURE_MS, { error: 'releasedAt is in the future' })
  .refine((d) => d.getTime() >= Date.now() - RELEASED_AT_MAX_AGE_MS, { error: 'releasedAt is older than 30 days' });

export const ZReleaseCreateInput = z.object({
  version: z
    .string({ error: 'Send the release version, e.g. 2026.11.3 or v1.4.0' })
    .trim()
    .min(1, { error: 'Enter the release version, e.g. 2026.11.3' })
    .max(80, { error: 'Use at most 80 characters' })
    .regex(/^[\w.+\-/]+$/, { error: 'Use letters, digits and . _ - + / only' }),
  environment: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, { error: 'Use lower-case letters, digits, _ and - (e.g. production)' })
    .default('production'),
  commitSha: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{7,40}$/i, { error: 'Use a 7–40 character hex commit id' })
    .nullish()
    .transform((v) => v || null),
  notes: z.string().trim().max(2000, { error: 'Use at most 2000 characters' }).default(''),
  /** When the deploy finished; defaults to now. */
  releasedAt: ZReleasedAt.optional(),
});
export type TReleaseCreateInput = z.input<typeof ZReleaseCreateInput>;

export const ZRelease = z.object({
  id: z.string(),
  version: z.string(),
  environment: z.string(),
  commitSha: z.string().nullable(),
  notes: z.string(),
  releasedAt: z.date(),
  source: z.enum(['ui', 'api']),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});
export type TRelease = z.infer<typeof ZRelease>;

export const ZReleaseSummary = ZRelease.extend({
  counts: z.object({ passed: z.number().int(), failing: z.number().int(), waiting: z.number().int() }),
});
export const ZReleaseListInput = z.object({ limit: z.number().int().min(1).max(100).default(50) });
export const ZReleaseListOutput = z.array(ZReleaseSummary);

export const ZCheckItemInput = z.object({
  title: z.string().trim().min(1, { error: 'Say what the check proves' }).max(120, { error: 'Use at most 120 characters' }),
  provider: ZProviderKey,
  successEvents: z
    .array(z.string().trim().regex(EVENT_NAME, { error: 'Event names use lower-case letters, digits, _ and .' }))
    .min(1, { error: 'Name at least one success event' })
    .max(20),
  minSuccesses: z.number().int().min(1, { error: 'At least 1' }).max(1_000_000).default(1),
  /** Only success events about this subject count (e.g. the test user of "PayTR withdraw for the test user"). */
  subject: z
    .string()
    .trim()
    .max(200, { error: 'Use at most 200 characters' })
    .nullish()
    .transform((v) => v || null),
  position: z.number().int().min(0).max(1000).optional(),
});
export const ZCheckItemUpdateInput = ZCheckItemInput.extend({ id: z.uuid() });

export const ZCheckItem = z.object({
  id: z.string(),
  title: z.string(),
  provider: z.string(),
  successEvents: z.array(z.string()),
  minSuccesses: z.number().int(),
  subject: z.string().nullable(),
  position: z.number().int(),
});
export type TCheckItem = z.infer<typeof ZCheckItem>;

export const ZCheckResult = z.object({
  item: ZCheckItem,
  /** What the evaluation says, before any override. */
  evaluated: ZCheckStatus,
  /** What counts: the override when there is one. */
  status: ZCheckStatus,
  successes: z.number().int(),
  operations: z.number().int(),
  errors: z.number().int(),
  errorRate: z.number().nullable(),
  /** Why, in a few words for the list: which threshold decided. */
  reason: z.enum(['enough_successes', 'provider_errors', 'no_traffic', 'too_few_successes']),
  override: z.object({ status: ZOverrideStatus, note: z.string(), by: z.string().nullable(), at: z.date() }).nullable(),
});
export type TCheckResult = z.infer<typeof ZCheckResult>;

export const ZReleaseDetail = z.object({
  release: ZRelease,
  window: z.object({ from: z.date(), to: z.date(), complete: z.boolean() }),
  checks: z.array(ZCheckResult),
});
export type TReleaseDetail = z.infer<typeof ZReleaseDetail>;

export const ZReleaseIdInput = z.object({ id: z.uuid({ error: 'Not a release id' }) });
export const ZOverrideInput = z.object({
  releaseId: z.uuid(),
  itemId: z.uuid(),
  status: ZOverrideStatus,
  note: z.string().trim().min(3, { error: 'Say why (at least 3 characters): the note is kept with the override' }).max(500, { error: 'Use at most 500 characters' }),
});
export const ZClearOverrideInput = z.object({ releaseId: z.uuid(), itemId: z.uuid() });

/** Releases inside a time range, for markers on the provider charts. */
export const ZReleaseMarkersInput = z.object({ from: ZInputDate, to: ZInputDate });
export const ZReleaseMarker = z.object({ id: z.string(), version: z.string(), environment: z.string(), releasedAt: z.date() });
export const ZReleaseMarkersOutput = z.array(ZReleaseMarker);

/** The default checklist of IH-8 / runbook §7, inserted once (seedKey) and admin-editable from then on. */
export const CHECKLIST_SEEDS: readonly (z.input<typeof ZCheckItemInput> & { seedKey: string })[] = [
  { seedKey: 'core_rpc', title: 'Core RPC works (Supabase discover)', provider: 'supabase', successEvents: ['supabase_rpc_ok'], minSuccesses: 1 },
  { seedKey: 'mapbox_autocomplete', title: 'Mapbox autocomplete works', provider: 'mapbox', successEvents: ['mapbox_autocomplete_ok', 'mapbox_geocode_ok'], minSuccesses: 1 },
  { seedKey: 'mapbox_map', title: 'Mapbox map renders', provider: 'mapbox', successEvents: ['mapbox_map_loaded'], minSuccesses: 1 },
  { seedKey: 'paytr_withdraw', title: 'PayTR withdraw for the test user', provider: 'paytr', successEvents: ['paytr_withdraw_initiated'], minSuccesses: 1 },
  { seedKey: 'twilio_send', title: 'Twilio basic send (SMS)', provider: 'twilio', successEvents: ['twilio_sms_sent'], minSuccesses: 1 },
  { seedKey: 'sendgrid_send', title: 'SendGrid basic send (e-mail)', provider: 'sendgrid', successEvents: ['sendgrid_email_sent'], minSuccesses: 1 },
  { seedKey: 'sentry_rate', title: 'Sentry error rate normal', provider: 'sentry', successEvents: ['sentry_event_sent'], minSuccesses: 1 },
  { seedKey: 'posthog_flow', title: 'PostHog events flowing', provider: 'posthog', successEvents: ['posthog_event_captured'], minSuccesses: 1 },
];
