import { ZReminderDeliveriesInput, ZReminderDeliveriesOutput, ZReminderScanSummary } from '../../../shared/reminders.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { listReminderDeliveries } from '../../reminders/list-reminder-deliveries.ts';
import { scanAndSendReminders } from '../../reminders/scan-and-send-reminders.ts';
import { adminProcedure, router, staffProcedure } from '../init.ts';

export const remindersRouter = router({
  /** CAL-R4: the manual trigger, for admins. */
  scanNow: adminProcedure.output(ZReminderScanSummary).mutation(async ({ ctx }) => {
    const summary = await scanAndSendReminders();
    await recordAudit({
      actorId: ctx.user.id,
      action: 'reminders.scan_now',
      targetType: 'Reminder',
      after: { sent: summary.sent, skipped: summary.skipped, failed: summary.failed, retried: summary.retried, events: summary.events.length },
      requestId: ctx.requestId,
    });
    return summary;
  }),

  /** CAL-O2: every delivery with recipient, time, status, attempts and SMTP reply, for support. */
  deliveries: staffProcedure
    .input(ZReminderDeliveriesInput)
    .output(ZReminderDeliveriesOutput)
    .query(({ input }) => listReminderDeliveries(input)),
});
