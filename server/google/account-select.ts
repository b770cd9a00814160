import type { Prisma } from '../db.ts';

/** What sync code reads of an Account, sealed tokens included: never sent to a client. */
export const syncAccountSelect = {
  id: true,
  userId: true,
  email: true,
  status: true,
  calendarId: true,
  accessTokenSealed: true,
  refreshTokenSealed: true,
  accessTokenExpiresAt: true,
  syncToken: true,
  cooldownUntil: true,
  channelId: true,
  channelResourceId: true,
  channelExpiresAt: true,
} satisfies Prisma.AccountSelect;

export type SyncAccount = Prisma.AccountGetPayload<{ select: typeof syncAccountSelect }>;

/** What users and support see: the token state, never a token (CAL-G4, convention 6). */
export const accountStatusSelect = {
  id: true,
  email: true,
  status: true,
  statusChangedAt: true,
  scope: true,
  connectedAt: true,
  accessTokenExpiresAt: true,
  lastRefreshAt: true,
  lastRefreshError: true,
  reauthEmailSentAt: true,
  lastSyncAt: true,
  lastFullSyncAt: true,
  lastSyncError: true,
  lastSyncErrorAt: true,
  cooldownUntil: true,
  channelExpiresAt: true,
} satisfies Prisma.AccountSelect;
