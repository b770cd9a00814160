import { getDb } from '../db.ts';
import { playbookVersionSelect } from './playbook-select.ts';

export const toVersion = (v: { version: number; note: string; restoredFrom: number | null; createdAt: Date; markdown: string; author: { name: string } | null }) => ({
  version: v.version,
  note: v.note,
  restoredFrom: v.restoredFrom,
  author: v.author?.name ?? null,
  createdAt: v.createdAt,
  chars: v.markdown.length,
});

/** Newest first. Bounded: a playbook edited a thousand times still answers quickly. */
export async function listPlaybookVersions(opts: { provider: string; limit?: number }) {
  const rows = await getDb().playbookVersion.findMany({
    where: { provider: opts.provider },
    orderBy: { version: 'desc' },
    take: opts.limit ?? 200,
    select: playbookVersionSelect,
  });
  return rows.map(toVersion);
}
