// One PostgreSQL for the whole run: TEST_DATABASE_URL if given, else an embedded
// cluster on a free port in a temp dir. Migrations are applied once, to a template
// database that every test file clones (CREATE DATABASE ... TEMPLATE is ~fast).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, startOrFindEmbeddedPostgres } from '../../server/dev/embedded-postgres.ts';
import { applyMigrations } from '../../server/dev/schema-engine.ts';
import { ensureProviderCatalog } from '../../server/integrations/provider-catalog.ts';
import { ensurePlaybooks } from '../../server/playbooks/ensure-playbooks.ts';
import { ensureReleaseChecklist } from '../../server/releases/ensure-release-checklist.ts';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let baseUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  let dir: string | undefined;
  if (!baseUrl) {
    dir = mkdtempSync(path.join(tmpdir(), 'opsdeck-test-pg-'));
    const pg = await startOrFindEmbeddedPostgres({ dir: path.join(dir, 'postgres') });
    baseUrl = pg.url;
    stop = pg.stop;
  }
  const templateName = `opsdeck_template_${process.pid}`;
  await dropDatabase(baseUrl, templateName);
  await createDatabase(baseUrl, templateName);
  const templateUrl = withDatabase(baseUrl, templateName);
  await applyMigrations(templateUrl);
  // Reference data every database starts with (the server inserts it at boot).
  const client = new pg.Client({ connectionString: templateUrl });
  await client.connect();
  await ensureProviderCatalog(client)
    .then(() => ensurePlaybooks(client))
    .then(() => ensureReleaseChecklist(client))
    .finally(() => client.end());
  project.provide('templateDatabaseUrl', templateUrl);

  return async () => {
    await dropDatabase(baseUrl!, templateName).catch(() => undefined);
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
