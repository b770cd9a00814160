// Enqueueing jobs from any process. The web process may not run jobs (JOBS_IN_SERVER=false),
// yet a request must still queue a Google push: then a small Agenda that never processes
// writes the job row, and whichever worker runs jobs picks it up.
import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { getDatabaseUrl } from '../db.ts';

let running: Agenda | null = null;
let enqueueOnly: Agenda | null = null;

/** startJobs() hands over its Agenda so jobs queued in-process are seen at once. */
export function setRunningAgenda(agenda: Agenda | null): void {
  running = agenda;
}

export async function jobQueue(): Promise<Agenda> {
  if (running) return running;
  if (!enqueueOnly) {
    enqueueOnly = new Agenda({ backend: new PostgresBackend({ poolConfig: { connectionString: getDatabaseUrl(), max: 2 } }) });
  }
  await enqueueOnly.ready;
  return enqueueOnly;
}

export async function closeJobQueue(): Promise<void> {
  const agenda = enqueueOnly;
  enqueueOnly = null;
  await agenda?.stop().catch(() => undefined);
}
