// Newest first, each with its checklist counts (two rollup reads per release, a few ms each).
import { getDb } from '../db.ts';
import { countStatuses, evaluateReleaseChecks } from './evaluate-release-checks.ts';
import { listActiveCheckItems, releaseSelect, toRelease } from './release-select.ts';
import { loadOverrides } from './load-overrides.ts';

export async function listReleases(opts: { limit: number; now?: Date }) {
  const db = getDb();
  const [rows, items] = await Promise.all([
    db.release.findMany({ orderBy: [{ releasedAt: 'desc' }, { id: 'desc' }], take: opts.limit, select: releaseSelect }),
    listActiveCheckItems(db),
  ]);
  const overrides = await loadOverrides(db, rows.map((r) => r.id));
  return Promise.all(
    rows.map(async (row) => {
      const { checks } = await evaluateReleaseChecks({ releasedAt: row.releasedAt, items, overrides: overrides.get(row.id), now: opts.now });
      return { ...toRelease(row), counts: countStatuses(checks) };
    }),
  );
}
