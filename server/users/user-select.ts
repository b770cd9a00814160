import type { Prisma } from '../db.ts';

/** What admins see of a user: never the password hash. */
export const userListSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  lastSignInAt: true,
  createdAt: true,
} satisfies Prisma.UserSelect;
