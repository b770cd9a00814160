import { z } from 'zod';
import { getConfig } from '../../config.ts';
import { taggedLogger } from '../../logger.ts';
import { scanAndSendReminders } from '../../reminders/scan-and-send-reminders.ts';
import { defineJob } from '../job.ts';

let announced = false;

/** CAL-R1: the effective interval (never below 30 s), logged once when jobs are scheduled. */
function reminderScanEvery(): string {
  const { pollIntervalSec, requestedPollIntervalSec } = getConfig().reminders;
  if (!announced) {
    announced = true;
    const log = taggedLogger('reminder');
    if (pollIntervalSec !== requestedPollIntervalSec) {
      log.warn({ requested: requestedPollIntervalSec, effective: pollIntervalSec }, `CALENDAR_SYNC_POLL_INTERVAL_SEC=${requestedPollIntervalSec} is below the minimum; reminder scan runs every ${pollIntervalSec} s`);
    } else {
      log.info({ effective: pollIntervalSec }, `reminder scan runs every ${pollIntervalSec} s`);
    }
  }
  return `${pollIntervalSec} seconds`;
}

export const remindersScanJob = defineJob({
  id: 'reminders.scan',
  schema: z.object({}).default({}),
  // A getter: read when jobs are scheduled, after start-up has parsed the environment.
  get every() {
    return reminderScanEvery();
  },
  async handler(_payload, meta) {
    const { sent, skipped, failed, retried, events } = await scanAndSendReminders({ jobId: meta.jobId });
    return { sent, skipped, failed, retried, events: events.length };
  },
});
