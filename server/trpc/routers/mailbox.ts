import { z } from 'zod';
import { ZMailDetail, ZMailId, ZMailboxListInput, ZMailboxListOutput, ZMailboxStatus } from '../../../shared/mailbox.ts';
import { clearMailbox, getMail, listMailbox, mailboxStatus } from '../../mailbox/read-mailbox.ts';
import { router, staffProcedure } from '../init.ts';

// Development and demo only: the box holds every user's reminders, so only staff read it.
export const mailboxRouter = router({
  status: staffProcedure.output(ZMailboxStatus).query(() => mailboxStatus()),
  list: staffProcedure.input(ZMailboxListInput).output(ZMailboxListOutput).query(({ input }) => listMailbox(input)),
  get: staffProcedure.input(ZMailId).output(ZMailDetail).query(({ input }) => getMail(input.id)),
  clear: staffProcedure.output(z.object({ deleted: z.number().int() })).mutation(() => clearMailbox()),
});
