// Where the database is: DATABASE_URL when set, otherwise the embedded PostgreSQL
// under DATA_DIR. A second process (worker, CLI) finds the instance `npm start` runs.
import path from 'node:path';
import type { Config } from './config.ts';
import { startOrFindEmbeddedPostgres } from './dev/embedded-postgres.ts';
import { taggedLogger } from './logger.ts';

export type DatabaseHandle = { url: string; embedded: boolean; owned: boolean; stop: () => Promise<void> };

export async function resolveDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, owned: false, stop: async () => {} };
  }
  const log = taggedLogger('db');
  const pg = await startOrFindEmbeddedPostgres({
    dir: path.join(config.dataDir, 'postgres'),
    log: (line) => log.debug(line),
  });
  log.info({ owned: pg.owned }, pg.owned ? 'embedded PostgreSQL started' : 'using the embedded PostgreSQL already running');
  return { url: pg.url, embedded: true, owned: pg.owned, stop: pg.stop };
}
