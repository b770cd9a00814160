import { ZUserSettings, ZUserSettingsUpdateInput } from '../../../shared/settings.ts';
import { getUserSettings, updateUserSettings } from '../../users/user-settings.ts';
import { protectedProcedure, router } from '../init.ts';

// The caller's own settings only: no user id in any input.
export const settingsRouter = router({
  get: protectedProcedure.output(ZUserSettings).query(({ ctx }) => getUserSettings(ctx.user.id)),

  update: protectedProcedure
    .input(ZUserSettingsUpdateInput)
    .output(ZUserSettings)
    .mutation(({ input, ctx }) => updateUserSettings(ctx.user.id, input, ctx.requestId)),
});
