// "Support cannot read event descriptions of events marked private unless an admin grants it"
// (issue 9). The owner and attendees always read their own events; admins read them too, since
// they are the ones who grant (and every grant is audited). SUPPORT reads a private description
// only through a live PrivateEventAccessGrant: not revoked, not expired, and either for all
// users or for the event owner.
import { getDb, type Db } from '../db.ts';
import type { Viewer } from './event-visibility.ts';

export type PrivateAccess = {
  canRead: (event: { private: boolean; ownerId: string; attendeeUserIds: (string | null)[] }) => boolean;
};

type Tx = Pick<Db, 'privateEventAccessGrant'>;

export async function loadPrivateAccess(viewer: Viewer, opts: { now?: Date; tx?: Tx } = {}): Promise<PrivateAccess> {
  const own = (e: { ownerId: string; attendeeUserIds: (string | null)[] }) => e.ownerId === viewer.id || e.attendeeUserIds.includes(viewer.id);
  if (viewer.role === 'ADMIN') return { canRead: () => true };
  if (viewer.role !== 'SUPPORT') return { canRead: (e) => !e.private || own(e) };
  const grants = await (opts.tx ?? getDb()).privateEventAccessGrant.findMany({
    where: { supportUserId: viewer.id, revokedAt: null, expiresAt: { gt: opts.now ?? new Date() } },
    select: { userId: true },
  });
  const everyone = grants.some((g) => g.userId === null);
  const owners = new Set(grants.map((g) => g.userId));
  return { canRead: (e) => !e.private || own(e) || everyone || owners.has(e.ownerId) };
}
