import { z } from 'zod';
import {
  ZEventCreateInput,
  ZEventDetail,
  ZEventIdInput,
  ZEventRespondInput,
  ZEventsListInput,
  ZEventsListOutput,
  ZEventUpdateInput,
} from '../../../shared/calendar-events.ts';
import { createEvent } from '../../calendar/create-event.ts';
import { deleteEvent } from '../../calendar/delete-event.ts';
import { getEvent } from '../../calendar/get-event.ts';
import { listEvents } from '../../calendar/list-events.ts';
import { respondToEvent } from '../../calendar/respond-to-event.ts';
import { updateEvent } from '../../calendar/update-event.ts';
import { protectedProcedure, router } from '../init.ts';

// Every role uses these; what each caller sees and changes is decided by the one visibility
// rule inside the services (server/calendar/event-visibility.ts), not here.
export const calendarEventsRouter = router({
  list: protectedProcedure
    .input(ZEventsListInput)
    .output(ZEventsListOutput)
    .query(({ input, ctx }) => listEvents(ctx.user, input)),

  get: protectedProcedure
    .input(ZEventIdInput)
    .output(ZEventDetail)
    .query(({ input, ctx }) => getEvent(ctx.user, input.id)),

  create: protectedProcedure
    .input(ZEventCreateInput)
    .output(ZEventDetail)
    .mutation(({ input, ctx }) => createEvent(ctx.user, input, ctx.requestId)),

  update: protectedProcedure
    .input(ZEventUpdateInput)
    .output(ZEventDetail)
    .mutation(({ input, ctx }) => updateEvent(ctx.user, input, ctx.requestId)),

  delete: protectedProcedure
    .input(ZEventIdInput)
    .output(z.object({ id: z.string(), deletedAt: z.date() }))
    .mutation(({ input, ctx }) => deleteEvent(ctx.user, input.id, ctx.requestId)),

  respond: protectedProcedure
    .input(ZEventRespondInput)
    .output(ZEventDetail)
    .mutation(({ input, ctx }) => respondToEvent(ctx.user, input.id, input.rsvp)),
});
