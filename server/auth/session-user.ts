import type { Prisma } from '../db.ts';
import type { TSessionUser } from '../../shared/auth.ts';

/** The columns a request may carry about its user: never the password hash. */
export const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  timezone: true,
  locale: true,
  disabledAt: true,
} satisfies Prisma.UserSelect;

export type SessionUserRow = Prisma.UserGetPayload<{ select: typeof sessionUserSelect }>;

export function toSessionUser(row: SessionUserRow): TSessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, timezone: row.timezone, locale: row.locale };
}
