// Jobs without HTTP, for deployments that split them out (CAL-O3). Migrations are the server's job.
import { boot } from './boot.ts';
import { startJobs } from './jobs/agenda.ts';
import { taggedLogger } from './logger.ts';
import { pendingMigrations } from './http/health.ts';
import { setMetricsProcess } from './metrics/metrics.ts';
import { serveMetrics } from './http/metrics.ts';
import express from 'express';

const log = taggedLogger('jobs');

const booted = await boot({ migrate: false });
const pending = await pendingMigrations();
if (pending.length) {
  log.error({ pending }, 'database schema is behind: run `npm run db:migrate` (or start the server) first');
  await booted.close();
  process.exit(1);
}
setMetricsProcess('worker');
const jobs = await startJobs({ databaseUrl: booted.database.url, kind: 'worker' });
// No HTTP for users here; only Prometheus' scrape, when a port is given.
const metricsPort = booted.config.workerMetricsPort;
const metricsServer = metricsPort ? express().get('/metrics', serveMetrics).listen(metricsPort, booted.config.host) : null;
log.info({ metricsPort: metricsPort ?? null }, 'worker running; Ctrl+C to stop');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    metricsServer?.close();
    await jobs.stop();
    await booted.close();
    process.exit(0);
  });
}
