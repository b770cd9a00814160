import {
  ZIcsLinkCreateInput,
  ZIcsLinkCreateOutput,
  ZIcsLinkRevokeInput,
  ZIcsLinkRevokeOutput,
  ZIcsLinksListOutput,
  ZIcsLinksRevokeAllOutput,
} from '../../../shared/ics.ts';
import { createIcsLink } from '../../ics/create-ics-link.ts';
import { listIcsLinks } from '../../ics/list-ics-links.ts';
import { revokeIcsLink } from '../../ics/revoke-ics-link.ts';
import { revokeAllIcsLinks } from '../../ics/revoke-all-ics-links.ts';
import { protectedProcedure, router } from '../init.ts';

// Every procedure acts on the caller's own links only: there is no user id in any input.
export const icsLinksRouter = router({
  create: protectedProcedure
    .input(ZIcsLinkCreateInput)
    .output(ZIcsLinkCreateOutput)
    .mutation(({ input, ctx }) => createIcsLink({ userId: ctx.user.id, input, requestId: ctx.requestId })),

  list: protectedProcedure.output(ZIcsLinksListOutput).query(({ ctx }) => listIcsLinks({ userId: ctx.user.id })),

  revoke: protectedProcedure
    .input(ZIcsLinkRevokeInput)
    .output(ZIcsLinkRevokeOutput)
    .mutation(({ input, ctx }) => revokeIcsLink({ userId: ctx.user.id, id: input.id, requestId: ctx.requestId })),

  revokeAll: protectedProcedure
    .output(ZIcsLinksRevokeAllOutput)
    .mutation(({ ctx }) => revokeAllIcsLinks({ userId: ctx.user.id, requestId: ctx.requestId })),
});
