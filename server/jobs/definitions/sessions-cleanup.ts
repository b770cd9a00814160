import { z } from 'zod';
import { deleteExpiredSessions } from '../../auth/sessions.ts';
import { purgeExpiredSignInCounters } from '../../auth/sign-in-limiter.ts';
import { defineJob } from '../job.ts';

export const sessionsCleanupJob = defineJob({
  id: 'sessions.cleanup',
  schema: z.object({}).default({}),
  every: '1 hour',
  async handler() {
    const [sessions, rateLimitCounters] = await Promise.all([deleteExpiredSessions(), purgeExpiredSignInCounters()]);
    return { sessions, rateLimitCounters };
  },
});
