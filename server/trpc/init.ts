// The only initTRPC call (convention 1). Procedures narrow the context (convention 2).
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import { AppError, toTRPCError } from '../errors.ts';
import { databaseUnavailableError } from './database-unavailable.ts';
import { logger } from '../logger.ts';
import { findUnstorableText, unstorableTextError } from '../input/find-unstorable-text.ts';
import { isStaff } from '../../shared/roles.ts';
import type { Context } from './context.ts';
import { createAnswerSharing, serializeOutput } from './shared-answers.ts';

const t = initTRPC.context<Context>().create({
  // superjson both ways; answers shared between callers are serialized once (shared-answers.ts).
  transformer: { input: superjson, output: { serialize: serializeOutput, deserialize: superjson.deserialize } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    // Stack traces stay in the logs, never in responses.
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      data: {
        ...data,
        // Field errors for forms: { formErrors: [], fieldErrors: { email: ['...'] } }.
        zodError: cause instanceof z.ZodError ? z.flattenError(cause) : appFieldErrors(cause),
        retryAfterSeconds: cause instanceof AppError ? (cause.details.retryAfterSeconds ?? null) : null,
      },
    };
  },
});

/** Services that validate beyond the input schema (a merged update) report fields the same way. */
function appFieldErrors(cause: unknown) {
  if (!(cause instanceof AppError) || !cause.details.fieldErrors) return null;
  return { formErrors: [] as string[], fieldErrors: cause.details.fieldErrors as Record<string, string[]> };
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Domain code throws AppError; here it becomes the matching tRPC code, once for all procedures. */
const mapAppErrors = t.middleware(async ({ next, path, ctx }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) throw toTRPCError(cause);
    // A database restart is neither the caller's fault nor a bug: say so, and when to retry,
    // as the HTTP routes do with 503 + Retry-After.
    const unavailable = result.error.code === 'INTERNAL_SERVER_ERROR' ? databaseUnavailableError(cause) : null;
    if (unavailable) {
      logger.warn({ err: cause, path, requestId: ctx.requestId }, 'tRPC procedure failed: the database is unavailable');
      throw unavailable;
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      logger.error({ err: result.error.cause ?? result.error, path, requestId: ctx.requestId }, 'tRPC procedure failed');
    }
  }
  return result;
});

/**
 * See server/input/find-unstorable-text.ts: refused before any schema or service sees it, and
 * after the role checks, so a denied caller is told the denial whatever the input.
 */
const refuseUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  const found = findUnstorableText(await getRawInput());
  if (found) throw new TRPCError({ code: 'BAD_REQUEST', message: found.message, cause: unstorableTextError(found) });
  return next();
});

const anyCaller = t.procedure.use(mapAppErrors);

export const publicProcedure = anyCaller.use(refuseUnstorableText);

const signedIn = anyCaller.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const protectedProcedure = signedIn.use(refuseUnstorableText);

/** Support and admins: inspect everyone's data. */
export const staffProcedure = signedIn
  .use(({ ctx, next }) => {
    if (!isStaff(ctx.user.role)) throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs the support or admin role' });
    return next();
  })
  .use(refuseUnstorableText);

const shareAnswer = createAnswerSharing();
/**
 * For read-only procedures whose answer is the same for everyone past the role check: callers
 * asking the same within HEALTH_QUERY_SHARE_MS share one computation (shared-answers.ts). Use it
 * after the role check and before .input().
 */
export const sharedAnswer = t.middleware(({ path, getRawInput, next }) => shareAnswer({ path, getRawInput, next }));

export const adminProcedure = signedIn
  .use(({ ctx, next }) => {
    if (ctx.user.role !== 'ADMIN') throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs the admin role' });
    return next();
  })
  .use(refuseUnstorableText);
