// Support diagnostics (issue 9, CAL-O2): staff read and act; users are FORBIDDEN. Grants to
// read private events are given and taken back by admins only.
import {
  ZDiagnosis,
  ZPrivateGrant,
  ZPrivateGrantIdInput,
  ZPrivateGrantInput,
  ZPrivateGrantsOutput,
  ZReconnectResult,
  ZResendReminderInput,
  ZResendReminderResult,
  ZRevokeIcsResult,
  ZSupportFindUsersInput,
  ZSupportFindUsersOutput,
  ZSupportSyncResult,
  ZSupportUserInput,
} from '../../../shared/support.ts';
import { diagnoseUser } from '../../support/diagnose-user.ts';
import { findSupportUsers } from '../../support/find-support-users.ts';
import { grantPrivateAccess, listPrivateGrants, revokePrivateGrant } from '../../support/private-grants.ts';
import { resendReminder } from '../../support/resend-reminder.ts';
import { supportRequestGoogleReconnect, supportRevokeIcsLinks, supportSyncGoogle } from '../../support/run-support-action.ts';
import { adminProcedure, router, staffProcedure } from '../init.ts';

export const supportRouter = router({
  findUsers: staffProcedure.input(ZSupportFindUsersInput).output(ZSupportFindUsersOutput).query(({ input }) => findSupportUsers(input)),

  diagnose: staffProcedure.input(ZSupportUserInput).output(ZDiagnosis).query(({ ctx, input }) => diagnoseUser({ viewer: ctx.user, userId: input.userId })),

  resendReminder: staffProcedure
    .input(ZResendReminderInput)
    .output(ZResendReminderResult)
    .mutation(({ ctx, input }) => resendReminder({ actorId: ctx.user.id, eventId: input.eventId, recipient: input.recipient, requestId: ctx.requestId })),

  syncGoogleNow: staffProcedure
    .input(ZSupportUserInput)
    .output(ZSupportSyncResult)
    .mutation(({ ctx, input }) => supportSyncGoogle({ actor: ctx.user, userId: input.userId, requestId: ctx.requestId })),

  requestGoogleReconnect: staffProcedure
    .input(ZSupportUserInput)
    .output(ZReconnectResult)
    .mutation(({ ctx, input }) => supportRequestGoogleReconnect({ actor: ctx.user, userId: input.userId, requestId: ctx.requestId })),

  revokeIcsLinks: staffProcedure
    .input(ZSupportUserInput)
    .output(ZRevokeIcsResult)
    .mutation(({ ctx, input }) => supportRevokeIcsLinks({ actor: ctx.user, userId: input.userId, requestId: ctx.requestId })),

  privateGrants: staffProcedure.output(ZPrivateGrantsOutput).query(({ ctx }) => listPrivateGrants({ viewer: ctx.user })),

  grantPrivateAccess: adminProcedure
    .input(ZPrivateGrantInput)
    .output(ZPrivateGrant)
    .mutation(({ ctx, input }) => grantPrivateAccess({ adminId: ctx.user.id, ...input, requestId: ctx.requestId })),

  revokePrivateGrant: adminProcedure
    .input(ZPrivateGrantIdInput)
    .output(ZPrivateGrant)
    .mutation(({ ctx, input }) => revokePrivateGrant({ adminId: ctx.user.id, id: input.id, requestId: ctx.requestId })),
});
