// Database commands that work with no network: Prisma's WebAssembly schema engine
// instead of the CLI's downloaded binary. Against the embedded PostgreSQL they use the
// instance `npm start` runs, or start one for the duration of the command.
import { loadConfigOrExit } from '../server/boot.ts';
import { connectDatabase, disconnectDatabase } from '../server/db.ts';
import { resolveDatabase } from '../server/database-url.ts';
import { applyMigrations, createMigration, migrationStatus } from '../server/dev/schema-engine.ts';
import { seedDemo } from '../server/dev/seed-demo.ts';

const USAGE = `usage: npm run db:migrate | npm run db:migration -- NAME | npm run db:status | npm run db:seed`;

async function main(command: string | undefined, arg: string | undefined): Promise<number> {
  const config = loadConfigOrExit();
  const database = await resolveDatabase(config);
  try {
    switch (command) {
      case 'migrate': {
        const { applied } = await applyMigrations(database.url);
        console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'Database is up to date.');
        return 0;
      }
      case 'migration': {
        if (!arg || !/^[a-z0-9_]+$/.test(arg)) {
          console.error('Name the migration in snake_case: npm run db:migration -- add_calendar_events');
          return 2;
        }
        const { dir, sql } = await createMigration(database.url, arg);
        if (!dir) {
          console.log('schema.prisma matches the migrations: nothing to create.');
          return 0;
        }
        console.log(`Created ${dir}\n\n${sql}`);
        return 0;
      }
      case 'status': {
        const status = await migrationStatus(database.url);
        console.log(JSON.stringify(status, null, 2));
        return status.pending.length ? 1 : 0;
      }
      case 'seed': {
        connectDatabase(database.url);
        const { seeded, credentials } = await seedDemo({ dataDir: config.dataDir, password: config.demoPassword, force: true });
        console.log(seeded ? 'Demo accounts written.' : 'Nothing seeded.');
        if (credentials) {
          console.log(`Password: ${credentials.password}`);
          for (const a of credentials.accounts) console.log(`  ${a.role.padEnd(8)} ${a.email}`);
        }
        await disconnectDatabase();
        return 0;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  } finally {
    await database.stop();
  }
}

process.exitCode = await main(process.argv[2], process.argv[3]);
