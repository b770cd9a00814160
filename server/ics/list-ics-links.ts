import { getDb } from '../db.ts';
import type { TIcsLink } from '../../shared/ics.ts';
import { icsLinkSelect } from './ics-link-select.ts';

/** Active links only: a revoked link is gone for the user (its row stays for the audit trail). */
export async function listIcsLinks(opts: { userId: string }): Promise<TIcsLink[]> {
  return getDb().icsToken.findMany({
    where: { userId: opts.userId, revokedAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: icsLinkSelect,
  });
}
