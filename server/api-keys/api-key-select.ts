import type { Prisma } from '../db.ts';

export const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  providers: true,
  ratePerMinute: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} satisfies Prisma.ApiKeySelect;
