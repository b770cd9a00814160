// The Google jobs' queue keys. Debounced per event (a burst of edits makes one push) and per
// account (a burst of webhooks makes one import); maxWait bounds how long a stream of edits can
// hold a push back.
import { getConfig } from '../config.ts';
import { jobQueue } from '../jobs/queue.ts';

export const GOOGLE_PUSH_JOB = 'google.push-event';
export const GOOGLE_IMPORT_JOB = 'google.import';
export const GOOGLE_WATCH_JOB = 'google.watch';

export async function enqueueGooglePush(eventId: string): Promise<void> {
  const agenda = await jobQueue();
  await agenda.nowDebounced(GOOGLE_PUSH_JOB, { eventId }, { 'data.eventId': eventId }, getConfig().google.pushDebounceMs, { maxWait: 30_000 });
}

export type ImportReason = 'webhook' | 'message_gap' | 'periodic' | 'connect' | 'conflict' | 'manual';

export async function enqueueGoogleImport(accountId: string, reason: ImportReason): Promise<void> {
  const agenda = await jobQueue();
  await agenda.nowDebounced(GOOGLE_IMPORT_JOB, { accountId, reason }, { 'data.accountId': accountId }, 1000, { maxWait: 10_000 });
}

export async function enqueueGoogleWatch(accountId: string): Promise<void> {
  const agenda = await jobQueue();
  await agenda.nowDebounced(GOOGLE_WATCH_JOB, { accountId }, { 'data.accountId': accountId }, 0);
}
