import { ZAuditFacets, ZAuditListInput, ZAuditListOutput } from '../../../shared/audit.ts';
import { auditFacets, listAuditLog } from '../../audit/list-audit-log.ts';
import { router, staffProcedure } from '../init.ts';

// Read-only on purpose: rows are written only by recordAudit(), in the transaction of the change.
export const auditRouter = router({
  list: staffProcedure.input(ZAuditListInput).output(ZAuditListOutput).query(({ input }) => listAuditLog(input)),
  facets: staffProcedure.output(ZAuditFacets).query(() => auditFacets()),
});
