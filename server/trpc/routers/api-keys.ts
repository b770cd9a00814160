import { z } from 'zod';
import { ZApiKey, ZApiKeyCreateInput, ZApiKeyCreateOutput, ZApiKeyRevokeInput, ZApiKeysListOutput } from '../../../shared/api-keys.ts';
import { createApiKey } from '../../api-keys/create-api-key.ts';
import { listApiKeys } from '../../api-keys/list-api-keys.ts';
import { revokeApiKey } from '../../api-keys/revoke-api-key.ts';
import { adminProcedure, router } from '../init.ts';

// Keys let outside services write integration events: admins only.
export const apiKeysRouter = router({
  create: adminProcedure
    .input(ZApiKeyCreateInput)
    .output(ZApiKeyCreateOutput)
    .mutation(({ input, ctx }) => createApiKey({ input, actorId: ctx.user.id, requestId: ctx.requestId })),

  list: adminProcedure.output(ZApiKeysListOutput).query(() => listApiKeys()),

  revoke: adminProcedure
    .input(ZApiKeyRevokeInput)
    .output(ZApiKey.extend({ revokedAt: z.date() }))
    .mutation(async ({ input, ctx }) => {
      const key = await revokeApiKey({ id: input.id, actorId: ctx.user.id, requestId: ctx.requestId });
      return { ...key, revokedAt: key.revokedAt ?? new Date() };
    }),
});
