// Shared start-up for every entry point (server, worker, CLIs): config -> database -> migrations.
import { ConfigError, getConfig, type Config } from './config.ts';
import { connectDatabase, disconnectDatabase } from './db.ts';
import { resolveDatabase, type DatabaseHandle } from './database-url.ts';
import { applyMigrations } from './dev/schema-engine.ts';
import { taggedLogger } from './logger.ts';
import { ensureProviderCatalog } from './integrations/provider-catalog.ts';
import { ensurePlaybooks } from './playbooks/ensure-playbooks.ts';
import { ensureReleaseChecklist } from './releases/ensure-release-checklist.ts';
import { flushIntegrationEvents } from './integrations/log-integration-event.ts';
import { closeMailer, useMailCatcher } from './reminders/mailer.ts';
import { findMailCatcher, setMailCatcher, startMailCatcher, type MailCatcher } from './dev/mail-catcher.ts';
import { flushFeedWrites } from './ics/write-behind.ts';
import { findDemoGoogle, setDemoGoogle, startDemoGoogle } from './dev/google-standin-runtime.ts';
import { useGoogleEndpoints } from './google/google-endpoints.ts';
import { closeJobQueue } from './jobs/queue.ts';

export type Booted = { config: Config; database: DatabaseHandle; close: () => Promise<void> };

/** Reads config or exits with one line per problem: a bad environment is not worth a stack trace. */
export function loadConfigOrExit(): Config {
  try {
    return getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

export type BootOptions = {
  migrate: boolean;
  /**
   * Outside production the server starts the local stand-ins (the mail catcher when SMTP_URL is
   * unset, the Google stand-in when GOOGLE_CLIENT_ID is); workers and CLIs use the ones the
   * server runs (if any), so all mail lands in one Mailbox and all demo Google calls in one place.
   */
  devServices?: 'start' | 'find';
};

export async function boot(opts: BootOptions): Promise<Booted> {
  const config = loadConfigOrExit();
  const log = taggedLogger('boot');
  const database = await resolveDatabase(config);
  if (opts.migrate) {
    const { applied } = await applyMigrations(database.url);
    if (applied.length) log.info({ applied }, 'migrations applied');
  }
  connectDatabase(database.url, { poolSize: config.databasePoolSize });
  // Built-in providers must exist before the first integration event is written.
  await ensureProviderCatalog();
  // Seeded playbooks and checklist items: inserted once, admins own them from then on.
  await ensurePlaybooks();
  await ensureReleaseChecklist();
  const catcher = await setUpMailCatcher(config, opts.devServices ?? 'find');
  const demoGoogle = await setUpDemoGoogle(config, opts.devServices ?? 'find');
  return {
    config,
    database,
    async close() {
      // Jobs have stopped (callers stop them first), so no reminder is mid-send on the pool.
      closeMailer();
      await closeJobQueue();
      if (demoGoogle) {
        setDemoGoogle(null);
        useGoogleEndpoints(undefined);
        await demoGoogle.close();
      }
      if (catcher) {
        setMailCatcher(null);
        await catcher.close();
      }
      // Buffered integration events are written while the database is still there.
      await flushIntegrationEvents();
      // Rendered feed text still being stored must not be cut off by the disconnect.
      await flushFeedWrites();
      await disconnectDatabase();
      await database.stop();
    },
  };
}

async function setUpMailCatcher(config: Config, mode: 'start' | 'find'): Promise<MailCatcher | null> {
  if (!config.mailCatcher.enabled) return null;
  const log = taggedLogger('reminder');
  if (mode === 'find') {
    useMailCatcher(() => findMailCatcher(config.mailCatcher.discoveryFile));
    return null;
  }
  const catcher = await startMailCatcher({ port: config.mailCatcher.port, discoveryFile: config.mailCatcher.discoveryFile });
  setMailCatcher(catcher);
  useMailCatcher(catcher.url);
  log.info({ url: catcher.url }, 'SMTP_URL is not set: reminder e-mails go to the local mail catcher (Mailbox page)');
  return catcher;
}

/** Demo mode (no GOOGLE_CLIENT_ID outside production): the server runs the Google stand-in. */
async function setUpDemoGoogle(config: Config, mode: 'start' | 'find') {
  if (!config.google.standin.enabled) return null;
  const { discoveryFile } = config.google.standin;
  if (mode === 'find') {
    useGoogleEndpoints(() => findDemoGoogle(discoveryFile));
    return null;
  }
  const demo = await startDemoGoogle({ port: config.google.standin.port, discoveryFile });
  setDemoGoogle(demo.standin);
  useGoogleEndpoints(demo.endpoints);
  taggedLogger('sync').info({ url: demo.standin.url }, 'GOOGLE_CLIENT_ID is not set: "Connect Google Calendar" uses the local Google stand-in');
  return demo;
}
