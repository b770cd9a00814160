import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import type { TPlaybook } from '../../shared/playbooks.ts';
import { playbookSelect, readSections } from './playbook-select.ts';

/** A provider's current playbook; version 0 and empty text while it has none. Unknown providers are NOT_FOUND. */
export async function getPlaybook(opts: { provider: string }): Promise<TPlaybook> {
  const db = getDb();
  const [provider, row] = await Promise.all([
    db.provider.findUnique({ where: { key: opts.provider }, select: { key: true } }),
    db.playbook.findUnique({ where: { provider: opts.provider }, select: playbookSelect }),
  ]);
  if (!provider) throw new AppError('NOT_FOUND', `No provider "${opts.provider}"`);
  if (!row) return { provider: opts.provider, markdown: '', sections: {}, version: 0, updatedAt: null, updatedBy: null };
  const current = await db.playbookVersion.findUnique({
    where: { provider_version: { provider: row.provider, version: row.version } },
    select: { author: { select: { name: true } } },
  });
  return {
    provider: row.provider,
    markdown: row.markdown,
    sections: readSections(row.sections),
    version: row.version,
    updatedAt: row.updatedAt,
    updatedBy: current?.author?.name ?? null,
  };
}
