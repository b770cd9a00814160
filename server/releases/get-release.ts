import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import type { TReleaseDetail } from '../../shared/releases.ts';
import { evaluateReleaseChecks } from './evaluate-release-checks.ts';
import { listActiveCheckItems, releaseSelect, toRelease } from './release-select.ts';
import { loadOverrides } from './load-overrides.ts';

export async function getRelease(opts: { id: string; now?: Date }): Promise<TReleaseDetail> {
  const db = getDb();
  const [row, items, overrides] = await Promise.all([
    db.release.findUnique({ where: { id: opts.id }, select: releaseSelect }),
    listActiveCheckItems(db),
    loadOverrides(db, [opts.id]),
  ]);
  if (!row) throw new AppError('NOT_FOUND', 'No such release');
  const { window, checks } = await evaluateReleaseChecks({ releasedAt: row.releasedAt, items, overrides: overrides.get(row.id), now: opts.now });
  return { release: toRelease(row), window, checks };
}
