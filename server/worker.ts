// Jobs without HTTP, for deployments that split them out (CAL-O3). Migrations are the server's job.
import { boot } from './boot.ts';
import { startJobs } from './jobs/agenda.ts';
import { taggedLogger } from './logger.ts';
import { pendingMigrations } from './http/health.ts';

const log = taggedLogger('jobs');

const booted = await boot({ migrate: false });
const pending = await pendingMigrations();
if (pending.length) {
  log.error({ pending }, 'database schema is behind: run `npm run db:migrate` (or start the server) first');
  await booted.close();
  process.exit(1);
}
const jobs = await startJobs({ databaseUrl: booted.database.url, kind: 'worker' });
log.info('worker running; Ctrl+C to stop');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await jobs.stop();
    await booted.close();
    process.exit(0);
  });
}
