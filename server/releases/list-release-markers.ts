import { getDb } from '../db.ts';

/** Releases inside a chart's range, oldest first (at most 50: a chart with more is unreadable anyway). */
export function listReleaseMarkers(opts: { from: Date; to: Date }) {
  return getDb().release.findMany({
    where: { releasedAt: { gte: opts.from, lte: opts.to } },
    orderBy: { releasedAt: 'asc' },
    take: 50,
    select: { id: true, version: true, environment: true, releasedAt: true },
  });
}
