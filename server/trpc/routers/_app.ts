import { createCallerFactory, router } from '../init.ts';
import { authRouter } from './auth.ts';
import { usersRouter } from './users.ts';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
