import type { Prisma } from '../db.ts';

/** What a user sees of their links: never the token hash (convention 6). */
export const icsLinkSelect = {
  id: true,
  name: true,
  mode: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  lastUserAgent: true,
} satisfies Prisma.IcsTokenSelect;
