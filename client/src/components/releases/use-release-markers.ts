import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';

export type ReleaseMarker = { id: string; version: string; releasedAt: Date };

/** Releases inside a chart's range, for markers; none while the range is unknown or on error (markers are extra). */
export function useReleaseMarkers(range: { from: Date; to: Date } | null): ReleaseMarker[] {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.releases.markers.queryOptions(range ?? { from: new Date(0), to: new Date(0) }),
    enabled: range !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    meta: { inlineErrors: true },
  });
  return q.data ?? [];
}

/**
 * The bucket each release falls in (the chart's category axis only has bucket starts). Releases
 * closer than minGap buckets share one marker at the latest of them, labelled "v +n", so labels
 * never pile up on each other.
 */
export function markerBuckets(markers: readonly ReleaseMarker[], bucketStarts: readonly number[], minGap = 1): { t: number; label: string }[] {
  const placed: { index: number; versions: string[] }[] = [];
  const sorted = [...markers].sort((a, b) => a.releasedAt.getTime() - b.releasedAt.getTime());
  for (const m of sorted) {
    const at = m.releasedAt.getTime();
    let index = -1;
    for (let i = 0; i < bucketStarts.length && bucketStarts[i]! <= at; i++) index = i;
    if (index < 0) continue;
    const last = placed.at(-1);
    if (last && index - last.index < minGap) {
      last.index = index;
      last.versions.push(m.version);
    } else placed.push({ index, versions: [m.version] });
  }
  return placed.map((p) => ({ t: bucketStarts[p.index]!, label: p.versions.length === 1 ? p.versions[0]! : `${p.versions.at(-1)} +${p.versions.length - 1}` }));
}
