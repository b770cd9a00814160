// Pure helpers of the jobs page: colours, durations, data previews and the server's messages.
import type { TJobState, TJobWorkerStatus } from '../../../../shared/jobs.ts';
import { translatableServerMessage, type Translatable } from '../../lib/trpc-errors.ts';

/** While the page is open and visible; TanStack Query pauses interval refetches in a hidden tab. */
export const JOBS_REFRESH_MS = 5_000;

/** Red failing, amber waiting (due but not taken), green done, blue in progress or planned, grey off. */
export const JOB_STATE_COLOR: Readonly<Record<TJobState, string>> = {
  running: 'blue',
  queued: 'yellow',
  scheduled: 'cyan',
  failed: 'red',
  completed: 'green',
  disabled: 'gray',
};

/** Green healthy, amber degraded (missed beats), red failing (the process is gone). */
export const WORKER_STATUS_COLOR: Readonly<Record<TJobWorkerStatus, string>> = { alive: 'green', stale: 'yellow', gone: 'red' };

/** 850 ms, 1.2 s, 42 s, 3 min 5 s: the unit that keeps the number short, never "0.0 s". */
export function formatDuration(ms: number | null, locale: string): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const nf = (digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
  if (ms < 1000) return `${nf(0).format(Math.round(ms))} ms`;
  if (ms < 10_000) return `${nf(1).format(ms / 1000)} s`;
  if (ms < 60_000) return `${nf(0).format(Math.round(ms / 1000))} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${nf(0).format(minutes)} min ${nf(0).format(seconds)} s` : `${nf(0).format(minutes)} min`;
}

/** One line of a job's data for the list: compact JSON, cut with an ellipsis; {} is "no data". */
export function dataPreview(data: unknown, max = 80): string | null {
  if (data === null || data === undefined) return null;
  const text = JSON.stringify(data);
  if (text === '{}' || text === '[]') return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const JOB_MESSAGES: ReadonlyArray<[RegExp, string, (m: RegExpMatchArray) => Record<string, string>]> = [
  [/^No such job: it may have been deleted$/, 'jobs.errors.notFound', () => ({})],
  [/^The job is disabled: enable it first$/, 'jobs.errors.disabled', () => ({})],
  [/^Only a failed job can be retried; this one is (\w+)$/, 'jobs.errors.notFailed', (m) => ({ state: m[1] ?? '' })],
  [/^The job is (\w+): it cannot be started again until it finishes$/, 'jobs.errors.busy', (m) => ({ state: m[1] ?? '' })],
  [/^The job is already disabled$/, 'jobs.errors.alreadyDisabled', () => ({})],
  [/^The job is not disabled$/, 'jobs.errors.notDisabled', () => ({})],
  [/^The job was deleted meanwhile$/, 'jobs.errors.notFound', () => ({})],
];

export function translatableJobMessage(message: string): Translatable {
  for (const [pattern, key, values] of JOB_MESSAGES) {
    const match = message.match(pattern);
    if (match) return { key, values: values(match) };
  }
  return translatableServerMessage(message);
}
