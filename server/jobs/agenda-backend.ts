// Agenda's job store (issue 10): PostgreSQL by default, the product's own database, or MongoDB
// through @agendajs/mongo-backend over the official driver when AGENDA_BACKEND=mongodb. Both
// give Agenda the same contract (locking, unique/debounce upserts, notifications); the jobs
// dashboard's SQL views exist only for PostgreSQL (server/jobs/agenda-table.ts says so).
import type { Agenda, AgendaBackend } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type pg from 'pg';
import { getConfig } from '../config.ts';
import { getPool } from '../db.ts';

/** The collection/table name is the same on both stores, so operators find the jobs by one name. */
export const AGENDA_COLLECTION = 'agenda_jobs';

/** The pool is the caller's (created with createPgPool, ended by the caller). */
export function createAgendaBackend(opts: { pool: pg.Pool }): AgendaBackend {
  const { backend, mongodbUrl } = getConfig().jobs;
  if (backend === 'mongodb') return new MongoBackend({ address: mongodbUrl!, collection: AGENDA_COLLECTION });
  return new PostgresBackend({ pool: opts.pool, tableName: AGENDA_COLLECTION });
}

export function jobStoreIsPostgres(): boolean {
  return getConfig().jobs.backend === 'postgres';
}

/** Any fixed number: it only has to be the same in every process on this database. */
const SCHEMA_LOCK_KEY = 7_305_117_001;

/**
 * An Agenda whose backend has connected. On PostgreSQL the backend creates its tables and
 * types on connect, and two processes doing that at once fail on PostgreSQL's catalog
 * ("duplicate key … pg_type_typname_nsp_index", seen with two workers starting together):
 * connecting is serialised across processes with an advisory lock.
 */
export async function connectAgenda(create: () => Agenda): Promise<Agenda> {
  if (!jobStoreIsPostgres()) {
    const agenda = create();
    await agenda.ready;
    return agenda;
  }
  const client = await getPool().connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    const agenda = create();
    await agenda.ready;
    return agenda;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
