import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { playbookVersionSelect, readSections } from './playbook-select.ts';
import { toVersion } from './list-playbook-versions.ts';

export async function getPlaybookVersion(opts: { provider: string; version: number }) {
  const row = await getDb().playbookVersion.findUnique({
    where: { provider_version: { provider: opts.provider, version: opts.version } },
    select: playbookVersionSelect,
  });
  if (!row) throw new AppError('NOT_FOUND', `Version ${opts.version} of this playbook does not exist`);
  return { ...toVersion(row), markdown: row.markdown, sections: readSections(row.sections) };
}
