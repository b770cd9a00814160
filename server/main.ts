// Boot order: config -> database (+ migrations, demo seed) -> jobs -> HTTP. Shutdown in reverse.
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ROOT_DIR } from './config.ts';
import { boot } from './boot.ts';
import { seedDemo, type DemoCredentials } from './dev/seed-demo.ts';
import { createApp } from './http/app.ts';
import { startJobs, type JobRunner } from './jobs/agenda.ts';
import { logger, taggedLogger } from './logger.ts';
import { smtpTarget } from './reminders/mailer.ts';
import { googleEndpoints, setWebhookBaseUrl } from './google/google-endpoints.ts';
import { setMetricsProcess } from './metrics/metrics.ts';
import { warmUpFeedPath } from './ics/warm-up-feed-path.ts';

const log = taggedLogger('boot');

function banner(url: string, credentials: DemoCredentials | null, embedded: boolean, dataDir: string, mail: string, google: string, passwordFromEnv: boolean) {
  const lines = [``, `  opsdeck is running at ${url}`, embedded ? `  database: embedded PostgreSQL (data in ${path.relative(process.cwd(), dataDir) || '.'}/)` : `  database: DATABASE_URL`, `  mail: ${mail}`, `  google: ${google}`];
  if (credentials) {
    // A generated password is printed because nobody else knows it; one the operator set in
    // DEMO_PASSWORD stays out of the output (and out of any log collector reading it).
    lines.push(``, `  Demo accounts (password: ${passwordFromEnv ? 'the one in DEMO_PASSWORD' : credentials.password})`);
    for (const a of credentials.accounts) lines.push(`    ${a.role.padEnd(8)} ${a.email}`);
  }
  lines.push(``, `  Ctrl+C to stop`, ``);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  const started = Date.now();
  setMetricsProcess('web');
  const booted = await boot({ migrate: true, devServices: 'start' });
  const { config, database } = booted;

  const seedWanted = database.embedded || config.seedDemo;
  const demo = seedWanted ? await seedDemo({ dataDir: config.dataDir, password: config.demoPassword }) : null;

  const jobs: JobRunner | null = config.jobsInServer ? await startJobs({ databaseUrl: database.url, kind: 'web' }) : null;

  // The first calendar app to poll after a restart must not pay for the process's cold start.
  const warmUpMs = await warmUpFeedPath().catch((error: unknown) => {
    log.warn({ err: error }, 'feed warm-up failed; the first feed request will be slower');
    return null;
  });
  const app = createApp({ clientDir: path.join(ROOT_DIR, 'dist', 'client'), trustProxy: config.isProduction });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const port = (server.address() as AddressInfo).port;
  const url = config.databaseUrl || config.port !== port ? `http://localhost:${port}` : config.publicBaseUrl;
  log.info({ port, ms: Date.now() - started, warmUpMs, jobsInServer: config.jobsInServer }, 'server listening');
  const smtp = smtpTarget();
  const mail = !smtp ? 'not sent (SMTP_URL is unset)' : smtp.catcher ? `local mail catcher on ${smtp.url}, read it at ${url}/mailbox` : 'SMTP_URL';
  // Google posts watch notifications to the address this process really listens on.
  setWebhookBaseUrl(`http://127.0.0.1:${port}`);
  const endpoints = await googleEndpoints();
  const google = !endpoints ? 'not configured (GOOGLE_CLIENT_ID unset)' : endpoints.standin ? `local Google stand-in on ${endpoints.apiBaseUrl} ("Connect Google Calendar" works offline)` : 'GOOGLE_CLIENT_ID';
  banner(url, demo?.credentials ?? null, database.embedded, config.dataDir, mail, google, Boolean(config.demoPassword));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took over 25 s; exiting');
      process.exit(1);
    }, 25_000).unref();
    // Stop taking requests, let in-flight ones finish, drop idle keep-alive sockets.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let code = 0;
    // Each step runs even if an earlier one failed: a stuck job must not leave PostgreSQL running.
    for (const [name, step] of [
      ['http', () => closed],
      ['jobs', () => jobs?.stop()],
      ['database', () => booted.close()],
    ] as const) {
      try {
        await step();
      } catch (error) {
        code = 1;
        log.error({ err: error, step: name }, `shutdown step ${name} failed`);
      }
    }
    clearTimeout(force);
    logger.flush();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  logger.fatal({ err: error }, 'start-up failed');
  process.stderr.write(`opsdeck could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
