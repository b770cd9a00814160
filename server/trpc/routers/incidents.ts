import {
  ZIdOutput,
  ZIncidentCheckInput,
  ZIncidentDetail,
  ZIncidentIdInput,
  ZIncidentListInput,
  ZIncidentListOutput,
  ZIncidentNoteInput,
  ZIncidentResolveInput,
} from '../../../shared/alerts.ts';
import { listIncidents } from '../../alerts/list-incidents.ts';
import { getIncident } from '../../alerts/get-incident.ts';
import { acknowledgeIncident, addIncidentNote, resolveIncident, setIncidentCheck } from '../../alerts/act-on-incident.ts';
import { adminProcedure, router, staffProcedure } from '../init.ts';

// Support is on call with admins: they read incidents, acknowledge them, write notes and tick
// playbook checks. Resolving by hand overrules the evaluator, so it is the admins' call.
export const incidentsRouter = router({
  list: staffProcedure.input(ZIncidentListInput).output(ZIncidentListOutput).query(({ input }) => listIncidents(input)),
  get: staffProcedure.input(ZIncidentIdInput).output(ZIncidentDetail).query(({ input }) => getIncident(input)),
  acknowledge: staffProcedure.input(ZIncidentIdInput).output(ZIdOutput).mutation(({ input, ctx }) => acknowledgeIncident({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  addNote: staffProcedure.input(ZIncidentNoteInput).output(ZIdOutput).mutation(({ input, ctx }) => addIncidentNote({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  setCheck: staffProcedure.input(ZIncidentCheckInput).output(ZIdOutput).mutation(({ input, ctx }) => setIncidentCheck({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  resolve: adminProcedure.input(ZIncidentResolveInput).output(ZIdOutput).mutation(({ input, ctx }) => resolveIncident({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
});
