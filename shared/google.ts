// Google Calendar sync (issue 5): what the settings page and support read of a connection,
// and the manual sync (CAL-G2). No token ever appears here.
import { z } from 'zod';

export const ACCOUNT_STATUSES = ['ACTIVE', 'REAUTH_REQUIRED'] as const;
export const ZAccountStatus = z.enum(ACCOUNT_STATUSES);

export const ZGoogleConnection = z.object({
  /** False when this server has no Google OAuth client (and no stand-in). */
  configured: z.boolean(),
  /** The local Google stand-in answers instead of Google (development demo). */
  demo: z.boolean(),
  /** Demo mode only: the stand-in's own page, where a "Google-side" change can be made. */
  demoControlUrl: z.string().nullable(),
  account: z
    .object({
      id: z.string(),
      email: z.string(),
      status: ZAccountStatus,
      statusChangedAt: z.date(),
      scope: z.string(),
      connectedAt: z.date(),
      accessTokenExpiresAt: z.date().nullable(),
      lastRefreshAt: z.date().nullable(),
      lastRefreshError: z.string().nullable(),
      reauthEmailSentAt: z.date().nullable(),
      lastSyncAt: z.date().nullable(),
      lastFullSyncAt: z.date().nullable(),
      lastSyncError: z.string().nullable(),
      lastSyncErrorAt: z.date().nullable(),
      cooldownUntil: z.date().nullable(),
      channelExpiresAt: z.date().nullable(),
      pendingPushes: z.number().int(),
      failedPushes: z.number().int(),
      lastPushError: z.string().nullable(),
      recentErrors: z.array(z.object({ at: z.date(), event: z.string(), code: z.string().nullable(), message: z.string().nullable() })),
    })
    .nullable(),
});
export type TGoogleConnection = z.infer<typeof ZGoogleConnection>;

export const ZGoogleUserInput = z.object({ userId: z.uuid({ error: 'Not a user id' }) });

/** POST /api/calendar/sync body; only admins may name another user. */
export const ZSyncNowInput = z.object({ userId: z.uuid({ error: 'Not a user id' }).optional() }).strict();

export const ZImportSummary = z.object({
  status: z.enum(['done', 'skipped']),
  skippedBecause: z.string().optional(),
  full: z.boolean(),
  pages: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
  keptLocal: z.number().int(),
  ignored: z.number().int(),
});

export const ZSyncNowResult = z.object({
  userId: z.string(),
  import: ZImportSummary,
  pushed: z.object({ attempted: z.number().int(), succeeded: z.number().int(), failed: z.number().int(), errors: z.array(z.string()) }),
});
export type TSyncNowResult = z.infer<typeof ZSyncNowResult>;

/** Where the OAuth callback sends the browser back, with ?google=connected|error. */
export const GOOGLE_SETTINGS_PATH = '/settings/calendar';
export const GOOGLE_CONNECT_PATH = '/api/calendar/google/connect';

export const LINK_STATES = ['PENDING', 'SYNCED', 'FAILED'] as const;
export const ZGoogleEventLink = z
  .object({
    state: z.enum(LINK_STATES),
    googleEventId: z.string(),
    origin: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    lastPushedAt: z.date().nullable(),
    pendingSince: z.date().nullable(),
    googleUpdatedAt: z.date().nullable(),
  })
  .nullable();
export type TGoogleEventLink = z.infer<typeof ZGoogleEventLink>;
export const ZGoogleEventInput = z.object({ eventId: z.uuid({ error: 'Not an event id' }) });
