// The one write path of playbooks (edit and restore): checks the section map against the
// Markdown's headings, refuses a lost update, writes the playbook, its version row and the
// audit row in one transaction.
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { playbookHeadings, type TPlaybookSections } from '../../shared/playbooks.ts';
import { readSections } from './playbook-select.ts';

export type SavePlaybook = {
  provider: string;
  markdown: string;
  sections: TPlaybookSections;
  note: string;
  expectedVersion: number;
  restoredFrom?: number;
  actorId: string;
  requestId?: string;
  action: 'playbook.update' | 'playbook.restore';
};

function checkSections(markdown: string, sections: TPlaybookSections): void {
  const slugs = new Set(playbookHeadings(markdown).map((h) => h.slug));
  const fieldErrors: Record<string, string[]> = {};
  for (const [cls, slug] of Object.entries(sections)) {
    if (slug && !slugs.has(slug)) fieldErrors[`sections.${cls}`] = [`No section "${slug}" in the Markdown (use a ## or ### heading)`];
  }
  if (Object.keys(fieldErrors).length) throw new AppError('INVALID_INPUT', 'A mapped section is missing from the playbook', { fieldErrors });
}

export async function savePlaybook(opts: SavePlaybook): Promise<{ version: number; changed: boolean }> {
  // Empty mappings are dropped so "" never reads as a section.
  const sections = Object.fromEntries(Object.entries(opts.sections).filter(([, v]) => v)) as TPlaybookSections;
  checkSections(opts.markdown, sections);
  return getDb().$transaction(async (tx) => {
    const provider = await tx.provider.findUnique({ where: { key: opts.provider }, select: { key: true } });
    if (!provider) throw new AppError('NOT_FOUND', `No provider "${opts.provider}"`);
    // FOR UPDATE: two admins saving at once are serialised, the second sees the new version.
    const rows = await tx.$queryRaw<{ version: number; markdown: string; sections: unknown }[]>`
      SELECT version, markdown, sections FROM playbooks WHERE provider = ${opts.provider} FOR UPDATE`;
    const current = rows[0];
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== opts.expectedVersion) {
      throw new AppError('CONFLICT', `The playbook changed meanwhile (now version ${currentVersion}); reload and edit again`, { currentVersion });
    }
    const before = current ? { markdown: current.markdown, sections: readSections(current.sections) } : null;
    if (before && before.markdown === opts.markdown && JSON.stringify(before.sections) === JSON.stringify(sections) && opts.restoredFrom === undefined) {
      return { version: currentVersion, changed: false };
    }
    const version = currentVersion + 1;
    await tx.playbook.upsert({
      where: { provider: opts.provider },
      create: { provider: opts.provider, markdown: opts.markdown, sections, version, updatedById: opts.actorId },
      update: { markdown: opts.markdown, sections, version, updatedById: opts.actorId },
      select: { provider: true },
    });
    await tx.playbookVersion.create({
      data: { provider: opts.provider, version, markdown: opts.markdown, sections, note: opts.note, restoredFrom: opts.restoredFrom ?? null, authorId: opts.actorId },
      select: { id: true },
    });
    // The text itself is in the version rows; the audit row says who moved which version to which.
    await recordAudit(
      {
        actorId: opts.actorId,
        action: opts.action,
        targetType: 'Playbook',
        targetId: opts.provider,
        before: { version: currentVersion, chars: before?.markdown.length ?? 0 },
        after: { version, chars: opts.markdown.length, note: opts.note, ...(opts.restoredFrom !== undefined ? { restoredFrom: opts.restoredFrom } : {}) },
        requestId: opts.requestId,
      },
      tx,
    );
    return { version, changed: true };
  });
}
