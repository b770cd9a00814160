import type { z } from 'zod';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { ZPlaybookRestoreInput } from '../../shared/playbooks.ts';
import { readSections } from './playbook-select.ts';
import { savePlaybook } from './save-playbook.ts';
import { getPlaybook } from './get-playbook.ts';

/** Restoring writes a new version with the old text: history only grows, nothing is rewound. */
export async function restorePlaybook(opts: { input: z.input<typeof ZPlaybookRestoreInput>; actorId: string; requestId?: string }) {
  const input = ZPlaybookRestoreInput.parse(opts.input);
  const old = await getDb().playbookVersion.findUnique({
    where: { provider_version: { provider: input.provider, version: input.version } },
    select: { markdown: true, sections: true },
  });
  if (!old) throw new AppError('NOT_FOUND', `Version ${input.version} of this playbook does not exist`);
  await savePlaybook({
    provider: input.provider,
    markdown: old.markdown,
    sections: readSections(old.sections),
    note: `Restored version ${input.version}`,
    expectedVersion: input.expectedVersion,
    restoredFrom: input.version,
    action: 'playbook.restore',
    actorId: opts.actorId,
    requestId: opts.requestId,
  });
  return getPlaybook({ provider: input.provider });
}
