// Enqueueing jobs from any process. The web process may not run jobs (JOBS_IN_SERVER=false),
// yet a request must still queue a Google push: then a small Agenda that never processes
// writes the job row, and whichever worker runs jobs picks it up.
import { Agenda } from 'agenda';
import { connectAgenda, createAgendaBackend } from './agenda-backend.ts';
import type pg from 'pg';
import { createPgPool, getDatabaseUrl } from '../db.ts';

let running: Agenda | null = null;
// The promise, so concurrent first callers share one connect.
let enqueueOnly: { agenda: Promise<Agenda>; pool: pg.Pool } | null = null;

/** startJobs() hands over its Agenda so jobs queued in-process are seen at once. */
export function setRunningAgenda(agenda: Agenda | null): void {
  running = agenda;
}

export async function jobQueue(): Promise<Agenda> {
  if (running) return running;
  if (!enqueueOnly) {
    const pool = createPgPool({ connectionString: getDatabaseUrl(), max: 2, idleTimeoutMillis: 10_000 });
    const agenda = connectAgenda(() => new Agenda({ backend: createAgendaBackend({ pool }) }));
    const queue = { agenda, pool };
    enqueueOnly = queue;
    // A failed connect (database down) must not be remembered: the next call tries again.
    agenda.catch(() => {
      if (enqueueOnly === queue) enqueueOnly = null;
      void pool.end().catch(() => undefined);
    });
  }
  return enqueueOnly.agenda;
}

export async function closeJobQueue(): Promise<void> {
  const queue = enqueueOnly;
  enqueueOnly = null;
  if (!queue) return;
  await queue.agenda.then((agenda) => agenda.stop()).catch(() => undefined);
  await queue.pool.end().catch(() => undefined);
}
