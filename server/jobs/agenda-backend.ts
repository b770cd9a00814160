// Agenda's job store (issue 10): PostgreSQL by default, the product's own database, or MongoDB
// through @agendajs/mongo-backend over the official driver when AGENDA_BACKEND=mongodb. Both
// give Agenda the same contract (locking, unique/debounce upserts, notifications); the jobs
// dashboard's SQL views exist only for PostgreSQL (server/jobs/agenda-table.ts says so).
import type { AgendaBackend } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type pg from 'pg';
import { getConfig } from '../config.ts';

/** The collection/table name is the same on both stores, so operators find the jobs by one name. */
export const AGENDA_COLLECTION = 'agenda_jobs';

export function createAgendaBackend(opts: { databaseUrl: string } | { pool: pg.Pool }): AgendaBackend {
  const { backend, mongodbUrl } = getConfig().jobs;
  if (backend === 'mongodb') return new MongoBackend({ address: mongodbUrl!, collection: AGENDA_COLLECTION });
  return 'pool' in opts
    ? new PostgresBackend({ pool: opts.pool, tableName: AGENDA_COLLECTION })
    : new PostgresBackend({ poolConfig: { connectionString: opts.databaseUrl, max: 4 }, tableName: AGENDA_COLLECTION });
}

export function jobStoreIsPostgres(): boolean {
  return getConfig().jobs.backend === 'postgres';
}
