// What the health console reads (issue 6/7): windows, per-provider summaries, time series,
// the raw event search and error groups. Status colours mean one thing everywhere: healthy,
// degraded, failing, and no_data, which is never shown as healthy (IH-1: no traffic, no claim).
import { z } from 'zod';
import { ZInputDate } from './input-date.ts';
import { ZErrorClass, ZProviderKey, ZProviderTier } from './integrations.ts';

export const HEALTH_WINDOWS = ['15m', '1h', '6h', '24h', '7d', 'custom'] as const;
export const ZHealthWindowName = z.enum(HEALTH_WINDOWS);
export type THealthWindowName = z.infer<typeof ZHealthWindowName>;
export const WINDOW_MS: Readonly<Record<Exclude<THealthWindowName, 'custom'>, number>> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
};
export const MAX_CUSTOM_WINDOW_MS = 400 * 24 * 3_600_000;
export const MAX_SERIES_POINTS = 300;

export const ZHealthWindow = z
  .object({
    window: ZHealthWindowName.default('1h'),
    /** Only for window = custom. */
    from: ZInputDate.optional(),
    to: ZInputDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.window !== 'custom') return;
    if (!v.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'A custom window needs a start' });
    if (!v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'A custom window needs an end' });
    if (v.from && v.to && v.from >= v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end must be after the start' });
    if (v.from && v.to && v.to.getTime() - v.from.getTime() > MAX_CUSTOM_WINDOW_MS) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'A custom window can span at most 400 days' });
    }
  });
export type THealthWindow = z.input<typeof ZHealthWindow>;

export const PROVIDER_STATUSES = ['failing', 'degraded', 'healthy', 'no_data'] as const;
export const ZProviderStatus = z.enum(PROVIDER_STATUSES);
export type TProviderStatus = z.infer<typeof ZProviderStatus>;

export const ZProviderSummary = z.object({
  provider: z.string(),
  displayName: z.string(),
  tier: ZProviderTier,
  status: ZProviderStatus,
  /** Operations: first attempts. */
  volume: z.number().int(),
  /** Failed operations: first-attempt errors not recovered by a retry. */
  errors: z.number().int(),
  errorRate: z.number().nullable(),
  softErrors: z.number().int(),
  retries: z.number().int(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  lastOkAt: z.date().nullable(),
  lastErrorAt: z.date().nullable(),
  lastErrorMessage: z.string().nullable(),
  lastErrorClass: z.string().nullable(),
  /** Error rate per bucket across the window (null where there was no traffic). */
  sparkline: z.array(z.number().nullable()),
  thresholds: z.object({ degradedErrorRate: z.number(), failingErrorRate: z.number(), minErrors: z.number().int() }),
});
export type TProviderSummary = z.infer<typeof ZProviderSummary>;

export const ZSummaryOutput = z.object({
  from: z.date(),
  to: z.date(),
  providers: z.array(ZProviderSummary),
});
export type TSummaryOutput = z.infer<typeof ZSummaryOutput>;

export const ZTimeseriesInput = ZHealthWindow.and(
  z.object({
    /** Empty or absent: every provider. */
    providers: z.array(ZProviderKey).max(50).optional(),
    event: z.string().max(100).optional(),
    /** Split by event name instead of provider (provider page). */
    by: z.enum(['provider', 'event']).default('provider'),
    /** Also answer the same span just before the window, bucket for bucket (provider page overlay). */
    previous: z.boolean().default(false),
    /**
     * Per-point p50/p95. The overview chart draws error rates only and asks without them: at 10M
     * events summing the latency histograms was most of the all-providers read (bench/README.md).
     * Without, p50Ms and p95Ms are null.
     */
    latency: z.boolean().default(true),
  }),
);
export type TTimeseriesInput = z.input<typeof ZTimeseriesInput>;

export const ZSeriesPoint = z.object({
  /**
   * Bucket start in epoch milliseconds. A number, not a Date: an overview answer has hundreds of
   * points, and superjson records a path for every Date it sends (half its serializing time).
   */
  t: z.number().int(),
  total: z.number().int(),
  errors: z.number().int(),
  errorRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
});
export type TSeriesPoint = z.infer<typeof ZSeriesPoint>;

const ZSeries = z.array(z.object({ key: z.string(), points: z.array(ZSeriesPoint) }));

export const ZTimeseriesOutput = z.object({
  from: z.date(),
  to: z.date(),
  bucketMs: z.number().int(),
  series: ZSeries,
  /**
   * With previous: true, the span before the window in the same buckets: point i of a previous
   * series is point i of the current one moved back by (to - from). Null when not asked for.
   */
  previous: z.object({ from: z.date(), to: z.date(), series: ZSeries }).nullable(),
});
export type TTimeseriesOutput = z.infer<typeof ZTimeseriesOutput>;

export const ZEventSearchInput = z
  .object({
    provider: ZProviderKey.optional(),
    event: z.string().max(100).optional(),
    outcome: z.enum(['ok', 'error']).optional(),
    errorClass: ZErrorClass.optional(),
    fingerprint: z.string().max(40).optional(),
    from: ZInputDate.optional(),
    to: ZInputDate.optional(),
    /** Searches error code and message (case-insensitive). */
    text: z.string().trim().max(200).optional(),
    correlationId: z.string().max(200).optional(),
    subject: z.string().max(200).optional(),
    cursor: z.string().nullish(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { path: ['to'], error: '"to" must be after "from"' });
export type TEventSearchInput = z.input<typeof ZEventSearchInput>;

export const ZStoredIntegrationEvent = z.object({
  id: z.string(),
  provider: z.string(),
  event: z.string(),
  outcome: z.enum(['ok', 'error']),
  occurredAt: z.date(),
  receivedAt: z.date(),
  latencyMs: z.number().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  errorClass: z.string().nullable(),
  fingerprint: z.string().nullable(),
  correlationId: z.string().nullable(),
  subject: z.string().nullable(),
  jobId: z.string().nullable(),
  attempt: z.number().int(),
  /** Already redacted when stored (IH-7). */
  metadata: z.unknown().nullable(),
  source: z.string(),
});
export type TStoredIntegrationEvent = z.infer<typeof ZStoredIntegrationEvent>;

export const ZEventSearchOutput = z.object({ items: z.array(ZStoredIntegrationEvent), nextCursor: z.string().nullable() });

export const ZErrorGroupsInput = ZHealthWindow.and(z.object({ provider: ZProviderKey.optional(), limit: z.number().int().min(1).max(200).default(50) }));
export const ZErrorGroup = z.object({
  fingerprint: z.string(),
  provider: z.string(),
  event: z.string(),
  errorClass: z.string(),
  errorCode: z.string().nullable(),
  sampleMessage: z.string().nullable(),
  /** Occurrences inside the window. */
  count: z.number().int(),
  /** Occurrences ever (within raw retention). */
  totalCount: z.number().int(),
  firstSeenAt: z.date(),
  lastSeenAt: z.date(),
});
export type TErrorGroup = z.infer<typeof ZErrorGroup>;
export const ZErrorGroupsOutput = z.array(ZErrorGroup);

export const ZProviderCatalogItem = z.object({
  key: z.string(),
  displayName: z.string(),
  tier: ZProviderTier,
  description: z.string(),
  knownEvents: z.array(z.string()),
  degradedErrorRate: z.number(),
  failingErrorRate: z.number(),
  minErrors: z.number().int(),
  builtIn: z.boolean(),
});
export const ZProviderCreateInput = z.object({
  key: ZProviderKey,
  displayName: z.string().trim().min(1, { error: 'Enter a display name' }).max(80),
  tier: ZProviderTier,
  description: z.string().trim().max(500).default(''),
  knownEvents: z.array(z.string().regex(/^[a-z][a-z0-9_.]{1,99}$/, { error: 'Event names use lower-case letters, digits, _ and .' })).max(100).default([]),
});

/** CSV export of one search (the same filters as integrations.events, no paging). */
export const EXPORT_MAX_ROWS = 100_000;
export const EXPORT_PATH = '/api/integration-events.csv';
// Query strings carry text: empty means absent, times are ISO 8601.
const queryText = (max: number) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(max).optional());
const queryTime = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.iso.datetime({ offset: true, error: 'Use an ISO 8601 time, e.g. 2026-11-23T10:00:00Z' }).transform((v) => new Date(v)).pipe(ZInputDate).optional(),
);
export const ZEventExportQuery = z
  .object({
    provider: z.preprocess((v) => (v === '' ? undefined : v), ZProviderKey.optional()),
    event: queryText(100),
    outcome: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['ok', 'error']).optional()),
    errorClass: z.preprocess((v) => (v === '' ? undefined : v), ZErrorClass.optional()),
    fingerprint: queryText(40),
    from: queryTime,
    to: queryTime,
    text: queryText(200),
    correlationId: queryText(200),
    subject: queryText(200),
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { path: ['to'], error: '"to" must be after "from"' });
export type TEventExportQuery = z.output<typeof ZEventExportQuery>;
/** The filters of a search, without paging: what the list shows is what the export writes. */
export type TEventFilter = Omit<TEventSearchInput, 'cursor' | 'limit'>;
