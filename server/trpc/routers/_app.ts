import { createCallerFactory, router } from '../init.ts';
import { authRouter } from './auth.ts';
import { icsLinksRouter } from './ics-links.ts';
import { usersRouter } from './users.ts';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  icsLinks: icsLinksRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
