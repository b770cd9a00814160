import type { Db } from '../db.ts';
import type { CheckOverride } from './evaluate-release-checks.ts';

export async function loadOverrides(db: Pick<Db, 'releaseCheckOverride'>, releaseIds: string[]): Promise<Map<string, CheckOverride[]>> {
  const rows = await db.releaseCheckOverride.findMany({
    where: { releaseId: { in: releaseIds } },
    select: { releaseId: true, itemId: true, status: true, note: true, createdAt: true, createdBy: { select: { name: true } } },
  });
  const out = new Map<string, CheckOverride[]>();
  for (const r of rows) {
    const list = out.get(r.releaseId) ?? [];
    list.push({ itemId: r.itemId, status: r.status === 'failing' ? 'failing' : 'passed', note: r.note, by: r.createdBy?.name ?? null, at: r.createdAt });
    out.set(r.releaseId, list);
  }
  return out;
}
