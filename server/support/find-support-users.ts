// Support's user search: e-mail or name, case-insensitive. A prefix match on e-mail ranks first
// (people paste addresses), then anything containing the text.
import { getDb, type Prisma } from '../db.ts';
import { SUPPORT_FIND_LIMIT, type TSupportUser } from '../../shared/support.ts';

export const supportUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  timezone: true,
  locale: true,
  disabledAt: true,
  lastSignInAt: true,
} satisfies Prisma.UserSelect;

export async function findSupportUsers(opts: { query: string }): Promise<{ items: TSupportUser[]; limited: boolean }> {
  const contains = { contains: opts.query, mode: 'insensitive' as const };
  const rows = await getDb().user.findMany({
    where: { OR: [{ email: contains }, { name: contains }] },
    select: supportUserSelect,
    orderBy: [{ email: 'asc' }],
    take: SUPPORT_FIND_LIMIT + 1,
  });
  const q = opts.query.toLowerCase();
  const rank = (u: TSupportUser) => (u.email.toLowerCase() === q ? 0 : u.email.toLowerCase().startsWith(q) ? 1 : u.name.toLowerCase().startsWith(q) ? 2 : 3);
  const items = rows.slice(0, SUPPORT_FIND_LIMIT).sort((a, b) => rank(a) - rank(b) || a.email.localeCompare(b.email));
  return { items, limited: rows.length > SUPPORT_FIND_LIMIT };
}
