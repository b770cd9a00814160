import {
  ZPlaybook,
  ZPlaybookGetInput,
  ZPlaybookRestoreInput,
  ZPlaybookUpdateInput,
  ZPlaybookVersionDetail,
  ZPlaybookVersionInput,
  ZPlaybookVersionsOutput,
} from '../../../shared/playbooks.ts';
import { getPlaybook } from '../../playbooks/get-playbook.ts';
import { listPlaybookVersions } from '../../playbooks/list-playbook-versions.ts';
import { getPlaybookVersion } from '../../playbooks/get-playbook-version.ts';
import { updatePlaybook } from '../../playbooks/update-playbook.ts';
import { restorePlaybook } from '../../playbooks/restore-playbook.ts';
import { adminProcedure, router, staffProcedure } from '../init.ts';

// IH-5: support reads playbooks (and their history) during an incident; only admins change them.
export const playbooksRouter = router({
  get: staffProcedure.input(ZPlaybookGetInput).output(ZPlaybook).query(({ input }) => getPlaybook(input)),
  versions: staffProcedure.input(ZPlaybookGetInput).output(ZPlaybookVersionsOutput).query(({ input }) => listPlaybookVersions(input)),
  version: staffProcedure.input(ZPlaybookVersionInput).output(ZPlaybookVersionDetail).query(({ input }) => getPlaybookVersion(input)),
  update: adminProcedure
    .input(ZPlaybookUpdateInput)
    .output(ZPlaybook)
    .mutation(({ input, ctx }) => updatePlaybook({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  restore: adminProcedure
    .input(ZPlaybookRestoreInput)
    .output(ZPlaybook)
    .mutation(({ input, ctx }) => restorePlaybook({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
});
