import { z } from 'zod';
import { ZMeOutput, ZSessionUser, ZSignInInput } from '../../../shared/auth.ts';
import { signIn } from '../../auth/sign-in.ts';
import { deleteSessionByToken, SESSION_COOKIE } from '../../auth/sessions.ts';
import { protectedProcedure, publicProcedure, router } from '../init.ts';

export const authRouter = router({
  signIn: publicProcedure
    .input(ZSignInInput)
    .output(ZSessionUser)
    .mutation(async ({ input, ctx }) => {
      // Rotation: whatever session this browser had is ended before the new one starts.
      await deleteSessionByToken(ctx.cookies.get(SESSION_COOKIE));
      const result = await signIn({ ...input, ip: ctx.ip, userAgent: ctx.userAgent });
      ctx.cookies.set(SESSION_COOKIE, result.token, result.expiresAt);
      return result.user;
    }),

  signOut: protectedProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    await deleteSessionByToken(ctx.cookies.get(SESSION_COOKIE));
    ctx.cookies.clear(SESSION_COOKIE);
    return { ok: true as const };
  }),

  me: publicProcedure.output(ZMeOutput).query(({ ctx }) => ctx.user),
});
