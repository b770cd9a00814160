import { z } from 'zod';
import {
  ZCheckItem,
  ZCheckItemInput,
  ZCheckItemUpdateInput,
  ZClearOverrideInput,
  ZOverrideInput,
  ZRelease,
  ZReleaseCreateInput,
  ZReleaseDetail,
  ZReleaseIdInput,
  ZReleaseListInput,
  ZReleaseListOutput,
  ZReleaseMarkersInput,
  ZReleaseMarkersOutput,
} from '../../../shared/releases.ts';
import { recordRelease } from '../../releases/record-release.ts';
import { listReleases } from '../../releases/list-releases.ts';
import { getRelease } from '../../releases/get-release.ts';
import { listReleaseMarkers } from '../../releases/list-release-markers.ts';
import { clearReleaseCheckOverride, overrideReleaseCheck } from '../../releases/override-release-check.ts';
import { archiveCheckItem, createCheckItem, listCheckItems, updateCheckItem } from '../../releases/manage-check-items.ts';
import { adminProcedure, router, staffProcedure } from '../init.ts';

// IH-8: support reads releases and their checklists; admins record releases, override checks
// and edit the checklist. CI records releases through POST /api/releases (server/http/releases.ts).
export const releasesRouter = router({
  list: staffProcedure.input(ZReleaseListInput).output(ZReleaseListOutput).query(({ input }) => listReleases(input)),
  get: staffProcedure.input(ZReleaseIdInput).output(ZReleaseDetail).query(({ input }) => getRelease(input)),
  markers: staffProcedure.input(ZReleaseMarkersInput).output(ZReleaseMarkersOutput).query(({ input }) => listReleaseMarkers(input)),
  create: adminProcedure
    .input(ZReleaseCreateInput)
    .output(ZRelease)
    .mutation(({ input, ctx }) => recordRelease({ input, by: { kind: 'user', userId: ctx.user.id }, requestId: ctx.requestId })),
  override: adminProcedure
    .input(ZOverrideInput)
    .output(ZReleaseDetail)
    .mutation(async ({ input, ctx }) => {
      await overrideReleaseCheck({ input, actorId: ctx.user.id, requestId: ctx.requestId });
      return getRelease({ id: input.releaseId });
    }),
  clearOverride: adminProcedure
    .input(ZClearOverrideInput)
    .output(ZReleaseDetail)
    .mutation(async ({ input, ctx }) => {
      await clearReleaseCheckOverride({ input, actorId: ctx.user.id, requestId: ctx.requestId });
      return getRelease({ id: input.releaseId });
    }),
  items: staffProcedure.output(z.array(ZCheckItem)).query(() => listCheckItems()),
  createItem: adminProcedure
    .input(ZCheckItemInput)
    .output(ZCheckItem)
    .mutation(({ input, ctx }) => createCheckItem({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  updateItem: adminProcedure
    .input(ZCheckItemUpdateInput)
    .output(ZCheckItem)
    .mutation(({ input, ctx }) => updateCheckItem({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  archiveItem: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ input, ctx }) => {
      await archiveCheckItem({ id: input.id, actorId: ctx.user.id, requestId: ctx.requestId });
      return { ok: true as const };
    }),
});
