import { getDb } from '../db.ts';
import type { z } from 'zod';
import type { ZUsersListInput } from '../../shared/users.ts';
import { userListSelect } from './user-select.ts';

export async function listUsers(opts: z.output<typeof ZUsersListInput>) {
  const search = opts.search?.trim();
  return getDb().user.findMany({
    where: {
      ...(opts.role ? { role: opts.role } : {}),
      ...(opts.includeDisabled ? {} : { disabledAt: null }),
      ...(search
        ? {
            OR: [
              { email: { contains: search, mode: 'insensitive' } },
              { name: { contains: search, mode: 'insensitive' } },
            ],
          }
        : {}),
    },
    orderBy: [{ disabledAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }],
    take: 500,
    select: userListSelect,
  });
}
