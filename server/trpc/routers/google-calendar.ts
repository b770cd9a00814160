import { z } from 'zod';
import { ZGoogleConnection, ZGoogleEventInput, ZGoogleEventLink, ZGoogleUserInput, ZSyncNowResult } from '../../../shared/google.ts';
import { getGoogleConnection, getGoogleEventLink } from '../../google/get-google-connection.ts';
import { disconnectGoogle } from '../../google/disconnect-google.ts';
import { syncGoogleNow } from '../../google/sync-google-now.ts';
import { protectedProcedure, router, staffProcedure } from '../init.ts';

// Connecting is a browser redirect (GET /api/calendar/google/connect), not a procedure.
export const googleCalendarRouter = router({
  /** The caller's own connection: the settings page and its reconnect banner. */
  status: protectedProcedure.output(ZGoogleConnection).query(({ ctx }) => getGoogleConnection(ctx.user.id)),

  disconnect: protectedProcedure
    .output(z.object({ email: z.string() }))
    .mutation(({ ctx }) => disconnectGoogle({ userId: ctx.user.id, actorId: ctx.user.id, requestId: ctx.requestId })),

  syncNow: protectedProcedure.output(ZSyncNowResult).mutation(({ ctx }) => syncGoogleNow(ctx.user.id)),

  /** Support's view of someone's connection (CAL-G4, CAL-O2), with their recent Google errors. */
  forUser: staffProcedure
    .input(ZGoogleUserInput)
    .output(ZGoogleConnection)
    .query(({ input }) => getGoogleConnection(input.userId, { recentErrors: true })),

  /** One event's mirror in Google, for the event page support reads. */
  eventLink: staffProcedure
    .input(ZGoogleEventInput)
    .output(ZGoogleEventLink)
    .query(({ input }) => getGoogleEventLink(input.eventId)),
});
