// Fault drill: the Google stand-in answers 500 for the first half of the outage and 429 with
// Retry-After for the second, while a user edits synced events. Agenda runs the real push jobs
// with their backoff. Once Google answers again each edit is pushed exactly once, no retry came
// sooner than Retry-After, each failed call is one google_calendar integration event, and every
// link ends SYNCED with Google holding the last edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '../server/config.ts';
import { getPool } from '../server/db.ts';
import type { GoogleStandin, RecordedRequest } from '../server/dev/google-standin/index.ts';
import { googleIdFor } from '../server/google/event-mapping.ts';
import { flushIntegrationEvents } from '../server/integrations/log-integration-event.ts';
import { startJobs, type JobRunner } from '../server/jobs/agenda.ts';
import { googleImportJob } from '../server/jobs/definitions/google-import.ts';
import { googlePushEventJob } from '../server/jobs/definitions/google-push-event.ts';
import { closeJobQueue } from '../server/jobs/queue.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { OUTAGE_MS, drillTimeout, recordDrill, sleep, waitFor } from './support/faults.ts';
import { clearQueuedJobs, connectGoogle, linkOf, startTestGoogle } from './support/google-fixtures.ts';
import { testDatabaseUrl } from './support/per-file-database.ts';

const EVENTS = 5;
/** Google's Retry-After during the 429 half: half the outage, longer than the jobs' own backoff by then. */
const RETRY_AFTER_SEC = Math.max(3, Math.round(OUTAGE_MS / 2000));
const CALENDAR_API = /^\/calendar\/v3\//;

let standin: GoogleStandin;
let runner: JobRunner;

beforeAll(async () => {
  process.env.GOOGLE_PUSH_DEBOUNCE_MS = '300';
  standin = await startTestGoogle();
  runner = await startJobs({ databaseUrl: testDatabaseUrl, jobs: [googlePushEventJob, googleImportJob], processEvery: '1 second' });
});
afterAll(async () => {
  await runner?.stop();
  await closeJobQueue();
  await standin?.close();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const atMs = (r: RecordedRequest) => Date.parse(r.at);

describe('[FAULTS][GOOGLE] Google answering 500, then 429 with Retry-After, for a minute', () => {
  it('pushes each edit made during the outage exactly once afterwards, honouring Retry-After, with every failure logged', { timeout: drillTimeout(4) }, async () => {
    const user = await createTestUser();
    const email = `drill-${user.id.slice(0, 8)}@gmail.test`;
    standin.addAccount({ email });
    await connectGoogle(user, email);
    await clearQueuedJobs();
    const caller = await callerFor(user);
    const events: { id: string }[] = [];
    for (let i = 0; i < EVENTS; i++) {
      events.push(await caller.calendarEvents.create({ title: `Before ${i}`, timezone: 'UTC', start: `${inDays(3 + i)}T09:00`, end: `${inDays(3 + i)}T10:00` }));
    }
    const links = () => Promise.all(events.map((e) => linkOf(e.id)));
    await waitFor(links, (ls) => ls.every((l) => l?.state === 'SYNCED'), 60_000, 'synced before the fault');

    const paths = new Map(events.map((e) => [`/calendar/v3/calendars/primary/events/${googleIdFor(e.id)}`, e.id]));
    const firstRequest = standin.requests.length;
    const faultStart = Date.now();
    standin.inject({ path: CALENDAR_API, status: 500, times: 1_000_000 });
    for (const [i, e] of events.entries()) await caller.calendarEvents.update({ id: e.id, patch: { title: `During outage ${i}` } });
    await sleep(OUTAGE_MS / 2);
    standin.clearFaults();
    standin.inject({ path: CALENDAR_API, status: 429, reason: 'rateLimitExceeded', retryAfterSec: RETRY_AFTER_SEC, times: 1_000_000 });
    await sleep(faultStart + OUTAGE_MS - Date.now());
    standin.clearFaults();
    const faultEnd = Date.now();

    await waitFor(links, (ls) => ls.every((l) => l?.state === 'SYNCED' || l?.state === 'FAILED'), OUTAGE_MS * 2 + 60_000, 'pushed after the fault');
    const recoveredAt = Date.now();
    await sleep(1500); // a stray extra push would show up here
    await flushIntegrationEvents();

    const final = await links();
    expect(final.map((l) => ({ state: l!.state, attempts: l!.attempts, lastError: l!.lastError }))).toEqual(events.map(() => ({ state: 'SYNCED', attempts: 0, lastError: null })));
    for (const [i, e] of events.entries()) expect(standin.getEvent(email, googleIdFor(e.id))?.summary).toBe(`During outage ${i}`);

    const calls = standin.requests.slice(firstRequest).filter((r) => paths.has(r.path));
    const failed = calls.filter((r) => r.status >= 400);
    const byEvent = new Map<string, RecordedRequest[]>();
    for (const r of calls) byEvent.set(paths.get(r.path)!, [...(byEvent.get(paths.get(r.path)!) ?? []), r]);
    // Nothing got through during the outage; afterwards exactly one successful write per edit.
    expect(calls.filter((r) => r.status < 400 && atMs(r) < faultEnd)).toEqual([]);
    for (const e of events) {
      const writes = byEvent.get(e.id)!.filter((r) => r.status < 400 && r.method !== 'GET');
      expect(writes.map((r) => r.method)).toEqual(['PATCH']);
    }
    // Both halves were met, and no retry came sooner than the Retry-After it was given.
    expect(failed.some((r) => r.status === 500)).toBe(true);
    expect(failed.some((r) => r.status === 429)).toBe(true);
    const gaps: number[] = [];
    for (const list of byEvent.values()) {
      list.forEach((r, i) => {
        if (r.status === 429 && list[i + 1]) gaps.push(atMs(list[i + 1]!) - atMs(r));
      });
    }
    expect(gaps.length).toBeGreaterThan(0);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(RETRY_AFTER_SEC * 1000 - 50);

    // One google_calendar error event per failed call, and one ok event per successful one.
    const { rows } = await getPool().query<{ outcome: string; n: string }>(
      `SELECT CASE WHEN ok THEN 'ok' ELSE 'error' END outcome, count(*) n FROM integration_events
       WHERE provider = 'google_calendar' AND correlation_id = ANY($1::text[]) AND occurred_at >= $2::timestamptz GROUP BY outcome`,
      [events.map((e) => e.id), new Date(faultStart).toISOString()],
    );
    const logged = Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
    expect(logged).toEqual({ error: failed.length, ok: calls.length - failed.length });

    const firstOk = calls.find((r) => r.status < 400 && atMs(r) >= faultEnd);
    recordDrill({
      drill: 'google-500-then-429',
      outageMs: faultEnd - faultStart,
      unit: 'event push (Calendar API write)',
      requests: calls.length,
      acknowledged: calls.length - failed.length,
      failures: failed.length,
      lost: final.filter((l) => l!.state !== 'SYNCED').length,
      doubled: calls.filter((r) => r.status < 400 && r.method !== 'GET').length - events.length,
      firstSuccessAfterFaultMs: firstOk ? atMs(firstOk) - faultEnd : null,
      recoveredAfterFaultMs: recoveredAt - faultEnd,
      details: {
        phases: '500 for the first half, 429 rateLimitExceeded with Retry-After for the second',
        retryAfterSec: RETRY_AFTER_SEC,
        shortestGapAfter429Ms: Math.min(...gaps),
        answered500: failed.filter((r) => r.status === 500).length,
        answered429: failed.filter((r) => r.status === 429).length,
        pushMaxAttempts: getConfig().google.pushMaxAttempts,
      },
    });
  });
});
