import type { Prisma } from '../db.ts';
import type { TCheckItem, TRelease } from '../../shared/releases.ts';

export const releaseSelect = {
  id: true,
  version: true,
  environment: true,
  commitSha: true,
  notes: true,
  releasedAt: true,
  source: true,
  createdAt: true,
  createdBy: { select: { name: true } },
} satisfies Prisma.ReleaseSelect;

type ReleaseRow = Prisma.ReleaseGetPayload<{ select: typeof releaseSelect }>;

export function toRelease(row: ReleaseRow): TRelease {
  const { createdBy, source, ...rest } = row;
  return { ...rest, source: source === 'api' ? 'api' : 'ui', createdBy: createdBy?.name ?? null };
}

export const checkItemSelect = {
  id: true,
  title: true,
  provider: true,
  successEvents: true,
  minSuccesses: true,
  subject: true,
  position: true,
} satisfies Prisma.ReleaseCheckItemSelect;

export function listActiveCheckItems(db: Pick<import('../db.ts').Db, 'releaseCheckItem'>): Promise<TCheckItem[]> {
  return db.releaseCheckItem.findMany({ where: { archivedAt: null }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: checkItemSelect });
}
